import { Type } from 'typebox';
import { type ActorKind, actorKinds } from '../lifecycle';
import { eventVisibilities, type EventVisibility } from '../requests.tables';

/** TypeBox schemas of the attachment routes (citizen and back office). */

export const attachmentTags = ['attachments'];

const Id = Type.String({ format: 'uuid' });
export const Visibility = Type.Unsafe<EventVisibility>({ type: 'string', enum: [...eventVisibilities] });
const ActorKindSchema = Type.Unsafe<ActorKind>({ type: 'string', enum: [...actorKinds] });

export const AttachmentParams = Type.Object({ id: Id, attachmentId: Id });

export const AttachmentView = Type.Object({
  id: Id,
  fileName: Type.String(),
  /** Sniffed from the content, never the name or the type the client claimed. */
  mediaType: Type.String(),
  sizeBytes: Type.Integer({ minimum: 0 }),
  visibility: Visibility,
  uploadedByKind: ActorKindSchema,
  createdAt: Type.String({ format: 'date-time' }),
  downloadUrl: Type.String(),
});

export const TrackingCodeHeaders = Type.Object({
  'x-tracking-code': Type.Optional(
    Type.String({
      maxLength: 40,
      description:
        'The request’s tracking code, for a request filed without an account (the anonymous ' +
        'portal form attaches its files right after submission). Not needed with a session.',
    }),
  ),
});

const fileProperty = Type.String({
  format: 'binary',
  description:
    'The file (required, one per request). Its type is judged from its content: PDF, JPEG, PNG, ' +
    'GIF, WebP, HEIC/HEIF, TIFF, ODT or DOCX.',
});

/**
 * The multipart bodies, for the OpenAPI document only: the file is streamed by the handler (so
 * its size limit applies while it arrives), so validation cannot require the part here.
 */
export const CitizenUploadBody = {
  content: {
    'multipart/form-data': {
      schema: Type.Object({ file: Type.Optional(fileProperty) }),
    },
  },
};

export const AgentUploadBody = {
  content: {
    'multipart/form-data': {
      schema: Type.Object({
        visibility: Type.Optional(
          Type.Unsafe<EventVisibility>({
            type: 'string',
            enum: [...eventVisibilities],
            default: 'internal',
            description: 'Whether the citizen sees it; send it before the file part. Default internal.',
          }),
        ),
        file: Type.Optional(fileProperty),
      }),
    },
  },
};

export const FileDownload = {
  description: 'The file, with its sniffed media type, as an attachment (Content-Disposition)',
  content: { 'application/octet-stream': { schema: Type.String({ format: 'binary' }) } },
};
