import { and, eq, gt, inArray, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Cents } from '../../../common/money';
import type { DbOrTx } from '../../platform/db/client';
import { jobs } from '../../platform/jobs/jobs.tables';
import type { OutboundMessage } from './channel-adapter';
import { outboundMessages } from './messaging.tables';

/*
 * The statements of batch dispatch (dispatch-message.ts). Like the jobs queue, leases are judged by
 * the database's now() only; due dates by the later of now() and the app's clock (a test's clock
 * moved forward makes a backoff due).
 */

/** Prefix of `lastError` when a message is handed over again after an outcome we never learnt. */
export const possibleDuplicateMarker = 'POSSIBLE_DUPLICATE';

function presentOf(dueBy: Date): SQL {
  return sql`greatest(now(), ${dueBy.toISOString()}::timestamptz)`;
}

function leaseEnd(leaseMs: number): SQL {
  return sql`now() + (${Math.round(leaseMs)}::integer * interval '1 millisecond')`;
}

export interface ClaimBatchInput {
  tenantId: string;
  limit: number;
  leaseMs: number;
  dueBy: Date;
  /** The job claiming: recorded on the messages, so that a rerun of it resumes them. */
  jobId: number | null;
  /** Also take back the messages this job claimed before (its previous worker died). */
  resume: boolean;
  /** Only these messages (a legacy job's own message). */
  messageIds?: readonly string[];
}

/**
 * Claims up to `limit` messages of one town in one statement and marks them `sending` under a
 * lease: queued ones that are due, `sending` ones whose lease expired (their worker died: handed
 * over again, marked as a possible duplicate) and, on a rerun, those of the same job. FOR UPDATE
 * SKIP LOCKED lets concurrent dispatchers take disjoint batches. `attempts` counts claims; it is
 * also the fence of the outcome (see recordSent).
 */
export async function claimMessageBatch(db: DbOrTx, input: ClaimBatchInput): Promise<OutboundMessage[]> {
  // A CTE, not `id in (select … limit n for update skip locked)`: PostgreSQL may rescan such a
  // subquery once per row it updates, and SKIP LOCKED then hands it other rows (more than n).
  const due = db.$with('due').as(
    db
      .select({ id: outboundMessages.id })
      .from(outboundMessages)
      .where(
        and(
          eq(outboundMessages.tenantId, input.tenantId),
          inArray(outboundMessages.status, ['queued', 'sending']),
          input.messageIds ? inArray(outboundMessages.id, [...input.messageIds]) : undefined,
          or(
            and(eq(outboundMessages.status, 'queued'), lte(outboundMessages.dueAt, presentOf(input.dueBy))),
            and(eq(outboundMessages.status, 'sending'), lt(outboundMessages.leaseUntil, sql`now()`)),
            input.resume && input.jobId !== null
              ? and(eq(outboundMessages.status, 'sending'), eq(outboundMessages.claimedByJob, input.jobId))
              : undefined,
          ),
        ),
      )
      .orderBy(outboundMessages.dueAt)
      .limit(input.limit)
      .for('update', { skipLocked: true }),
  );
  const now = input.dueBy;
  return db
    .with(due)
    .update(outboundMessages)
    .set({
      status: 'sending',
      submittedAt: now,
      attempts: sql`${outboundMessages.attempts} + 1`,
      lastError: sql`case when ${outboundMessages.status} = 'sending' then ${`${possibleDuplicateMarker}: une tentative précédente (n° `} || ${outboundMessages.attempts} || ${') s’est interrompue après la remise au relais ; message renvoyé avec le même identifiant.'} else ${outboundMessages.lastError} end`,
      leaseUntil: leaseEnd(input.leaseMs),
      claimedByJob: input.jobId,
      updatedAt: now,
    })
    .where(
      and(
        eq(outboundMessages.tenantId, input.tenantId),
        inArray(outboundMessages.id, db.select({ id: due.id }).from(due)),
      ),
    )
    .returning();
}

/** Still the claim we made: `sending`, and not claimed again since (attempts is the fence). */
export function isOurClaim(message: Pick<OutboundMessage, 'tenantId' | 'id' | 'attempts'>): SQL {
  return and(
    eq(outboundMessages.tenantId, message.tenantId),
    eq(outboundMessages.id, message.id),
    eq(outboundMessages.status, 'sending'),
    eq(outboundMessages.attempts, message.attempts),
  )!;
}

/** Heartbeat: the batch's messages still in hand keep their lease while the batch is sent. */
export async function extendMessageLeases(
  db: DbOrTx,
  tenantId: string,
  messages: readonly Pick<OutboundMessage, 'id' | 'attempts'>[],
  leaseMs: number,
): Promise<void> {
  if (messages.length === 0) return;
  await db
    .update(outboundMessages)
    .set({ leaseUntil: leaseEnd(leaseMs) })
    .where(
      and(
        eq(outboundMessages.tenantId, tenantId),
        eq(outboundMessages.status, 'sending'),
        inArray(
          outboundMessages.id,
          messages.map((message) => message.id),
        ),
      ),
    );
}

export interface SentOutcome {
  message: OutboundMessage;
  status: 'sent' | 'delivered';
  providerMessageId: string | null;
  segments: number | null;
  costCents: Cents | null;
}

/**
 * Records the messages the channels took in one statement (`sent`, or `delivered` for the portal),
 * each only if it is still our claim. Returns the updated rows.
 */
export async function recordSent(
  tx: DbOrTx,
  tenantId: string,
  outcomes: readonly SentOutcome[],
  now: Date,
): Promise<OutboundMessage[]> {
  if (outcomes.length === 0) return [];
  const rows = sql.join(
    outcomes.map(
      (outcome) =>
        sql`(${outcome.message.id}::uuid, ${outcome.message.attempts}::integer, ${outcome.status}::text, ${outcome.providerMessageId}::text, ${outcome.segments}::integer, ${outcome.costCents}::integer)`,
    ),
    sql`, `,
  );
  return tx
    .update(outboundMessages)
    .set({
      status: sql`v.status`,
      providerMessageId: sql`v.provider_message_id`,
      sentAt: now,
      deliveredAt: sql`case when v.status = 'delivered' then ${now.toISOString()}::timestamptz end`,
      segments: sql`v.segments`,
      costCents: sql`v.cost_cents`,
      leaseUntil: null,
      updatedAt: now,
    })
    .from(sql`(values ${rows}) as v(id, attempts, status, provider_message_id, segments, cost_cents)`)
    .where(
      and(
        eq(outboundMessages.tenantId, tenantId),
        eq(outboundMessages.id, sql`v.id`),
        eq(outboundMessages.attempts, sql`v.attempts`),
        eq(outboundMessages.status, 'sending'),
      ),
    )
    .returning();
}

/** A transient error: back to `queued`, due after the backoff; the lease is released. */
export async function scheduleMessageRetry(
  tx: DbOrTx,
  message: OutboundMessage,
  input: { error: string; delayMs: number; now: Date },
): Promise<OutboundMessage | undefined> {
  const [row] = await tx
    .update(outboundMessages)
    .set({
      status: 'queued',
      lastError: input.error,
      dueAt: sql`${presentOf(input.now)} + (${Math.round(input.delayMs)}::integer * interval '1 millisecond')`,
      leaseUntil: null,
      updatedAt: input.now,
    })
    .where(isOurClaim(message))
    .returning();
  return row;
}

/** The earliest due date of a town's queued messages that are not due yet, if any. */
export async function findNextDueAt(db: DbOrTx, tenantId: string, dueBy: Date): Promise<Date | null> {
  const [row] = await db
    .select({ dueAt: outboundMessages.dueAt })
    .from(outboundMessages)
    .where(
      and(
        eq(outboundMessages.tenantId, tenantId),
        eq(outboundMessages.status, 'queued'),
        gt(outboundMessages.dueAt, presentOf(dueBy)),
      ),
    )
    .orderBy(outboundMessages.dueAt)
    .limit(1);
  return row?.dueAt ?? null;
}

/**
 * A message of a legacy `message.dispatch` job (written before 0012) joins batch dispatch: it gets
 * the job's payload as its dispatch state and becomes due; one left `sending` by a dead worker gets
 * an expired lease, so the next batch hands it over again as a possible duplicate.
 */
export async function adoptLegacyMessage(
  db: DbOrTx,
  input: { tenantId: string; messageId: string; dispatch: OutboundMessage['dispatch']; dueBy: Date },
): Promise<boolean> {
  const rows = await db
    .update(outboundMessages)
    .set({
      dispatch: sql`coalesce(${outboundMessages.dispatch}, ${JSON.stringify(input.dispatch)}::jsonb)`,
      dueAt: sql`coalesce(${outboundMessages.dueAt}, ${presentOf(input.dueBy)})`,
      leaseUntil: sql`case when ${outboundMessages.status} = 'sending' then coalesce(${outboundMessages.leaseUntil}, now() - interval '1 millisecond') end`,
    })
    .where(
      and(
        eq(outboundMessages.tenantId, input.tenantId),
        eq(outboundMessages.id, input.messageId),
        inArray(outboundMessages.status, ['queued', 'sending']),
      ),
    )
    .returning({ id: outboundMessages.id });
  return rows.length > 0;
}

/**
 * The town's other due wake-up jobs are done by the drain about to start: their transactions have
 * committed (we see them), so their messages are visible to its claims, and it claims until none
 * is due. A burst of single-message transactions thus costs one drain, not one job each.
 */
export async function absorbDueWakeUps(
  db: DbOrTx,
  input: { tenantId: string; jobType: string; jobId: number; dueBy: Date },
): Promise<number> {
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.type, input.jobType),
        eq(jobs.tenantId, input.tenantId),
        eq(jobs.status, 'pending'),
        lte(jobs.runAt, presentOf(input.dueBy)),
        ne(jobs.id, input.jobId),
      ),
    )
    .for('update', { skipLocked: true });
  const rows = await db
    .update(jobs)
    .set({ status: 'done', finishedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(jobs.tenantId, input.tenantId), inArray(jobs.id, due)))
    .returning({ id: jobs.id });
  return rows.length;
}
