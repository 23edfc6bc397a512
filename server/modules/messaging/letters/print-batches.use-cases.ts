import type { AppContext } from '../../../app-context';
import { transaction } from '../../../platform/db/transaction';
import { AppError } from '../../../platform/http/app-error';
import { findRecipientAccount } from '../recipients';
import {
  describeSubjects,
  publishDeliveryEvent,
  subjectKey,
  subjectOf,
  type SubjectDescription,
} from '../subjects';
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
  type PrintBatchSummary,
} from './print-batches.repository';
import { requireAgentRole, type Principal } from '../../../platform/auth/principal';

/** A letter with the reference of what it is about (a request's), as its subject's owner names it. */
export interface LabelledLetter extends BatchLetter {
  reference: string | null;
}

async function withReferences(
  ctx: AppContext,
  tenantId: string,
  letters: BatchLetter[],
): Promise<LabelledLetter[]> {
  const labels: Map<string, SubjectDescription> = await describeSubjects(
    ctx,
    ctx.db,
    tenantId,
    letters.map(subjectOf),
  );
  return letters.map((letter) => {
    const subject = subjectOf(letter);
    return { ...letter, reference: subject ? (labels.get(subjectKey(subject))?.label ?? null) : null };
  });
}

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

/** A town's print batches, most recent first, with their letter counts, cost and who posted them. */
export async function listPrintBatches(
  ctx: AppContext,
  principal: Principal,
  filter: PrintBatchFilter,
): Promise<{ items: (PrintBatchSummary & { postedByName: string | null })[]; total: number }> {
  const { tenantId } = principal;
  const { items, total } = await findPrintBatches(ctx.db, tenantId, filter);
  const names = new Map<string, string | null>();
  for (const id of new Set(items.flatMap((batch) => (batch.postedById ? [batch.postedById] : [])))) {
    names.set(id, (await findRecipientAccount(ctx, ctx.db, tenantId, id))?.name ?? null);
  }
  return {
    items: items.map((batch) => ({
      ...batch,
      postedByName: batch.postedById ? (names.get(batch.postedById) ?? null) : null,
    })),
    total,
  };
}

/** One batch and its letters in print order. */
export async function getPrintBatch(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<{ batch: PrintBatch; letters: LabelledLetter[] }> {
  const { tenantId } = principal;
  const batch = await findPrintBatch(ctx.db, tenantId, id);
  if (!batch) throw batchNotFound();
  const letters = await withPageCounts(ctx, tenantId, await findBatchLetters(ctx.db, tenantId, id));
  return { batch, letters: await withReferences(ctx, tenantId, letters) };
}

/**
 * Closes an open batch (idempotent on a closed or posted one): the letters sent from now on go
 * to the next batch. The update waits for a letter being added to it (the adapter holds the
 * batch row lock), so the batch's content is final once this returns.
 */
export async function closePrintBatch(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<PrintBatch> {
  const { tenantId } = principal;
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
async function closeAndLoad(
  ctx: AppContext,
  principal: Principal,
  id: string,
  options: BatchDownloadOptions,
) {
  const { tenantId } = principal;
  const batch = await closePrintBatch(ctx, principal, id);
  const letters = await withReferences(
    ctx,
    tenantId,
    await withPageCounts(ctx, tenantId, await findBatchLetters(ctx.db, tenantId, id)),
  );
  const document = await buildBatchDocument(ctx.files, letters, {
    title: `Courriers du ${batch.batchDate}`,
    duplex: options.duplex,
  });
  return { batch, letters, document };
}

/** The batch's letters merged into one PDF, in print order. */
export async function downloadBatchPdf(
  ctx: AppContext,
  principal: Principal,
  id: string,
  options: BatchDownloadOptions,
): Promise<BatchDownload> {
  const { batch, document } = await closeAndLoad(ctx, principal, id, options);
  return { batch, fileName: batchFileName(batch, options, 'pdf'), body: Buffer.from(document.pdf) };
}

/** The batch's manifest (CSV), in the same order and with the same pages as the PDF. */
export async function downloadBatchManifest(
  ctx: AppContext,
  principal: Principal,
  id: string,
  options: BatchDownloadOptions,
): Promise<BatchDownload> {
  const { batch, letters, document } = await closeAndLoad(ctx, principal, id, options);
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
  principal: Principal,
  batchId: string,
  messageId: string,
): Promise<{ fileName: string; body: Buffer }> {
  const { tenantId } = principal;
  const found = await findBatchLetter(ctx.db, tenantId, batchId, messageId);
  if (!found?.letterPdfKey) {
    throw new AppError('PRINT_LETTER_NOT_FOUND', 'No such letter in this print batch.');
  }
  const [letter] = await withReferences(ctx, tenantId, [found]);
  if (!letter?.letterPdfKey)
    throw new AppError('PRINT_LETTER_NOT_FOUND', 'No such letter in this print batch.');
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
  principal: Principal,
  id: string,
): Promise<PrintBatch> {
  const { tenantId } = principal;
  const agentId = requireAgentRole(principal).id;
  const now = ctx.clock.now();
  return transaction(ctx.db, async (tx) => {
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
    const posted = await markBatchPostedRow(tx, tenantId, id, agentId, now);
    for (const letter of await findBatchLetters(tx, tenantId, id)) {
      const subject = subjectOf(letter);
      if (!subject) continue;
      // The subject's owner notes it (a request's timeline) and tells its agents live.
      await publishDeliveryEvent(tx, ctx, {
        kind: 'letter_posted',
        tenantId,
        subject,
        messageId: letter.messageId,
        printBatchId: id,
        batchDate: posted.batchDate,
        agentId,
        at: now,
      });
    }
    return posted;
  });
}
