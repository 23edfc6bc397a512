import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../app-context';
import { transaction } from '../../platform/db/transaction';
import type { JobRecord } from '../../platform/jobs/job-runner';
import {
  adapterFor,
  channelAdaptersOf,
  PermanentDeliveryError,
  type ChannelAdapter,
  type OutboundMessage,
} from './channel-adapter';
import {
  costCentsOf,
  isMessage,
  queueFallback,
  recordStatusChange,
  unitCostsCentsOf,
  type DispatchPayload,
} from './message-queue';
import { outboundMessages } from './messaging.tables';

/** Prefix of `lastError` when a message is handed over again after an outcome we never learnt. */
export const possibleDuplicateMarker = 'POSSIBLE_DUPLICATE';

/**
 * True when the message was already handed to the channel by a worker that died before
 * recording the outcome: an adapter whose channel cannot deduplicate may check with it first.
 */
export function isPossibleDuplicate(message: OutboundMessage): boolean {
  return message.lastError?.startsWith(possibleDuplicateMarker) ?? false;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 2_000 ? `${text.slice(0, 2_000)}…` : text;
}

/**
 * Marks the message `sending` in its own committed transaction before anything leaves: a worker
 * that dies after that leaves the trace. Returns null when the message is already settled.
 */
async function claim(ctx: AppContext, tenantId: string, messageId: string): Promise<OutboundMessage | null> {
  const now = ctx.clock.now();
  return transaction(ctx.db, async (tx) => {
    const [row] = await tx
      .select()
      .from(outboundMessages)
      .where(isMessage({ tenantId, id: messageId }))
      .for('update')
      .limit(1);
    if (!row || (row.status !== 'queued' && row.status !== 'sending')) return null;
    const lastError =
      row.status === 'sending'
        ? `${possibleDuplicateMarker}: une tentative précédente (n° ${row.attempts}) s’est interrompue après la remise au relais ; message renvoyé avec le même identifiant.`
        : row.lastError;
    const [claimed] = await tx
      .update(outboundMessages)
      .set({
        status: 'sending',
        submittedAt: now,
        attempts: sql`${outboundMessages.attempts} + 1`,
        lastError,
        updatedAt: now,
      })
      .where(isMessage({ tenantId, id: messageId }))
      .returning();
    return claimed!;
  });
}

/** `failed`, its delivery event to the subject and the fallback message, in one transaction. */
async function fail(
  ctx: AppContext,
  message: OutboundMessage,
  error: string,
  payload: DispatchPayload,
  adapters: readonly ChannelAdapter[],
): Promise<void> {
  const now = ctx.clock.now();
  await transaction(ctx.db, async (tx) => {
    const [failed] = await tx
      .update(outboundMessages)
      .set({ status: 'failed', failedAt: now, lastError: error, updatedAt: now })
      .where(and(isMessage(message), eq(outboundMessages.status, 'sending')))
      .returning();
    if (!failed) return;
    await recordStatusChange(tx, ctx, failed);
    await queueFallback(tx, ctx, failed, payload, now, adapters);
  });
}

export interface DispatchOptions {
  /** The message's town (the job's). */
  tenantId: string;
  /** The jobs queue will not retry after this attempt: a transient error fails the message. */
  isLastAttempt: boolean;
  adapters?: readonly ChannelAdapter[];
}

/**
 * Sends one queued message through its channel's adapter, at most once where the channel lets
 * us know: settled messages are left alone; a message found `sending` was handed over by a
 * worker that died, and is handed over again with the same identity (e-mail: same Message-ID,
 * so receivers deduplicate; portal: the notification already written is found), marked as a
 * possible duplicate. A permanent error fails it and queues the fallback; any other error is
 * rethrown for the jobs queue to retry with backoff.
 */
export async function dispatchMessage(
  ctx: AppContext,
  payload: DispatchPayload,
  options: DispatchOptions,
): Promise<void> {
  const adapters = options.adapters ?? channelAdaptersOf(ctx);
  const message = await claim(ctx, options.tenantId, payload.messageId);
  if (!message) return;
  const adapter = adapterFor(message.channel, adapters);
  if (!adapter) {
    await fail(ctx, message, `Aucun adaptateur pour le canal ${message.channel}.`, payload, adapters);
    return;
  }
  let result;
  try {
    result = await adapter.send(message, ctx);
  } catch (error) {
    if (error instanceof PermanentDeliveryError || options.isLastAttempt) {
      await fail(ctx, message, describe(error), payload, adapters);
      if (error instanceof PermanentDeliveryError) return;
      throw error;
    }
    // Not handed over (the adapter said so): back to queued, the jobs queue retries.
    await ctx.db
      .update(outboundMessages)
      .set({ status: 'queued', lastError: describe(error), updatedAt: ctx.clock.now() })
      .where(and(isMessage(message), eq(outboundMessages.status, 'sending')));
    throw error;
  }
  const now = ctx.clock.now();
  const unitCostsCents = await unitCostsCentsOf(ctx.db, message.tenantId);
  const segments = result.segments ?? message.segments;
  await transaction(ctx.db, async (tx) => {
    const [done] = await tx
      .update(outboundMessages)
      .set({
        status: result.status,
        providerMessageId: result.providerMessageId,
        sentAt: now,
        deliveredAt: result.status === 'delivered' ? now : null,
        segments,
        costCents: result.costCents ?? costCentsOf(message.channel, unitCostsCents, segments),
        updatedAt: now,
      })
      .where(and(isMessage(message), inArray(outboundMessages.status, ['sending'])))
      .returning();
    if (done) await recordStatusChange(tx, ctx, done);
  });
}

/** Job `message.dispatch`, payload DispatchPayload (enqueued by sendToCitizen). */
export async function dispatchMessageJob(job: JobRecord, ctx: AppContext): Promise<void> {
  if (!job.tenantId) throw new Error('message.dispatch needs the job’s town');
  await dispatchMessage(ctx, job.payload as DispatchPayload, {
    tenantId: job.tenantId,
    isLastAttempt: job.attempts >= job.maxAttempts,
  });
}
