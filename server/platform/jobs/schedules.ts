import type { AppContext } from '../../app-context';
import type { DbOrTx } from '../db/client';
import { collectExtensions, type RecurringJob } from '../modules/module-manifest';
import type { JobRunnerLogger } from './job-runner';
import { jobs } from './jobs.tables';

export type { RecurringJob };

declare module '../modules/module-manifest' {
  interface ModuleExtensions {
    /**
     * The towns recurring jobs run for: every town's id, or only `tenantId` when it exists
     * (contributed by the module that owns the towns).
     */
    townIds: (db: DbOrTx, tenantId?: string) => Promise<string[]>;
  }
}

/**
 * Recurring jobs. Every minute the scheduler enqueues each recurring job once per tenant and per
 * period, keyed `schedule:<type>:<tenantId>:<period start ISO>`: the jobs table's unique
 * idempotency key makes a second enqueue of the same period a no-op, so any number of instances
 * may run the scheduler on one PostgreSQL database without doubling a run. A period missed while
 * no instance ran is not caught up on its own: the handlers work from the current state
 * (everything overdue, everything answered long enough ago), so the next period does it all.
 */

const minute = 60_000;

/** The application's recurring jobs: those every module's manifest declares. */
export function applicationSchedules(ctx: Pick<AppContext, 'modules'>): RecurringJob[] {
  return ctx.modules.manifests.flatMap((manifest) => manifest.schedules ?? []);
}

/** The start of the period that contains `now`. */
export function periodStartOf(now: Date, periodMs: number): Date {
  return new Date(Math.floor(now.getTime() / periodMs) * periodMs);
}

export function scheduleIdempotencyKey(type: string, tenantId: string, periodStart: Date): string {
  return `schedule:${type}:${tenantId}:${periodStart.toISOString()}`;
}

/** Every town's id, or only `tenantId` when it exists, from the module that owns towns. */
async function findTenantIds(ctx: Pick<AppContext, 'db' | 'modules'>, tenantId: string | undefined) {
  const [listTownIds] = collectExtensions(ctx.modules.manifests, 'townIds');
  if (!listTownIds) throw new Error('No module contributes the townIds extension: recurring jobs need it');
  return listTownIds(ctx.db, tenantId);
}

export interface EnqueueScheduledOptions {
  schedules?: readonly RecurringJob[];
  /** Only this tenant (tests on a shared database); default: every tenant. */
  tenantId?: string;
}

/**
 * Enqueues the current period's run of every recurring job for every tenant (payload
 * `{tenantId}`), once: returns how many jobs this call created (0 when another instance, or an
 * earlier tick, already did).
 */
export async function enqueueScheduledJobs(
  ctx: Pick<AppContext, 'db' | 'clock' | 'modules'>,
  options: EnqueueScheduledOptions = {},
): Promise<number> {
  const schedules = options.schedules ?? applicationSchedules(ctx);
  const now = ctx.clock.now();
  const tenantIds = await findTenantIds(ctx, options.tenantId);
  const rows = schedules.flatMap((schedule) => {
    const periodStart = periodStartOf(now, schedule.periodMs);
    return tenantIds.map((tenantId) => ({
      type: schedule.type,
      tenantId,
      payload: { tenantId, periodStart: periodStart.toISOString() },
      idempotencyKey: scheduleIdempotencyKey(schedule.type, tenantId, periodStart),
      // A run that keeps failing is retried a few times, then the next period takes over.
      maxAttempts: 3,
    }));
  });
  if (rows.length === 0) return 0;
  const inserted = await ctx.db.insert(jobs).values(rows).onConflictDoNothing().returning({ id: jobs.id });
  return inserted.length;
}

export interface Scheduler {
  /** Enqueue now, then every `intervalMs`. */
  start(): void;
  /** Stop ticking; waits for a tick in progress. */
  stop(): Promise<void>;
  /** One tick: what the timer runs (also for tests and CLI). */
  tick(): Promise<number>;
}

export interface SchedulerOptions extends EnqueueScheduledOptions {
  /** Between ticks (default one minute: no period is shorter than that). */
  intervalMs?: number;
  log?: JobRunnerLogger;
}

/** The in-process scheduler, started and stopped with the worker (see main.ts). */
export function createScheduler(getContext: () => AppContext, options: SchedulerOptions = {}): Scheduler {
  const intervalMs = options.intervalMs ?? minute;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  async function tick(): Promise<number> {
    return enqueueScheduledJobs(getContext(), options);
  }

  function runTick() {
    if (running) return; // the previous tick is still waiting on the database
    running = tick()
      .catch((error: unknown) => options.log?.error({ err: error }, 'scheduling recurring jobs failed'))
      .finally(() => {
        running = undefined;
      });
  }

  return {
    start() {
      if (timer) return;
      runTick();
      timer = setInterval(runTick, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
    tick,
  };
}
