import type { AppContext } from '../../../app-context';
import { realtimeChannels } from '../../../platform/events/channels';
import { AppError } from '../../../platform/http/app-error';
import { appendEvent } from '../../requests/requests.repository';
import { buildBatchDocument, buildManifestCsv, countPdfPages, readStoredFile } from './batch-documents';
import {
  closeBatch,
  findBatchLetter,
  findBatchLetters,
  findPrintBatch,
  findPrintBatches,
  markBatchPostedRow,
  recordLetterPageCount,
  type BatchLetter,
  type PrintBatch,
  type PrintBatchFilter,
} from './print-batches.repository';

function batchNotFound(): AppError {
  return new AppError('PRINT_BATCH_NOT_FOUND', 'No such print batch.');
}

/**
 * Letters rendered before page counts were recorded (moved by migration 0008) get theirs counted
 * from the stored PDF, once: the next read finds it in the row.
 */
async function withPageCounts(ctx: AppContext, tenantId: string, letters: BatchLetter[]) {
  for (const letter of letters) {
    if (letter.letterPageCount !== null || !letter.letterPdfKey) continue;
    letter.letterPageCount = await countPdfPages(ctx.files, letter.letterPdfKey);
    await recordLetterPageCount(ctx.db, tenantId, letter.messageId, letter.letterPageCount);
  }
  return letters;
}

/** A town's print batches, most recent first, with their letter counts and cost. */
export function listPrintBatches(ctx: AppContext, tenantId: string, filter: PrintBatchFilter) {
  return findPrintBatches(ctx.db, tenantId, filter);
}

/** One batch and its letters in print order. */
export async function getPrintBatch(
  ctx: AppContext,
  tenantId: string,
  id: string,
): Promise<{ batch: PrintBatch; letters: BatchLetter[] }> {
  const batch = await findPrintBatch(ctx.db, tenantId, id);
  if (!batch) throw batchNotFound();
  return {
    batch,
    letters: await withPageCounts(ctx, tenantId, await findBatchLetters(ctx.db, tenantId, id)),
  };
}

/**
 * Closes an open batch (idempotent on a closed or posted one): the letters sent from now on go
 * to the next batch. The update waits for a letter being added to it (the adapter holds the
 * batch row lock), so the batch's content is final once this returns.
 */
export async function closePrintBatch(ctx: AppContext, tenantId: string, id: string): Promise<PrintBatch> {
  const batch = await closeBatch(ctx.db, tenantId, id, ctx.clock.now());
  if (!batch) throw batchNotFound();
  return batch;
}

export interface BatchDownload {
  batch: PrintBatch;
  fileName: string;
  body: Buffer;
}

export interface BatchDownloadOptions {
  /** Recto-verso: each letter starts on a new sheet (see buildBatchDocument). */
  duplex: boolean;
}

/** `courriers-2026-11-20.pdf` for recto-verso (what a town expects), `…-recto.pdf` otherwise. */
function batchFileName(batch: PrintBatch, options: BatchDownloadOptions, extension: string): string {
  return `courriers-${batch.batchDate}${options.duplex ? '' : '-recto'}.${extension}`;
}

/** Downloading closes the batch first, so the PDF and the manifest always hold the same letters. */
async function closeAndLoad(ctx: AppContext, tenantId: string, id: string, options: BatchDownloadOptions) {
  const batch = await closePrintBatch(ctx, tenantId, id);
  const letters = await withPageCounts(ctx, tenantId, await findBatchLetters(ctx.db, tenantId, id));
  const document = await buildBatchDocument(ctx.files, letters, {
    title: `Courriers du ${batch.batchDate}`,
    duplex: options.duplex,
  });
  return { batch, letters, document };
}

/** The batch's letters merged into one PDF, in print order. */
export async function downloadBatchPdf(
  ctx: AppContext,
  tenantId: string,
  id: string,
  options: BatchDownloadOptions,
): Promise<BatchDownload> {
  const { batch, document } = await closeAndLoad(ctx, tenantId, id, options);
  return { batch, fileName: batchFileName(batch, options, 'pdf'), body: Buffer.from(document.pdf) };
}

/** The batch's manifest (CSV), in the same order and with the same pages as the PDF. */
export async function downloadBatchManifest(
  ctx: AppContext,
  tenantId: string,
  id: string,
  options: BatchDownloadOptions,
): Promise<BatchDownload> {
  const { batch, letters, document } = await closeAndLoad(ctx, tenantId, id, options);
  return {
    batch,
    fileName: batchFileName(batch, options, 'csv'),
    body: Buffer.from(buildManifestCsv(letters, document.letters), 'utf8'),
  };
}

/**
 * One letter's rendered PDF alone (without its enclosures), to check it or print it again. It
 * leaves the batch as it is: the letter's PDF is final once rendered.
 */
export async function downloadLetterPdf(
  ctx: AppContext,
  tenantId: string,
  batchId: string,
  messageId: string,
): Promise<{ fileName: string; body: Buffer }> {
  const letter = await findBatchLetter(ctx.db, tenantId, batchId, messageId);
  if (!letter?.letterPdfKey) {
    throw new AppError('PRINT_LETTER_NOT_FOUND', 'No such letter in this print batch.');
  }
  return {
    fileName: `courrier-${letter.reference ?? letter.messageId}.pdf`,
    body: await readStoredFile(ctx.files, letter.letterPdfKey),
  };
}

/**
 * The print room posted the batch: records who and when, and notes it on the timeline of each
 * request concerned. The letters stay `sent`: whether they arrive is never known.
 */
export async function markPrintBatchPosted(
  ctx: AppContext,
  tenantId: string,
  id: string,
  agentId: string,
): Promise<PrintBatch> {
  const now = ctx.clock.now();
  const { batch, requestIds } = await ctx.db.transaction(async (tx) => {
    const current = await findPrintBatch(tx, tenantId, id, { lock: true });
    if (!current) throw batchNotFound();
    if (current.status === 'open') {
      throw new AppError(
        'PRINT_BATCH_NOT_CLOSED',
        'Download the batch (which closes it) before marking it as posted.',
      );
    }
    if (current.status === 'posted') {
      throw new AppError('PRINT_BATCH_ALREADY_POSTED', 'This batch was already marked as posted.');
    }
    const posted = await markBatchPostedRow(tx, id, agentId, now);
    const letters = await findBatchLetters(tx, tenantId, id);
    const requestIds = new Set<string>();
    for (const letter of letters) {
      if (!letter.requestId) continue;
      requestIds.add(letter.requestId);
      await appendEvent(tx, {
        tenantId,
        requestId: letter.requestId,
        type: 'letter_posted',
        actorId: agentId,
        actorKind: 'agent',
        visibility: 'internal',
        body: null,
        data: { messageId: letter.messageId, printBatchId: id, batchDate: posted.batchDate },
        createdAt: now,
      });
    }
    return { batch: posted, requestIds: [...requestIds] };
  });
  for (const requestId of requestIds) {
    await ctx.bus.publish({
      channel: realtimeChannels.tenantAgents(tenantId),
      type: 'request.updated',
      data: { id: requestId },
    });
  }
  return batch;
}
