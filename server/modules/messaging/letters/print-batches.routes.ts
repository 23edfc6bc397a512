import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readSecurity, writeSecurity } from '../../../platform/http/openapi-security';
import { ProblemSchema } from '../../../platform/http/problem.schemas';
import { principalOf, type AgentRole, requireAgent } from '../../../platform/http/request-context';
import { contentDisposition } from '../../../platform/http/content-disposition';
import {
  BatchDownloadQuerySchema,
  BatchLetterParamsSchema,
  CsvDownload,
  LetterPdfDownload,
  PdfDownload,
  PrintBatchDetailSchema,
  PrintBatchListQuerySchema,
  PrintBatchListSchema,
  PrintBatchParamsSchema,
  PrintBatchViewSchema,
  printBatchTags,
  toBatchLetterView,
  toPrintBatchSummary,
  toPrintBatchView,
} from './print-batches.schemas';
import {
  closePrintBatch,
  downloadBatchManifest,
  downloadBatchPdf,
  downloadLetterPdf,
  getPrintBatch,
  listPrintBatches,
  markPrintBatchPosted,
} from './print-batches.use-cases';

/** The print room is run by reception and managers (administrators pass every role check). */
const printRoomRoles: AgentRole[] = ['reception', 'manager'];

const readProblems = { 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const writeProblems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

function requirePrintRoom(request: FastifyRequest) {
  return requireAgent(request, printRoomRoles);
}

function sendDownload(reply: FastifyReply, download: { fileName: string; body: Buffer }, mediaType: string) {
  return reply
    .header('content-type', mediaType)
    .header('content-length', download.body.length)
    .header('content-disposition', contentDisposition(download.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(download.body);
}

/**
 * Postal letters waiting to be printed, one batch per day: the print room downloads a batch as
 * one merged PDF and its CSV manifest (which closes it: later letters go to the next batch),
 * prints, puts the letters in window envelopes and marks the batch as posted.
 */
export const printBatchesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/backoffice/print-batches',
    {
      schema: {
        tags: printBatchTags,
        summary: 'The town’s print batches, most recent day first, with letter counts and cost',
        description: 'Reception, managers and administrators.',
        security: readSecurity,
        querystring: PrintBatchListQuerySchema,
        response: { 200: PrintBatchListSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request) => {
      requirePrintRoom(request);
      const { items, total } = await listPrintBatches(app.ctx, principalOf(request), request.query);
      return { items: items.map(toPrintBatchSummary), total };
    },
  );

  app.get(
    '/backoffice/print-batches/:id',
    {
      schema: {
        tags: printBatchTags,
        summary: 'One print batch and its letters in print order',
        security: readSecurity,
        params: PrintBatchParamsSchema,
        response: { 200: PrintBatchDetailSchema, 400: ProblemSchema, ...readProblems },
      },
    },
    async (request) => {
      requirePrintRoom(request);
      const { batch, letters } = await getPrintBatch(app.ctx, principalOf(request), request.params.id);
      return {
        ...toPrintBatchView(batch),
        letters: letters.map((letter) => toBatchLetterView(batch.id, letter)),
      };
    },
  );

  app.get(
    '/backoffice/print-batches/:id/pdf',
    {
      schema: {
        tags: printBatchTags,
        summary: 'Download the batch as one merged PDF (closes an open batch)',
        description:
          'Each letter (A4, address placed for a DL window envelope) is followed by its printable ' +
          'enclosures; in recto-verso (`duplex`, the default) each letter starts on a new sheet. ' +
          'Downloading closes an open batch: letters sent afterwards go to the next one.',
        security: readSecurity,
        params: PrintBatchParamsSchema,
        querystring: BatchDownloadQuerySchema,
        response: { 200: PdfDownload, 400: ProblemSchema, ...readProblems },
      },
    },
    async (request, reply) => {
      requirePrintRoom(request);
      const download = await downloadBatchPdf(
        app.ctx,
        principalOf(request),
        request.params.id,
        request.query,
      );
      return sendDownload(reply, download, 'application/pdf');
    },
  );

  app.get(
    '/backoffice/print-batches/:id/manifest.csv',
    {
      schema: {
        tags: printBatchTags,
        summary: 'Download the batch’s manifest as CSV (closes an open batch)',
        description: 'Pages and sheets as in the PDF downloaded with the same `duplex` choice.',
        security: readSecurity,
        params: PrintBatchParamsSchema,
        querystring: BatchDownloadQuerySchema,
        response: { 200: CsvDownload, 400: ProblemSchema, ...readProblems },
      },
    },
    async (request, reply) => {
      requirePrintRoom(request);
      const download = await downloadBatchManifest(
        app.ctx,
        principalOf(request),
        request.params.id,
        request.query,
      );
      return sendDownload(reply, download, 'text/csv; charset=utf-8');
    },
  );

  app.get(
    '/backoffice/print-batches/:id/letters/:messageId/pdf',
    {
      schema: {
        tags: printBatchTags,
        summary: 'Download one letter’s PDF alone, without its enclosures (leaves the batch as it is)',
        description: '404 PRINT_LETTER_NOT_FOUND when the letter is not in this batch of the town.',
        security: readSecurity,
        params: BatchLetterParamsSchema,
        response: { 200: LetterPdfDownload, 400: ProblemSchema, ...readProblems },
      },
    },
    async (request, reply) => {
      requirePrintRoom(request);
      const { id, messageId } = request.params;
      return sendDownload(
        reply,
        await downloadLetterPdf(app.ctx, principalOf(request), id, messageId),
        'application/pdf',
      );
    },
  );

  app.post(
    '/backoffice/print-batches/:id/close',
    {
      schema: {
        tags: printBatchTags,
        summary: 'Close a batch: letters sent from now on go to the next one (idempotent)',
        security: writeSecurity,
        params: PrintBatchParamsSchema,
        response: { 200: PrintBatchViewSchema, ...writeProblems },
      },
    },
    async (request) => {
      requirePrintRoom(request);
      return toPrintBatchView(await closePrintBatch(app.ctx, principalOf(request), request.params.id));
    },
  );

  app.post(
    '/backoffice/print-batches/:id/posted',
    {
      schema: {
        tags: printBatchTags,
        summary: 'Mark a closed batch as posted (who and when; noted on each request’s timeline)',
        description:
          'The letters stay `sent`: La Poste tells nothing of their delivery. 409 PRINT_BATCH_NOT_CLOSED ' +
          'for a batch not downloaded yet, 409 PRINT_BATCH_ALREADY_POSTED the second time.',
        security: writeSecurity,
        params: PrintBatchParamsSchema,
        response: { 200: PrintBatchViewSchema, ...writeProblems, 409: ProblemSchema },
      },
    },
    async (request) => {
      requirePrintRoom(request);
      const batch = await markPrintBatchPosted(app.ctx, principalOf(request), request.params.id);
      return toPrintBatchView(batch);
    },
  );
};
