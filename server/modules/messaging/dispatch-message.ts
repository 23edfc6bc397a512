import type { AppContext } from '../../app-context';
import { savepoint, transaction } from '../../platform/db/transaction';
import { computeRetryDelayMs } from '../../platform/jobs/job-backoff';
import type { JobRecord } from '../../platform/jobs/job-runner';
import {
  adapterFor,
  channelAdaptersOf,
  createDispatchBatch,
  PermanentDeliveryError,
  type ChannelAdapter,
  type DispatchBatch,
  type DispatchResult,
  type OutboundMessage,
} from './channel-adapter';
import {
  absorbDueWakeUps,
  adoptLegacyMessage,
  claimMessageBatch,
  extendMessageLeases,
  findNextDueAt,
  isOurClaim,
  possibleDuplicateMarker,
  recordSent,
  scheduleMessageRetry,
  type SentOutcome,
} from './dispatch-batch.repository';
import {
  costCentsOf,
  dispatchBatchJobType,
  findDispatchPayload,
  queueFallback,
  recordStatusChange,
  unitCostsCentsOf,
  wakeDispatcher,
  type DispatchPayload,
} from './message-queue';
import { outboundMessages } from './messaging.tables';

export { possibleDuplicateMarker };

/** Claims of one message before a transient error fails it (the jobs queue's default too). */
export const maxDispatchAttempts = 8;
/** How long a claimed batch is held without a heartbeat before another worker may take it. */
export const defaultMessageLeaseMs = 60_000;
/** A drain stops claiming after this long and leaves a wake-up job, so other jobs get their turn. */
const defaultMaxDrainMs = 10_000;

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

/** Claims since the message was queued, or since an administrator last retried it. */
function attemptsOf(message: OutboundMessage): number {
  return message.attempts - (message.dispatch?.attemptsAtRetry ?? 0);
}

type Outcome =
  | { kind: 'sent'; message: OutboundMessage; result: DispatchResult }
  | { kind: 'failed'; message: OutboundMessage; error: string }
  | { kind: 'retry'; message: OutboundMessage; error: string };

/** Hands one claimed message to its channel; never throws (the outcome says what happened). */
async function sendOne(
  ctx: AppContext,
  message: OutboundMessage,
  adapters: readonly ChannelAdapter[],
  batch: DispatchBatch,
): Promise<Outcome> {
  const adapter = adapterFor(message.channel, adapters);
  if (!adapter)
    return { kind: 'failed', message, error: `Aucun adaptateur pour le canal ${message.channel}.` };
  try {
    return { kind: 'sent', message, result: await adapter.send(message, ctx, batch) };
  } catch (error) {
    if (error instanceof PermanentDeliveryError || attemptsOf(message) >= maxDispatchAttempts) {
      return { kind: 'failed', message, error: describe(error) };
    }
    return { kind: 'retry', message, error: describe(error) };
  }
}

/** Runs `task` over `items` with at most `limit` at once; results in the items' order. */
async function withConcurrency<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>) {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next;
        next += 1;
        results[index] = await task(items[index]!);
      }
    }),
  );
  return results;
}

export interface DispatchOptions {
  /** The ways out (default: those the modules registered); tests pass their own. */
  adapters?: readonly ChannelAdapter[];
  /** Messages per batch (default MESSAGE_BATCH_SIZE). */
  batchSize?: number;
  /** Messages of a batch in the channels' hands at once (default MESSAGE_SEND_CONCURRENCY). */
  concurrency?: number;
  leaseMs?: number;
  /** The job draining: its claims are recorded, and a rerun of it (`resume`) takes them back. */
  jobId?: number | null;
  resume?: boolean;
  /** Only these messages (a legacy job's own message; tests). */
  messageIds?: readonly string[];
  /** Stop claiming after this long; a wake-up job carries on (default 10 s). */
  maxDrainMs?: number;
}

export interface BatchReport {
  claimed: number;
  sent: number;
  failed: number;
  retried: number;
  /** Outcomes handed over but not recorded (their savepoint failed): re-sent after the lease. */
  unrecorded: number;
}

/**
 * Records a batch's outcomes in one transaction: the messages the channels took in one statement
 * (then their delivery events, each in its savepoint), a failure (`failed`, its event, the fallback
 * message) or a retry (back to `queued` after the backoff) each in its savepoint, so one message's
 * trouble never undoes another's outcome. Events reach the subjects' owners after the commit.
 */
async function recordOutcomes(
  ctx: AppContext,
  tenantId: string,
  outcomes: readonly Outcome[],
  adapters: readonly ChannelAdapter[],
  batch: DispatchBatch,
): Promise<BatchReport & { errors: unknown[] }> {
  const now = ctx.clock.now();
  const report = { claimed: outcomes.length, sent: 0, failed: 0, retried: 0, unrecorded: 0 };
  const errors: unknown[] = [];
  const needsCosts = outcomes.some(
    (outcome) => outcome.kind === 'sent' && outcome.result.costCents === undefined,
  );
  const unitCostsCents = needsCosts
    ? await batch.once('unit-costs', () => unitCostsCentsOf(ctx.db, tenantId))
    : {};
  const sent: SentOutcome[] = [];
  for (const outcome of outcomes) {
    if (outcome.kind !== 'sent') continue;
    const { message, result } = outcome;
    const segments = result.segments ?? message.segments;
    sent.push({
      message,
      status: result.status,
      providerMessageId: result.providerMessageId,
      segments,
      costCents: result.costCents ?? costCentsOf(message.channel, unitCostsCents, segments),
    });
  }
  await transaction(ctx.db, async (tx) => {
    const done = await recordSent(tx, tenantId, sent, now);
    report.sent = done.length;
    for (const row of done) {
      if (!row.subjectId) continue;
      try {
        await savepoint(tx, (inner) => recordStatusChange(inner, ctx, row));
      } catch (error) {
        errors.push(error);
      }
    }
    let nextRetry: Date | null = null;
    for (const outcome of outcomes) {
      if (outcome.kind === 'sent') continue;
      try {
        await savepoint(tx, async (inner) => {
          if (outcome.kind === 'failed') {
            const [failed] = await inner
              .update(outboundMessages)
              .set({
                status: 'failed',
                failedAt: now,
                lastError: outcome.error,
                leaseUntil: null,
                updatedAt: now,
              })
              .where(isOurClaim(outcome.message))
              .returning();
            if (!failed) return;
            report.failed += 1;
            await recordStatusChange(inner, ctx, failed);
            const payload = await findDispatchPayload({ ...ctx, db: inner }, failed);
            await queueFallback(inner, ctx, failed, payload, now, adapters);
            return;
          }
          const delayMs = computeRetryDelayMs(attemptsOf(outcome.message));
          const retried = await scheduleMessageRetry(inner, outcome.message, {
            error: outcome.error,
            delayMs,
            now,
          });
          if (!retried) return;
          report.retried += 1;
          if (retried.dueAt && (!nextRetry || retried.dueAt < nextRetry)) nextRetry = retried.dueAt;
        });
      } catch (error) {
        report.unrecorded += 1;
        errors.push(error);
      }
    }
    if (nextRetry) await wakeDispatcher(tx, tenantId, nextRetry);
  });
  return { ...report, errors };
}

type Report = BatchReport & { errors: unknown[] };

function emptyReport(): Report {
  return { claimed: 0, sent: 0, failed: 0, retried: 0, unrecorded: 0, errors: [] };
}

function addReport(total: Report, report: Report): void {
  total.claimed += report.claimed;
  total.sent += report.sent;
  total.failed += report.failed;
  total.retried += report.retried;
  total.unrecorded += report.unrecorded;
  total.errors.push(...report.errors);
}

/** A claimed batch, handed to its channels, whose outcomes are being recorded. */
interface BatchInHand {
  claimed: number;
  recorded: Promise<Report>;
}

/**
 * One batch: claims up to `batchSize` due messages of the town (marked `sending` under a lease in
 * one committed statement before anything leaves: a worker that dies after that leaves the trace),
 * hands them to their channels a few at a time (lookups shared through the batch), then records
 * every outcome in one transaction; the lease is kept alive until that transaction is over. A
 * message found `sending` was handed over by a worker that died, and goes again with the same
 * identity (e-mail: same Message-ID; SMS: same concatenation reference; portal: the notification
 * already written is found), marked as a possible duplicate. Resolves once the messages are out
 * (`recorded` settles when their outcomes are committed), so that the next batch can be claimed
 * and sent while this one is recorded.
 */
async function sendBatch(ctx: AppContext, tenantId: string, options: DispatchOptions): Promise<BatchInHand> {
  const adapters = options.adapters ?? channelAdaptersOf(ctx);
  const leaseMs = options.leaseMs ?? defaultMessageLeaseMs;
  const claimed = await claimMessageBatch(ctx.db, {
    tenantId,
    limit: options.batchSize ?? ctx.config.messageBatchSize,
    leaseMs,
    dueBy: ctx.clock.now(),
    jobId: options.jobId ?? null,
    resume: options.resume ?? false,
    messageIds: options.messageIds,
  });
  if (claimed.length === 0) return { claimed: 0, recorded: Promise.resolve(emptyReport()) };
  const batch = createDispatchBatch(tenantId, claimed);
  const heartbeat = setInterval(
    () => {
      // A failed beat is retried at the next one; the lease only runs out if they all fail.
      extendMessageLeases(ctx.db, tenantId, claimed, leaseMs).catch(() => undefined);
    },
    Math.max(Math.floor(leaseMs / 3), 10),
  );
  try {
    const outcomes = await withConcurrency(
      claimed,
      options.concurrency ?? ctx.config.messageSendConcurrency,
      (message) => sendOne(ctx, message, adapters, batch),
    );
    const recorded = recordOutcomes(ctx, tenantId, outcomes, adapters, batch).finally(() =>
      clearInterval(heartbeat),
    );
    return { claimed: claimed.length, recorded };
  } catch (error) {
    clearInterval(heartbeat);
    throw error;
  }
}

/** One batch, sent and recorded (see `sendBatch`). */
export async function dispatchBatch(
  ctx: AppContext,
  tenantId: string,
  options: DispatchOptions = {},
): Promise<Report> {
  return (await sendBatch(ctx, tenantId, options)).recorded;
}

/**
 * Sends a town's due messages batch after batch until none is left (or `maxDrainMs` has passed: a
 * wake-up job then carries on), and leaves a wake-up job for the next retry that is not due yet.
 * Two batches overlap: the next is claimed and sent while the previous one's outcomes are recorded
 * (on another connection), so the channel is not left idle during the bookkeeping.
 */
export async function dispatchDueMessages(
  ctx: AppContext,
  tenantId: string,
  options: DispatchOptions = {},
): Promise<Report> {
  const total = emptyReport();
  const stopAt = performance.now() + (options.maxDrainMs ?? defaultMaxDrainMs);
  let resume = options.resume ?? false;
  let recording: Promise<Report> | undefined;
  let timedOut = false;
  try {
    for (;;) {
      const inHand = await sendBatch(ctx, tenantId, { ...options, resume });
      resume = false;
      const previous = recording ? await recording : undefined;
      if (previous) addReport(total, previous);
      recording = inHand.recorded;
      // This claim ran before the previous batch committed: the fallbacks of its failures, due
      // now, were not visible to it yet.
      if (inHand.claimed === 0 && !(previous && previous.failed > 0)) break;
      if (performance.now() > stopAt) {
        timedOut = true;
        break;
      }
    }
  } finally {
    // Whatever happens, a batch in hand is recorded before the drain returns or throws.
    if (recording) addReport(total, await recording);
  }
  if (timedOut) {
    await transaction(ctx.db, (tx) => wakeDispatcher(tx, tenantId));
    return total;
  }
  const nextDueAt = await findNextDueAt(ctx.db, tenantId, ctx.clock.now());
  if (nextDueAt) await transaction(ctx.db, (tx) => wakeDispatcher(tx, tenantId, nextDueAt));
  return total;
}

function throwIfUnrecorded(errors: unknown[]): void {
  if (errors.length === 0) return;
  // The other outcomes are committed; the job shows what went wrong (and its rerun finds nothing).
  throw new AggregateError(errors, `${errors.length} outcome(s) of the batch could not be recorded`);
}

/**
 * Job `message.dispatch-batch` (the wake-up written with the messages, see `wakeDispatcher`):
 * first takes the other due wake-up jobs of its town along (this drain covers their messages),
 * then sends the town's due messages in batches. A rerun of the job (its worker died) first takes
 * back the batch that worker had claimed.
 */
export async function dispatchBatchJob(job: JobRecord, ctx: AppContext): Promise<void> {
  if (!job.tenantId) throw new Error('message.dispatch-batch needs the job’s town');
  await absorbDueWakeUps(ctx.db, {
    tenantId: job.tenantId,
    jobType: dispatchBatchJobType,
    jobId: job.id,
    dueBy: ctx.clock.now(),
  });
  const report = await dispatchDueMessages(ctx, job.tenantId, { jobId: job.id, resume: job.attempts > 1 });
  throwIfUnrecorded(report.errors);
}

/**
 * Job `message.dispatch`, one message, written before batch dispatch (migration 0012): its message
 * is adopted by batch dispatch (its payload becomes the message's dispatch state) and sent in a
 * batch of its own; the town's other messages are the wake-up jobs' business.
 */
export async function dispatchMessageJob(job: JobRecord, ctx: AppContext): Promise<void> {
  if (!job.tenantId) throw new Error('message.dispatch needs the job’s town');
  const payload = job.payload as DispatchPayload;
  const { messageId, ...dispatch } = payload;
  await adoptLegacyMessage(ctx.db, {
    tenantId: job.tenantId,
    messageId,
    dispatch: dispatch as OutboundMessage['dispatch'],
    dueBy: ctx.clock.now(),
  });
  const report = await dispatchDueMessages(ctx, job.tenantId, {
    jobId: job.id,
    resume: job.attempts > 1,
    messageIds: [messageId],
  });
  throwIfUnrecorded(report.errors);
}
