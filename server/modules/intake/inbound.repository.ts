import { and, count, desc, eq, gte, isNull, ne, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import type { InboundOutcome } from '../../../common/messaging';
import { inboundSubjectOf } from './inbound-subject';
import { inboundMessages } from './intake.tables';

export type InboundMessage = typeof inboundMessages.$inferSelect;
export type NewInboundMessage = typeof inboundMessages.$inferInsert;

/**
 * Records an inbound message unless the same one (tenant, channel, external id) is already
 * there: returns the new row, or undefined when it was a duplicate.
 */
export async function insertInboundMessage(
  db: DbOrTx,
  values: NewInboundMessage,
): Promise<InboundMessage | undefined> {
  const [row] = await db.insert(inboundMessages).values(values).onConflictDoNothing().returning();
  return row;
}

export async function findInboundByExternalId(
  db: DbOrTx,
  tenantId: string,
  channel: 'email' | 'sms',
  externalId: string,
): Promise<InboundMessage | undefined> {
  const [row] = await db
    .select()
    .from(inboundMessages)
    .where(
      and(
        eq(inboundMessages.tenantId, tenantId),
        eq(inboundMessages.channel, channel),
        eq(inboundMessages.externalId, externalId),
      ),
    )
    .limit(1);
  return row;
}

export async function findInboundById(
  db: DbOrTx,
  tenantId: string,
  id: string,
): Promise<InboundMessage | undefined> {
  const [row] = await db
    .select()
    .from(inboundMessages)
    .where(and(eq(inboundMessages.tenantId, tenantId), eq(inboundMessages.id, id)))
    .limit(1);
  return row;
}

/**
 * Settles a pending inbound message. Only a message still `pending` is settled: false means
 * another process settled it first (the caller's transaction must then be rolled back).
 */
export async function settleInboundMessage(
  db: DbOrTx,
  tenantId: string,
  id: string,
  outcome: Exclude<InboundOutcome, 'pending'>,
  details: { reason?: string | null; requestId?: string | null; processedAt: Date },
): Promise<boolean> {
  const rows = await db
    .update(inboundMessages)
    .set({
      outcome,
      outcomeReason: details.reason ?? null,
      ...inboundSubjectOf(details.requestId),
      processedAt: details.processedAt,
    })
    .where(
      and(
        eq(inboundMessages.tenantId, tenantId),
        eq(inboundMessages.id, id),
        eq(inboundMessages.outcome, 'pending'),
      ),
    )
    .returning({ id: inboundMessages.id });
  return rows.length === 1;
}

/** Records where the raw message of a row is kept (when an earlier attempt had not). */
export async function keepRawOf(
  db: DbOrTx,
  row: InboundMessage,
  rawStorageKey: string,
): Promise<InboundMessage> {
  const [updated] = await db
    .update(inboundMessages)
    .set({ rawStorageKey })
    .where(
      and(
        eq(inboundMessages.tenantId, row.tenantId),
        eq(inboundMessages.id, row.id),
        isNull(inboundMessages.rawStorageKey),
      ),
    )
    .returning();
  return updated ?? row;
}

/** Notes why processing failed on a message left pending (it is tried again on redelivery). */
export async function notePendingFailure(db: DbOrTx, tenantId: string, id: string, reason: string) {
  await db
    .update(inboundMessages)
    .set({ outcomeReason: reason.slice(0, 1000) })
    .where(
      and(
        eq(inboundMessages.tenantId, tenantId),
        eq(inboundMessages.id, id),
        eq(inboundMessages.outcome, 'pending'),
      ),
    );
}

/** Messages of `sender` received since `since`, other than `exceptId` (the rate limit). */
export async function countRecentFromSender(
  db: DbOrTx,
  tenantId: string,
  channel: 'email' | 'sms',
  sender: string,
  since: Date,
  exceptId: string,
): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(inboundMessages)
    .where(
      and(
        eq(inboundMessages.tenantId, tenantId),
        eq(inboundMessages.channel, channel),
        eq(inboundMessages.sender, sender),
        gte(inboundMessages.receivedAt, since),
        ne(inboundMessages.id, exceptId),
      ),
    );
  return row?.value ?? 0;
}

export interface InboundListFilter {
  tenantId: string;
  channel?: 'email' | 'sms';
  outcome?: InboundOutcome;
  page: number;
  pageSize: number;
}

/** The town's inbound messages, newest first, one page, with the total. */
export async function findInboundMessages(db: DbOrTx, filter: InboundListFilter) {
  const conditions: SQL[] = [eq(inboundMessages.tenantId, filter.tenantId)];
  if (filter.channel) conditions.push(eq(inboundMessages.channel, filter.channel));
  if (filter.outcome) conditions.push(eq(inboundMessages.outcome, filter.outcome));
  const where = and(...conditions);
  const items = await db
    .select()
    .from(inboundMessages)
    .where(where)
    .orderBy(desc(inboundMessages.receivedAt), desc(inboundMessages.id))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  const [total] = await db.select({ value: count() }).from(inboundMessages).where(where);
  return { items, total: total?.value ?? 0 };
}
