import { and, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Cents } from '../../../../common/money';
import type { AppContext } from '../../../app-context';
import type { Principal } from '../../../platform/auth/principal';
import { AppError } from '../../../platform/http/app-error';
import type { DbOrTx } from '../../../platform/db/client';
import { jobs } from '../../../platform/jobs/jobs.tables';
import type { OutboundMessage } from '../channel-adapter';
import { transaction } from '../../../platform/db/transaction';
import {
  dispatchBatchJobType,
  dispatchMessageJobType,
  findDispatchPayload,
  isMessage,
  recordStatusChange,
  wakeDispatcher,
} from '../message-queue';
import { type DeliveryStatus, type OutboundChannel, outboundMessages } from '../messaging.tables';
import {
  describeSubjects,
  subjectOf,
  toSubjectView,
  type SubjectDescription,
  type SubjectView,
} from '../subjects';

export interface MessageView {
  id: string;
  channel: OutboundChannel;
  status: DeliveryStatus;
  toAddress: string | null;
  subject: string;
  templateKey: string | null;
  /** What the message is about (a request, an account…), named as its owner names it. */
  about: SubjectView | null;
  attempts: number;
  lastError: string | null;
  providerMessageId: string | null;
  costCents: Cents | null;
  segments: number | null;
  fallbackOfId: string | null;
  queuedAt: string;
  submittedAt: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  failedAt: string | null;
}

const iso = (value: Date | null) => (value ? value.toISOString() : null);

export function toMessageView(
  message: OutboundMessage,
  labels?: ReadonlyMap<string, SubjectDescription>,
): MessageView {
  return {
    id: message.id,
    channel: message.channel,
    status: message.status,
    toAddress: message.toAddress,
    subject: message.subject,
    templateKey: message.templateKey,
    about: toSubjectView(subjectOf(message), labels),
    attempts: message.attempts,
    lastError: message.lastError,
    providerMessageId: message.providerMessageId,
    costCents: message.costCents,
    segments: message.segments,
    fallbackOfId: message.fallbackOfId,
    queuedAt: message.queuedAt.toISOString(),
    submittedAt: iso(message.submittedAt),
    sentAt: iso(message.sentAt),
    deliveredAt: iso(message.deliveredAt),
    failedAt: iso(message.failedAt),
  };
}

export interface MessageFilter {
  status?: DeliveryStatus;
  channel?: OutboundChannel;
  /** Only the messages about this subject. */
  subject?: { type: string; id: string };
  page: number;
  pageSize: number;
}

/** How lists name the messages' subjects (a request's reference). */
function subjectLabels(
  ctx: Pick<AppContext, 'db' | 'modules'>,
  tenantId: string,
  messages: OutboundMessage[],
) {
  return describeSubjects(ctx, ctx.db, tenantId, messages.map(subjectOf));
}

export async function findMessages(
  ctx: Pick<AppContext, 'db' | 'modules'>,
  principal: Principal,
  filter: MessageFilter,
): Promise<{ items: MessageView[]; total: number }> {
  const { tenantId } = principal;
  const conditions: SQL[] = [eq(outboundMessages.tenantId, tenantId)];
  if (filter.status) conditions.push(eq(outboundMessages.status, filter.status));
  if (filter.channel) conditions.push(eq(outboundMessages.channel, filter.channel));
  if (filter.subject) {
    conditions.push(
      eq(outboundMessages.subjectType, filter.subject.type),
      eq(outboundMessages.subjectId, filter.subject.id),
    );
  }
  const where = and(...conditions);
  const rows = await ctx.db
    .select()
    .from(outboundMessages)
    .where(where)
    .orderBy(desc(outboundMessages.queuedAt), desc(outboundMessages.id))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  const [total] = await ctx.db.select({ value: count() }).from(outboundMessages).where(where);
  const labels = await subjectLabels(ctx, tenantId, rows);
  return { items: rows.map((row) => toMessageView(row, labels)), total: total?.value ?? 0 };
}

/**
 * Whether the dispatcher still has this message in hand: a legacy `message.dispatch` job of it
 * waiting or running, a batch holding it (`sending` under a running lease), or a queued message
 * its town's wake-up job will take.
 */
async function isInDispatcherHands(db: DbOrTx, message: OutboundMessage): Promise<boolean> {
  if (message.status === 'sending' && message.leaseUntil) {
    const [held] = await db
      .select({ id: outboundMessages.id })
      .from(outboundMessages)
      .where(and(isMessage(message), sql`${outboundMessages.leaseUntil} > now()`))
      .limit(1);
    if (held) return true;
  }
  const [job] = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.tenantId, message.tenantId),
        inArray(jobs.status, ['pending', 'running']),
        or(
          and(eq(jobs.type, dispatchMessageJobType), sql`${jobs.payload} ->> 'messageId' = ${message.id}`),
          message.status === 'queued' && message.dueAt ? eq(jobs.type, dispatchBatchJobType) : undefined,
        ),
      ),
    )
    .limit(1);
  return Boolean(job);
}

/**
 * A dead letter goes back to the queue: status queued, due now, a fresh set of attempts, the
 * town's dispatcher woken. Also a message stuck in `queued` or `sending` that nothing will take
 * (its worker died during the last attempt and its job gave up).
 */
export async function retryMessage(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'modules' | 'bus'>,
  principal: Principal,
  input: { messageId: string },
): Promise<MessageView> {
  const now = ctx.clock.now();
  const message = await transaction(ctx.db, async (tx) => {
    const [row] = await tx
      .select()
      .from(outboundMessages)
      .where(and(eq(outboundMessages.tenantId, principal.tenantId), eq(outboundMessages.id, input.messageId)))
      .for('update')
      .limit(1);
    if (!row) throw new AppError('MESSAGE_NOT_FOUND', `No message ${input.messageId}.`);
    if (
      row.status !== 'failed' &&
      (row.status === 'sent' || row.status === 'delivered' || (await isInDispatcherHands(tx, row)))
    ) {
      throw new AppError(
        'MESSAGE_NOT_FAILED',
        `Message ${row.id} is ${row.status}: only a failed message, or one stuck without a job, can be retried.`,
        {
          messageStatus: row.status,
        },
      );
    }
    const { messageId: _messageId, ...state } = await findDispatchPayload({ ...ctx, db: tx }, row);
    const [queued] = await tx
      .update(outboundMessages)
      // A message stuck in `sending` may be out already: it stays so, with its lease run out, and
      // goes again as a possible duplicate with the same identity (see dispatch-message.ts).
      .set({
        status: row.status === 'sending' ? 'sending' : 'queued',
        dispatch: { ...state, attemptsAtRetry: row.attempts },
        dueAt: now,
        leaseUntil: row.status === 'sending' ? sql`now() - interval '1 millisecond'` : null,
        failedAt: null,
        updatedAt: now,
      })
      .where(isMessage(row))
      .returning();
    await wakeDispatcher(tx, row.tenantId);
    await recordStatusChange(tx, ctx, queued!, { retried: true });
    return queued!;
  });
  return toMessageView(message, await subjectLabels(ctx, principal.tenantId, [message]));
}
