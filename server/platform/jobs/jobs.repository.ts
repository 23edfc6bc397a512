import { and, count, desc, eq, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { jobs } from './jobs.tables';

export type Job = typeof jobs.$inferSelect;
export type JobStatus = Job['status'];
export const jobStatuses = ['pending', 'running', 'done', 'failed'] as const satisfies readonly JobStatus[];

/**
 * "Now" for due dates: the later of the database's clock and the application clock (see the
 * comment on time in job-runner.ts). Leases never use it: they only trust the database clock.
 */
function presentOf(dueBy: Date): SQL {
  return sql`greatest(now(), ${dueBy.toISOString()}::timestamptz)`;
}

function afterMilliseconds(base: SQL, milliseconds: number): SQL {
  return sql`${base} + (${Math.round(milliseconds)}::integer * interval '1 millisecond')`;
}

export interface ClaimOptions {
  workerId: string;
  leaseMs: number;
  limit: number;
  dueBy: Date;
  /** Only this tenant's jobs (tests sharing one database). */
  tenantId?: string;
}

/**
 * Claims due jobs in one statement: pending ones whose run_at has come, and running ones whose
 * lease has expired (their worker died). FOR UPDATE SKIP LOCKED lets concurrent workers pass
 * over rows another worker is claiming instead of waiting for it or claiming them twice.
 */
export async function claimDueJobs(db: DbOrTx, options: ClaimOptions): Promise<Job[]> {
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        inArray(jobs.status, ['pending', 'running']),
        lte(jobs.runAt, presentOf(options.dueBy)),
        or(eq(jobs.status, 'pending'), lt(jobs.lockedUntil, sql`now()`)),
        options.tenantId ? eq(jobs.tenantId, options.tenantId) : undefined,
      ),
    )
    .orderBy(jobs.runAt, jobs.id)
    .limit(options.limit)
    .for('update', { skipLocked: true });
  return db
    .update(jobs)
    .set({
      status: 'running',
      lockedBy: options.workerId,
      lockedUntil: afterMilliseconds(sql`now()`, options.leaseMs),
      attempts: sql`${jobs.attempts} + 1`,
      updatedAt: sql`now()`,
    })
    .where(inArray(jobs.id, due))
    .returning();
}

/** Still ours (not re-claimed by another worker after our lease expired). */
function heldBy(id: number, workerId: string): SQL | undefined {
  return and(eq(jobs.id, id), eq(jobs.lockedBy, workerId), eq(jobs.status, 'running'));
}

/** Heartbeat: pushes the lease forward; false when the job is no longer ours. */
export async function extendJobLease(
  db: DbOrTx,
  id: number,
  workerId: string,
  leaseMs: number,
): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ lockedUntil: afterMilliseconds(sql`now()`, leaseMs), updatedAt: sql`now()` })
    .where(heldBy(id, workerId))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function markJobDone(db: DbOrTx, id: number, workerId: string): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({
      status: 'done',
      lockedBy: null,
      lockedUntil: null,
      finishedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(heldBy(id, workerId))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function scheduleJobRetry(
  db: DbOrTx,
  id: number,
  workerId: string,
  input: { lastError: string; delayMs: number; dueBy: Date },
): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({
      status: 'pending',
      lockedBy: null,
      lockedUntil: null,
      lastError: input.lastError,
      runAt: afterMilliseconds(presentOf(input.dueBy), input.delayMs),
      updatedAt: sql`now()`,
    })
    .where(heldBy(id, workerId))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function markJobFailed(
  db: DbOrTx,
  id: number,
  workerId: string,
  lastError: string,
): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({
      status: 'failed',
      lockedBy: null,
      lockedUntil: null,
      lastError,
      finishedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(heldBy(id, workerId))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function findTenantJob(db: DbOrTx, tenantId: string, id: number): Promise<Job | undefined> {
  const [job] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, id)))
    .limit(1);
  return job;
}

/** A tenant's jobs, newest first, one page at a time. */
export async function findTenantJobs(
  db: DbOrTx,
  tenantId: string,
  filter: { status?: JobStatus; limit: number; offset: number },
): Promise<{ rows: Job[]; total: number }> {
  const where = and(eq(jobs.tenantId, tenantId), filter.status ? eq(jobs.status, filter.status) : undefined);
  const [rows, [totals]] = await Promise.all([
    db
      .select()
      .from(jobs)
      .where(where)
      .orderBy(desc(jobs.createdAt), desc(jobs.id))
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ total: count() }).from(jobs).where(where),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

/** A failed job back to pending, attempts reset, due now; nothing when it is not failed. */
export async function resetFailedJob(
  db: DbOrTx,
  tenantId: string,
  id: number,
  dueBy: Date,
): Promise<Job | undefined> {
  const [job] = await db
    .update(jobs)
    .set({
      status: 'pending',
      attempts: 0,
      runAt: presentOf(dueBy),
      lockedBy: null,
      lockedUntil: null,
      finishedAt: null,
      updatedAt: sql`now()`,
    })
    .where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, id), eq(jobs.status, 'failed')))
    .returning();
  return job;
}
