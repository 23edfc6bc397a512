import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Cents } from '../../../../common/money';
import type { AppContext } from '../../../app-context';
import type { Principal } from '../../../platform/auth/principal';
import { AppError } from '../../../platform/http/app-error';
import type { DbOrTx } from '../../../platform/db/client';
import { enqueue } from '../../../platform/jobs/job-runner';
import { jobs } from '../../../platform/jobs/jobs.tables';
import type { OutboundMessage } from '../channel-adapter';
import { transaction } from '../../../platform/db/transaction';
import { dispatchMessageJobType, findDispatchPayload, isMessage, recordStatusChange } from '../message-queue';
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

/** Whether a dispatch job of this message is still waiting or running. */
async function hasLiveJob(db: DbOrTx, message: OutboundMessage): Promise<boolean> {
  const [job] = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.type, dispatchMessageJobType),
        eq(jobs.tenantId, message.tenantId),
        inArray(jobs.status, ['pending', 'running']),
        sql`${jobs.payload} ->> 'messageId' = ${message.id}`,
      ),
    )
    .limit(1);
  return Boolean(job);
}

/**
 * A dead letter goes back to the queue: status queued, a new dispatch job due now. Also a message
 * stuck in `queued` or `sending` with no job left (its worker died during the last attempt).
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
      (row.status === 'sent' || row.status === 'delivered' || (await hasLiveJob(tx, row)))
    ) {
      throw new AppError(
        'MESSAGE_NOT_FAILED',
        `Message ${row.id} is ${row.status}: only a failed message, or one stuck without a job, can be retried.`,
        {
          messageStatus: row.status,
        },
      );
    }
    const payload = await findDispatchPayload({ ...ctx, db: tx }, row);
    const [queued] = await tx
      .update(outboundMessages)
      // A message stuck in `sending` may be out already: it stays so, and goes again as a possible
      // duplicate with the same identity (see dispatch-message.ts).
      .set({ status: row.status === 'sending' ? 'sending' : 'queued', failedAt: null, updatedAt: now })
      .where(isMessage(row))
      .returning();
    await enqueue(tx, {
      type: dispatchMessageJobType,
      tenantId: row.tenantId,
      payload: { ...payload, messageId: row.id },
      idempotencyKey: `${dispatchMessageJobType}:${row.id}:retry:${now.getTime()}:${row.attempts}`,
    });
    await recordStatusChange(tx, ctx, queued!, { retried: true });
    return queued!;
  });
  return toMessageView(message, await subjectLabels(ctx, principal.tenantId, [message]));
}
