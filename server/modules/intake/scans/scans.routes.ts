import { assertNoNulByte, multipartInputError } from '../../../platform/http/input-guards';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { type RequestStatus, requestStatuses } from '../../../../common/requests';
import { AppError, invalidField } from '../../../platform/http/app-error';
import { readSecurity, writeSecurity } from '../../../platform/http/openapi-security';
import { ProblemSchema } from '../../../platform/http/problem.schemas';
import { principalOf, requireAgent } from '../../../platform/http/request-context';
import { AttachmentParams, attachmentTooLarge, openAttachment } from '../../requests';
import {
  fileScannedLetter,
  maxScanFiles,
  receiveScan,
  scanIntakeFieldNames,
  type ReceivedScan,
  type ScanIntakeFields,
} from './scan-intake';
import { scanViewMediaTypes, sendScanView } from './scan-view';

const Id = Type.String({ format: 'uuid' });

const text = (description: string, maxLength = 200) => Type.Optional(Type.String({ maxLength, description }));

/** The multipart body, for the OpenAPI document only (the handler streams the files). */
const ScanIntakeBody = {
  content: {
    'multipart/form-data': {
      schema: Type.Object({
        subject: text('Default « Courrier reçu le <date> »'),
        description: text('Default: a note that the text is read from the scan', 10_000),
        categoryId: Type.Optional(Id),
        citizenId: Type.Optional(Id),
        priority: Type.Optional(
          Type.Unsafe<string>({ type: 'string', enum: ['low', 'normal', 'high', 'urgent'] }),
        ),
        receivedAt: text('The day the letter arrived (YYYY-MM-DD) or an ISO instant; default now', 40),
        contactName: text('The sender, when known (required with any other contact field)'),
        contactEmail: text('Sender’s e-mail', 254),
        contactPhone: text('Sender’s phone', 30),
        contactLine1: text('Sender’s postal address: street'),
        contactLine2: text('Sender’s postal address: complement'),
        contactPostcode: text('Sender’s postal address: 5-digit postcode', 10),
        contactCity: text('Sender’s postal address: city', 100),
        files: Type.Optional(
          Type.Array(
            Type.String({
              format: 'binary',
              description: 'A scan: PDF, JPEG, PNG or TIFF (judged from the content), one or more pages',
            }),
            { maxItems: maxScanFiles },
          ),
        ),
      }),
    },
  },
};

const ScannedLetterResult = Type.Object({
  id: Id,
  reference: Type.String(),
  trackingCode: Type.String(),
  status: Type.Unsafe<RequestStatus>({ type: 'string', enum: [...requestStatuses] }),
  dueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  attachmentIds: Type.Array(Id),
});

const fieldNames = new Set<string>(scanIntakeFieldNames);

/** Reads the text fields and every `files` (or `file`) part, each streamed into the store's temporary area. */
async function readScanUpload(request: FastifyRequest, maxBytes: number) {
  if (!request.isMultipart()) throw invalidField('files', 'send the scans as multipart/form-data');
  const fields: ScanIntakeFields = {};
  const scans: ReceivedScan[] = [];
  try {
    const parts = request.parts({ limits: { fileSize: maxBytes + 1 } });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (!fieldNames.has(part.fieldname))
          throw invalidField(part.fieldname, 'is not a field of this form');
        assertNoNulByte(part.fieldname, String(part.value));
        fields[part.fieldname as keyof ScanIntakeFields] = String(part.value);
        continue;
      }
      if (part.fieldname !== 'files' && part.fieldname !== 'file') {
        part.file.resume();
        throw invalidField(part.fieldname, 'send the scans in parts named "files"');
      }
      if (scans.length >= maxScanFiles) {
        part.file.resume();
        throw invalidField('files', `send at most ${maxScanFiles} files`);
      }
      const scan = await receiveScan(request.server.ctx, part.file, part.filename, maxBytes);
      scans.push(scan);
      if (part.file.truncated) throw attachmentTooLarge(maxBytes);
    }
  } catch (error) {
    await Promise.all(scans.map((scan) => scan.staged.discard()));
    throw multipartInputError(error) ?? error;
  }
  return { fields, scans };
}

/** Scanned postal mail: reception uploads a letter's scans as a new request with channel `letter`. */
export const scansRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(fastifyMultipart, {
    throwFileSizeLimit: false,
    limits: {
      fieldNameSize: 100,
      fieldSize: 10_000,
      fields: 20,
      files: maxScanFiles + 1,
      parts: maxScanFiles + 22,
      headerPairs: 100,
    },
  });

  app.post(
    '/backoffice/scans',
    {
      preValidation: async (request) => {
        request.body = {};
      },
      schema: {
        tags: ['scans'],
        summary: 'File a scanned postal letter as a new request (channel letter), read by OCR afterwards',
        description:
          'multipart/form-data: optional text fields (send them before the files), then one or more ' +
          '`files` parts: PDF, JPEG, PNG or TIFF, several pages each allowed, at most 10 files of ' +
          'ATTACHMENT_MAX_BYTES each. The request is created waiting for qualification with the scans ' +
          'as internal attachments; an `ocr.extract` job then adds the text (French OCR, or the PDF’s ' +
          'text layer) to the request’s search and an internal `ocr_done` event to its timeline. ' +
          'The contact is optional: the sender may be read on the scan at qualification.',
        security: writeSecurity,
        body: ScanIntakeBody,
        response: {
          201: ScannedLetterResult,
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          413: ProblemSchema,
          415: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      requireAgent(request);
      const { fields, scans } = await readScanUpload(request, app.ctx.config.attachmentMaxBytes);
      const letter = await fileScannedLetter(app.ctx, principalOf(request), fields, scans);
      return reply.status(201).send({ ...letter, dueAt: letter.dueAt?.toISOString() ?? null });
    },
  );

  app.get(
    '/backoffice/requests/:id/scans/:attachmentId',
    {
      schema: {
        tags: ['scans'],
        summary: 'Show a scan in the agent’s page: a PDF, JPEG or PNG attachment served inline',
        description:
          'For the scan beside the qualification form: the same file as the attachment download, ' +
          'within the agent’s scope, but `Content-Disposition: inline` so that the browser shows it ' +
          '(an image, or a PDF in its own viewer in a frame of the page). The document is sandboxed ' +
          '(CSP `sandbox`, nothing loaded, framed by this site only) and its type, judged from the ' +
          'content at upload, is never sniffed again. Other types (TIFF, office files) answer 415: ' +
          'browsers cannot show them, they are downloaded.',
        security: readSecurity,
        params: AttachmentParams,
        response: {
          200: {
            description: 'The file, inline',
            content: Object.fromEntries(
              [...scanViewMediaTypes].map((type) => [type, { schema: Type.String({ format: 'binary' }) }]),
            ),
          },
          401: ProblemSchema,
          403: ProblemSchema,
          404: ProblemSchema,
          415: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const { attachment, stream } = await openAttachment(
        app.ctx,
        principalOf(request),
        'agent',
        request.params.id,
        request.params.attachmentId,
      );
      if (!scanViewMediaTypes.has(attachment.mediaType)) {
        stream.destroy();
        throw new AppError(
          'UNSUPPORTED_MEDIA_TYPE',
          `${attachment.fileName} is of type ${attachment.mediaType}, which browsers do not show: download it.`,
          { mediaType: attachment.mediaType, viewableTypes: [...scanViewMediaTypes] },
        );
      }
      return sendScanView(reply, { attachment, stream });
    },
  );
};
