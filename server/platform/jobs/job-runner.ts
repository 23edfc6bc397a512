// INTERIM: enqueue works; the worker (claim, lease, retries) is being written by the jobs work.
import type { AppContext } from '../../app-context';
import type { DbOrTx } from '../db/client';
import { jobs } from './jobs.tables';

export interface JobRecord {
  id: number;
  tenantId: string | null;
  type: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
}

export type JobHandler = (job: JobRecord, ctx: AppContext) => Promise<void>;

export interface EnqueueOptions {
  type: string;
  payload: Record<string, unknown>;
  tenantId?: string | null;
  runAt?: Date;
  idempotencyKey?: string;
  maxAttempts?: number;
}

export interface JobRunner {
  register(type: string, handler: JobHandler): void;
  /** Start polling in the background (the in-process worker). */
  start(): void;
  /** Stop polling; waits for the job in hand. */
  stop(): Promise<void>;
  /** Run every due job now, until none is left; returns how many ran. For tests and CLI. */
  runUntilIdle(): Promise<number>;
}

/** Insert a job inside the caller's transaction: it exists only if the change commits. */
export async function enqueue(tx: DbOrTx, job: EnqueueOptions): Promise<void> {
  await tx
    .insert(jobs)
    .values({
      type: job.type,
      payload: job.payload,
      tenantId: job.tenantId ?? null,
      runAt: job.runAt,
      idempotencyKey: job.idempotencyKey,
      maxAttempts: job.maxAttempts,
    })
    .onConflictDoNothing();
}

export function createJobRunner(
  _getContext: () => AppContext,
  _options: { workerId?: string } = {},
): JobRunner {
  const handlers = new Map<string, JobHandler>();
  return {
    register: (type, handler) => void handlers.set(type, handler),
    start() {},
    async stop() {},
    async runUntilIdle() {
      return 0;
    },
  };
}
