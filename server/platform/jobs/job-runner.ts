import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { AppContext } from '../../app-context';
import type { DbOrTx } from '../db/client';
import { runTenantChecked } from '../db/tenant-guard';
import { computeRetryDelayMs } from './job-backoff';
import {
  claimDueJobs,
  extendJobLease,
  markJobDone,
  markJobFailed,
  scheduleJobRetry,
  type Job,
} from './jobs.repository';
import { jobs } from './jobs.tables';

/*
 * Time. Several processes share one queue, so leases (who holds a job, until when) are judged
 * by the database's `now()` only: it is the one clock every worker agrees on, and a worker with
 * a skewed or test clock can never steal a job whose lease is still running.
 * Due dates (run_at) compare against the later of the database's `now()` and `ctx.clock.now()`,
 * and backoff counts from that same instant. With the system clock both are the same; in tests a
 * fixed clock moved forward makes scheduled jobs and retries due (no need to rewrite run_at),
 * while a fixed clock set in the past never hides jobs enqueued with the default run_at (the
 * database's now()).
 */

export interface JobRecord {
  id: number;
  tenantId: string | null;
  type: string;
  payload: Record<string, unknown>;
  /** This attempt included (1 on the first run). */
  attempts: number;
  maxAttempts: number;
}

export type JobHandler = (job: JobRecord, ctx: AppContext) => Promise<void>;

export interface EnqueueOptions {
  type: string;
  payload: Record<string, unknown>;
  tenantId?: string | null;
  /** Not before this instant (default: now). */
  runAt?: Date;
  /** A second enqueue with the same key is ignored (globally unique). */
  idempotencyKey?: string;
  maxAttempts?: number;
}

export interface RunUntilIdleOptions {
  /** Only this tenant's jobs: tests sharing one PostgreSQL database leave each other's jobs alone. */
  tenantId?: string;
}

export interface JobRunner {
  register(type: string, handler: JobHandler): void;
  /** Start polling in the background (the in-process worker). */
  start(): void;
  /** Stop polling; waits for the job in hand. */
  stop(): Promise<void>;
  /** Run every due job now, until none is left; returns how many ran. For tests and CLI. */
  runUntilIdle(options?: RunUntilIdleOptions): Promise<number>;
}

export interface JobRunnerLogger {
  info(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface JobRunnerOptions {
  /** Written to jobs.locked_by; unique per runner by default. */
  workerId?: string;
  /** How long a claim holds a job before another worker may take it (default 60 s). */
  leaseMs?: number;
  /** Pause between polls when the queue is empty (default 1 s). */
  pollIntervalMs?: number;
  /** Only claim this tenant's jobs (tests and fixtures on a shared database). */
  tenantId?: string;
  log?: JobRunnerLogger;
}

/** Insert a job inside the caller's transaction: it exists only if the change commits. Returns
 * the new job's id, or undefined when a job with the same idempotency key already exists. */
export async function enqueue(tx: DbOrTx, job: EnqueueOptions): Promise<number | undefined> {
  const [row] = await tx
    .insert(jobs)
    .values({
      type: job.type,
      payload: job.payload,
      tenantId: job.tenantId ?? null,
      runAt: job.runAt,
      idempotencyKey: job.idempotencyKey,
      maxAttempts: job.maxAttempts,
    })
    .onConflictDoNothing()
    .returning({ id: jobs.id });
  return row?.id;
}

const maxErrorLength = 4_000;

function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > maxErrorLength ? `${text.slice(0, maxErrorLength)}…` : text;
}

function toRecord(job: Job): JobRecord {
  return {
    id: job.id,
    tenantId: job.tenantId,
    type: job.type,
    payload: job.payload,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
  };
}

const silentLog: JobRunnerLogger = { info() {}, error() {} };

export function createJobRunner(getContext: () => AppContext, options: JobRunnerOptions = {}): JobRunner {
  const handlers = new Map<string, JobHandler>();
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const leaseMs = options.leaseMs ?? 60_000;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const log = options.log ?? silentLog;

  let loop: Promise<void> | undefined;
  let stopping = false;
  let wake: (() => void) | undefined;

  /** Runs one claimed job to its outcome; never throws (the outcome is written to its row). */
  async function runJob(job: Job): Promise<void> {
    const ctx = getContext();
    const handler = handlers.get(job.type);
    if (!handler) {
      await markJobFailed(
        ctx.db,
        job.id,
        workerId,
        `Unknown job type "${job.type}": no handler is registered.`,
      );
      log.error({ jobId: job.id, type: job.type }, 'job failed: unknown type');
      return;
    }
    if (job.attempts > job.maxAttempts) {
      // Its last attempt was claimed by a worker that died: the lease expired with none left.
      const lastError = `The worker stopped during the last attempt (lease expired). ${job.lastError ?? ''}`;
      await markJobFailed(ctx.db, job.id, workerId, lastError.trim());
      return;
    }
    // Heartbeat: a long handler keeps its lease; a failed heartbeat is retried at the next beat.
    const heartbeat = setInterval(
      () => {
        extendJobLease(ctx.db, job.id, workerId, leaseMs).then(
          (held) => held || log.error({ jobId: job.id }, 'job lease lost to another worker'),
          (error: unknown) => log.error({ jobId: job.id, err: error }, 'job heartbeat failed'),
        );
      },
      Math.max(Math.floor(leaseMs / 3), 10),
    );
    try {
      const record = toRecord(job);
      await (ctx.config.tenantQueryGuard
        ? runTenantChecked(`job ${job.type}`, () => handler(record, ctx))
        : handler(record, ctx));
      clearInterval(heartbeat);
      await markJobDone(ctx.db, job.id, workerId);
    } catch (error) {
      clearInterval(heartbeat);
      const lastError = describeError(error);
      if (job.attempts < job.maxAttempts) {
        const delayMs = computeRetryDelayMs(job.attempts);
        await scheduleJobRetry(ctx.db, job.id, workerId, { lastError, delayMs, dueBy: ctx.clock.now() });
        log.info({ jobId: job.id, type: job.type, err: error, delayMs }, 'job failed, will retry');
      } else {
        await markJobFailed(ctx.db, job.id, workerId, lastError);
        log.error({ jobId: job.id, type: job.type, err: error }, 'job failed, no attempts left');
      }
    }
  }

  /** Claims and runs at most one job; false when none was due. */
  async function runNext(tenantId: string | undefined): Promise<boolean> {
    const ctx = getContext();
    const [job] = await claimDueJobs(ctx.db, {
      workerId,
      leaseMs,
      limit: 1,
      dueBy: ctx.clock.now(),
      tenantId: tenantId ?? options.tenantId,
    });
    if (!job) return false;
    await runJob(job);
    return true;
  }

  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  }

  async function poll(): Promise<void> {
    while (!stopping) {
      let found = false;
      try {
        found = await runNext(undefined);
      } catch (error) {
        // The database is unreachable or the claim failed: try again at the next poll.
        log.error({ err: error }, 'job claim failed');
      }
      if (!found && !stopping) await pause(pollIntervalMs);
    }
  }

  return {
    register(type, handler) {
      handlers.set(type, handler);
    },
    start() {
      if (loop) return;
      stopping = false;
      loop = poll().finally(() => {
        loop = undefined;
      });
    },
    async stop() {
      stopping = true;
      wake?.();
      await loop;
    },
    async runUntilIdle(runOptions = {}) {
      let count = 0;
      // A handler may enqueue more due jobs: they run too. The cap only guards against a loop.
      while (count < 100_000 && (await runNext(runOptions.tenantId))) count += 1;
      return count;
    },
  };
}
