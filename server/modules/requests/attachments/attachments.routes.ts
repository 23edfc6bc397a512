import { assertNoNulByte, multipartInputError } from '../../../platform/http/input-guards';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { invalidField } from '../../../platform/http/app-error';
import { readSecurity, writeSecurity } from '../../../platform/http/openapi-security';
import { ProblemSchema } from '../../../platform/http/problem.schemas';
import { principalOf } from '../../../platform/http/request-context';
import { IdParams } from '../requests.schemas';
import { eventVisibilities, type EventVisibility } from '../requests.tables';
import {
  AgentUploadBody,
  AttachmentParams,
  AttachmentView,
  attachmentTags,
  CitizenUploadBody,
  FileDownload,
  TrackingCodeHeaders,
} from './attachments.schemas';
import {
  addAttachment,
  attachmentTooLarge,
  checkUploadAllowed,
  listAttachmentsForAgent,
  listOwnAttachments,
  openAttachment,
  receiveFile,
  uploaderOf,
  type AttachmentDownload,
  type ReceivedFile,
} from './attachments.use-cases';
import { contentDisposition, toAttachmentView } from './attachments.views';

const uploadProblems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  413: ProblemSchema,
  415: ProblemSchema,
};
const downloadProblems = { 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

interface ReceivedUpload {
  file: ReceivedFile;
  fileName: string | undefined;
  fields: Record<string, string>;
}

/**
 * Reads a multipart upload: text fields, and exactly one file part named `file`, streamed into
 * the store's temporary area with the size limit applied while it arrives.
 */
async function readUpload(request: FastifyRequest, maxBytes: number): Promise<ReceivedUpload> {
  if (!request.isMultipart()) throw invalidField('file', 'send the file as multipart/form-data');
  const fields: Record<string, string> = {};
  let received: { file: ReceivedFile; fileName: string | undefined } | undefined;
  try {
    // busboy stops one byte past the limit; the store refuses that byte and keeps nothing.
    const parts = request.parts({ limits: { fileSize: maxBytes + 1 } });
    for await (const part of parts) {
      if (part.type === 'field') {
        assertNoNulByte(part.fieldname, String(part.value));
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== 'file' || received) {
        part.file.resume();
        throw invalidField(part.fieldname, 'send one file per request, in the part named "file"');
      }
      const file = await receiveFile(request.server.ctx, part.file, maxBytes);
      received = { file, fileName: part.filename };
      if (part.file.truncated) throw attachmentTooLarge(maxBytes);
    }
  } catch (error) {
    await received?.file.staged.discard();
    // The multipart parser's refusals (limits, no boundary, cut short) carry no code of ours.
    throw multipartInputError(error) ?? error;
  }
  if (!received) throw invalidField('file', 'is required');
  return { ...received, fields };
}

function sendFile(reply: FastifyReply, { attachment, stream }: AttachmentDownload) {
  return reply
    .header('content-type', attachment.mediaType)
    .header('content-length', attachment.sizeBytes)
    .header('content-disposition', contentDisposition(attachment.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(stream);
}

function parseVisibility(raw: string | undefined): EventVisibility {
  if (raw === undefined || raw === '') return 'internal';
  if ((eventVisibilities as readonly string[]).includes(raw)) return raw as EventVisibility;
  throw invalidField('visibility', 'must be public or internal');
}

/**
 * Attachments: the citizen adds files to their request (or, without an account, right after
 * filing it, with its tracking code) and downloads the public ones; agents add files (internal by
 * default) and download any within their scope. Files never show on the public tracking page.
 */
export const attachmentsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Encapsulated: multipart bodies are parsed for these routes only.
  await app.register(fastifyMultipart, {
    // Our store enforces the size while streaming and answers ATTACHMENT_TOO_LARGE.
    throwFileSizeLimit: false,
    limits: { fieldNameSize: 100, fieldSize: 1000, fields: 10, files: 2, parts: 12, headerPairs: 100 },
  });
  const maxBytes = () => app.ctx.config.attachmentMaxBytes;
  // Validation of the documented multipart body would see no body at all: the handler streams it.
  const streamedBody = async (request: FastifyRequest) => {
    request.body = {};
  };

  app.post(
    '/requests/:id/attachments',
    {
      preValidation: streamedBody,
      schema: {
        tags: attachmentTags,
        summary: 'Attach a file to one’s own open request (or with its tracking code, without an account)',
        description:
          'multipart/form-data with one `file` part. The type is judged from the content; the size ' +
          'is limited (ATTACHMENT_MAX_BYTES, 10 MiB by default); at most 10 files per request. ' +
          'Without a session, the `X-Tracking-Code` header of a request filed without an account ' +
          'opens it. The attachment is public: the citizen and the agents see it.',
        security: [...writeSecurity, {}],
        params: IdParams,
        headers: TrackingCodeHeaders,
        body: CitizenUploadBody,
        response: { 201: AttachmentView, ...uploadProblems },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const uploader = await uploaderOf(app.ctx, principal, 'citizen', request.headers['x-tracking-code']);
      await checkUploadAllowed(app.ctx, principal, request.params.id, uploader);
      const upload = await readUpload(request, maxBytes());
      const attachment = await addAttachment(app.ctx, principal, {
        requestId: request.params.id,
        uploader,
        file: upload.file,
        fileName: upload.fileName,
      });
      return reply.status(201).send(toAttachmentView(attachment, 'citizen'));
    },
  );

  app.get(
    '/requests/:id/attachments',
    {
      schema: {
        tags: attachmentTags,
        summary: 'The public attachments of one’s own request',
        security: readSecurity,
        params: IdParams,
        response: { 200: Type.Array(AttachmentView), 401: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const rows = await listOwnAttachments(app.ctx, principalOf(request), request.params.id);
      return rows.map((row) => toAttachmentView(row, 'citizen'));
    },
  );

  app.get(
    '/requests/:id/attachments/:attachmentId',
    {
      schema: {
        tags: attachmentTags,
        summary: 'Download a public attachment of one’s own request',
        security: readSecurity,
        params: AttachmentParams,
        response: { 200: FileDownload, ...downloadProblems },
      },
    },
    async (request, reply) => {
      const download = await openAttachment(
        app.ctx,
        principalOf(request),
        'citizen',
        request.params.id,
        request.params.attachmentId,
      );
      return sendFile(reply, download);
    },
  );

  app.post(
    '/backoffice/requests/:id/attachments',
    {
      preValidation: streamedBody,
      schema: {
        tags: attachmentTags,
        summary: 'Attach a file to a request (agents, within their scope)',
        description:
          'multipart/form-data: an optional `visibility` field (public or internal, default ' +
          'internal; send it before the file) and one `file` part. Same type and size rules as ' +
          'the citizen’s upload; at most 10 files per request.',
        security: writeSecurity,
        params: IdParams,
        body: AgentUploadBody,
        response: { 201: AttachmentView, ...uploadProblems },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const uploader = await uploaderOf(app.ctx, principal, 'agent');
      await checkUploadAllowed(app.ctx, principal, request.params.id, uploader);
      const upload = await readUpload(request, maxBytes());
      let visibility: EventVisibility;
      try {
        visibility = parseVisibility(upload.fields.visibility);
      } catch (error) {
        await upload.file.staged.discard();
        throw error;
      }
      const attachment = await addAttachment(app.ctx, principal, {
        requestId: request.params.id,
        uploader,
        file: upload.file,
        fileName: upload.fileName,
        visibility,
      });
      return reply.status(201).send(toAttachmentView(attachment, 'agent'));
    },
  );

  app.get(
    '/backoffice/requests/:id/attachments',
    {
      schema: {
        tags: attachmentTags,
        summary: 'Every attachment of a request (agents, within their scope)',
        security: readSecurity,
        params: IdParams,
        response: {
          200: Type.Array(AttachmentView),
          401: ProblemSchema,
          403: ProblemSchema,
          404: ProblemSchema,
        },
      },
    },
    async (request) => {
      const rows = await listAttachmentsForAgent(app.ctx, principalOf(request), request.params.id);
      return rows.map((row) => toAttachmentView(row, 'agent'));
    },
  );

  app.get(
    '/backoffice/requests/:id/attachments/:attachmentId',
    {
      schema: {
        tags: attachmentTags,
        summary: 'Download an attachment of a request (agents, within their scope)',
        security: readSecurity,
        params: AttachmentParams,
        response: { 200: FileDownload, ...downloadProblems },
      },
    },
    async (request, reply) => {
      const download = await openAttachment(
        app.ctx,
        principalOf(request),
        'agent',
        request.params.id,
        request.params.attachmentId,
      );
      return sendFile(reply, download);
    },
  );
};
