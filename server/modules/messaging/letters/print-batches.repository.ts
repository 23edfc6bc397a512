import { and, asc, count, desc, eq, gte, isNull, ne, sql } from 'drizzle-orm';
import type { Cents } from '../../../../common/money';
import type { DbOrTx } from '../../../platform/db/client';
import { addCalendarDays } from '../../organisation';
import { type LetterAddress, outboundMessages, printBatches } from '../messaging.tables';

export type PrintBatch = typeof printBatches.$inferSelect;
export type PrintBatchStatus = PrintBatch['status'];

export interface PrintBatchSummary extends PrintBatch {
  letterCount: number;
  totalCostCents: Cents;
}

/** One letter of a batch, in print order. */
export interface BatchLetter {
  messageId: string;
  /** What the letter is about (see subjects.ts). */
  subjectType: string | null;
  subjectId: string | null;
  letterAddress: LetterAddress | null;
  toAddress: string | null;
  /** The rendered letter in the file store. */
  letterPdfKey: string | null;
  /** Pages of the rendered letter (null until counted for a letter rendered before it was recorded). */
  letterPageCount: number | null;
  letterRenderedAt: Date | null;
  /** Its enclosures, printed after it. */
  attachments: { storageKey: string; fileName: string; mediaType: string }[];
  costCents: Cents | null;
}

/**
 * The open batch that letters sent on `day` (the town's calendar day) go to, locked until the
 * caller's transaction ends so that closing it waits for the letter being added. Created on
 * demand: the batch of `day`, or, when that one was already downloaded (closed), the batch of
 * the next free day, so that nothing is added to a batch the print room already has.
 */
export async function lockOpenBatchFor(tx: DbOrTx, tenantId: string, day: string): Promise<PrintBatch> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const [open] = await tx
      .select()
      .from(printBatches)
      .where(
        and(
          eq(printBatches.tenantId, tenantId),
          eq(printBatches.status, 'open'),
          gte(printBatches.batchDate, day),
        ),
      )
      .orderBy(asc(printBatches.batchDate))
      .limit(1)
      .for('update');
    if (open) return open;
    // The day after the last closed (or posted) batch: an open batch another worker has just
    // committed must not push this one to the next day, it is taken on the next turn instead.
    const [latest] = await tx
      .select({ batchDate: sql<string | null>`max(${printBatches.batchDate})::text` })
      .from(printBatches)
      .where(
        and(
          eq(printBatches.tenantId, tenantId),
          gte(printBatches.batchDate, day),
          ne(printBatches.status, 'open'),
        ),
      );
    const batchDate = latest?.batchDate ? addCalendarDays(String(latest.batchDate), 1) : day;
    // A concurrent worker may create the same day's batch: then take theirs on the next turn.
    const [created] = await tx
      .insert(printBatches)
      .values({ tenantId, batchDate, status: 'open' })
      .onConflictDoNothing()
      .returning();
    if (created) {
      const [locked] = await tx
        .select()
        .from(printBatches)
        .where(and(eq(printBatches.tenantId, created.tenantId), eq(printBatches.id, created.id)))
        .for('update');
      return locked!;
    }
  }
  throw new Error(`Could not find or create an open print batch for tenant ${tenantId} on ${day}.`);
}

export async function findPrintBatch(
  db: DbOrTx,
  tenantId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<PrintBatch | undefined> {
  const query = db
    .select()
    .from(printBatches)
    .where(and(eq(printBatches.tenantId, tenantId), eq(printBatches.id, id)))
    .limit(1);
  const [batch] = options.lock ? await query.for('update') : await query;
  return batch;
}

export interface PrintBatchFilter {
  status?: PrintBatchStatus;
  page: number;
  pageSize: number;
}

/** A town's batches, most recent day first, with their number of letters and total cost. */
export async function findPrintBatches(
  db: DbOrTx,
  tenantId: string,
  filter: PrintBatchFilter,
): Promise<{ items: PrintBatchSummary[]; total: number }> {
  const where = and(
    eq(printBatches.tenantId, tenantId),
    filter.status ? eq(printBatches.status, filter.status) : undefined,
  );
  const rows = await db
    .select({
      batch: printBatches,
      letterCount: sql<number>`count(${outboundMessages.id})::int`,
      // A bigint sum (node-postgres gives it as text), a safe integer for any real batch.
      totalCostCents: sql`coalesce(sum(${outboundMessages.costCents}), 0)::bigint`.mapWith(Number),
    })
    .from(printBatches)
    .leftJoin(
      outboundMessages,
      and(
        eq(outboundMessages.printBatchId, printBatches.id),
        eq(outboundMessages.tenantId, printBatches.tenantId),
      ),
    )
    .where(where)
    .groupBy(printBatches.id)
    .orderBy(desc(printBatches.batchDate))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  const [total] = await db.select({ value: count() }).from(printBatches).where(where);
  return {
    items: rows.map((row) => ({
      ...row.batch,
      letterCount: Number(row.letterCount),
      totalCostCents: row.totalCostCents,
    })),
    total: total?.value ?? 0,
  };
}

const batchLetterColumns = {
  messageId: outboundMessages.id,
  subjectType: outboundMessages.subjectType,
  subjectId: outboundMessages.subjectId,
  letterAddress: outboundMessages.letterAddress,
  toAddress: outboundMessages.toAddress,
  letterPdfKey: outboundMessages.letterPdfKey,
  letterPageCount: outboundMessages.letterPageCount,
  letterRenderedAt: outboundMessages.letterRenderedAt,
  attachments: outboundMessages.attachments,
  costCents: outboundMessages.costCents,
};

/** The letters of a batch in print order (the order they were queued). */
export async function findBatchLetters(
  db: DbOrTx,
  tenantId: string,
  batchId: string,
): Promise<BatchLetter[]> {
  return db
    .select(batchLetterColumns)
    .from(outboundMessages)
    .where(and(eq(outboundMessages.tenantId, tenantId), eq(outboundMessages.printBatchId, batchId)))
    .orderBy(asc(outboundMessages.queuedAt), asc(outboundMessages.id));
}

/** One letter of a town's batch, or nothing when the batch, the town or the message do not match. */
export async function findBatchLetter(
  db: DbOrTx,
  tenantId: string,
  batchId: string,
  messageId: string,
): Promise<BatchLetter | undefined> {
  const [letter] = await db
    .select(batchLetterColumns)
    .from(outboundMessages)
    .where(
      and(
        eq(outboundMessages.tenantId, tenantId),
        eq(outboundMessages.printBatchId, batchId),
        eq(outboundMessages.id, messageId),
      ),
    )
    .limit(1);
  return letter;
}

/** Records the page count of a letter rendered before page counts were kept (once). */
export async function recordLetterPageCount(
  db: DbOrTx,
  tenantId: string,
  messageId: string,
  pageCount: number,
): Promise<void> {
  await db
    .update(outboundMessages)
    .set({ letterPageCount: pageCount })
    .where(
      and(
        eq(outboundMessages.tenantId, tenantId),
        eq(outboundMessages.id, messageId),
        isNull(outboundMessages.letterPageCount),
      ),
    );
}

/** open → closed; a batch already closed or posted is returned as it is. */
export async function closeBatch(
  db: DbOrTx,
  tenantId: string,
  id: string,
  now: Date,
): Promise<PrintBatch | undefined> {
  const [closed] = await db
    .update(printBatches)
    .set({ status: 'closed', closedAt: now })
    .where(and(eq(printBatches.tenantId, tenantId), eq(printBatches.id, id), eq(printBatches.status, 'open')))
    .returning();
  return closed ?? findPrintBatch(db, tenantId, id);
}

export async function markBatchPostedRow(
  db: DbOrTx,
  tenantId: string,
  id: string,
  postedById: string,
  now: Date,
): Promise<PrintBatch> {
  const [posted] = await db
    .update(printBatches)
    .set({ status: 'posted', postedAt: now, postedById })
    .where(and(eq(printBatches.tenantId, tenantId), eq(printBatches.id, id)))
    .returning();
  return posted!;
}
