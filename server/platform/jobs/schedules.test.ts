import { and, asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../test/build-test-app';
import { autoCloseJobType } from '../../modules/requests/closure/auto-close';
import { markOverdueJobType } from '../../modules/requests/deadlines/mark-overdue';
import { testDatabaseUrl } from '../../../test/test-database';
import { createFixedClock } from '../clock';
import { jobs } from './jobs.tables';
import {
  applicationSchedules,
  createScheduler,
  enqueueScheduledJobs,
  periodStartOf,
  scheduleIdempotencyKey,
} from './schedules';

const minute = 60_000;

describe('schedule periods', () => {
  it('starts periods at multiples of their length', () => {
    const at = new Date('2026-03-10T09:44:59.999Z');
    expect(periodStartOf(at, 15 * minute)).toEqual(new Date('2026-03-10T09:30:00Z'));
    expect(periodStartOf(at, 60 * minute)).toEqual(new Date('2026-03-10T09:00:00Z'));
    expect(periodStartOf(new Date('2026-03-10T09:45:00Z'), 15 * minute)).toEqual(
      new Date('2026-03-10T09:45:00Z'),
    );
  });

  it('keys a run by type, tenant and period start', () => {
    expect(scheduleIdempotencyKey('requests.mark-overdue', 'T1', new Date('2026-03-10T09:30:00Z'))).toBe(
      'schedule:requests.mark-overdue:T1:2026-03-10T09:30:00.000Z',
    );
  });
});

describe('scheduler', () => {
  let t: TestContext;
  let second: TestContext;
  const clock = createFixedClock('2026-03-10T09:01:00Z');

  beforeAll(async () => {
    t = await buildTestApp({ clock });
    // Another instance on the same database (its own tenant is not scheduled here).
    second = await buildTestApp({ clock });
  });
  afterAll(async () => {
    await t.close();
    await second.close();
  });

  it('runs deadlines every 15 minutes and auto-closure every hour, as the modules declare', () => {
    expect(applicationSchedules(t.app.ctx)).toEqual([
      { type: markOverdueJobType, periodMs: 15 * minute },
      { type: autoCloseJobType, periodMs: 60 * minute },
    ]);
  });

  const scheduledJobs = () =>
    t.app.ctx.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.tenantId, t.tenant.id), like(jobs.idempotencyKey, 'schedule:%')))
      .orderBy(asc(jobs.id));
  const tenantId = () => t.tenant.id;

  it('enqueues each recurring job once per tenant and period, whatever the number of instances', async () => {
    clock.set('2026-03-10T09:01:00Z');
    expect(await enqueueScheduledJobs(t.app.ctx, { tenantId: tenantId() })).toBe(2);
    // The same minute, the next minute and another instance: nothing new.
    expect(await enqueueScheduledJobs(t.app.ctx, { tenantId: tenantId() })).toBe(0);
    clock.set('2026-03-10T09:14:59Z');
    expect(await enqueueScheduledJobs(second.app.ctx, { tenantId: tenantId() })).toBe(0);
    const [deadlines, closure] = await scheduledJobs();
    expect(deadlines).toMatchObject({
      type: markOverdueJobType,
      tenantId: tenantId(),
      payload: { tenantId: tenantId(), periodStart: '2026-03-10T09:00:00.000Z' },
      idempotencyKey: `schedule:${markOverdueJobType}:${tenantId()}:2026-03-10T09:00:00.000Z`,
    });
    expect(closure).toMatchObject({
      type: autoCloseJobType,
      idempotencyKey: `schedule:${autoCloseJobType}:${tenantId()}:2026-03-10T09:00:00.000Z`,
    });

    // A new quarter of an hour: deadlines again, not auto-closure.
    clock.set('2026-03-10T09:15:00Z');
    expect(await enqueueScheduledJobs(second.app.ctx, { tenantId: tenantId() })).toBe(1);
    expect(await enqueueScheduledJobs(t.app.ctx, { tenantId: tenantId() })).toBe(0);
    // A new hour: both.
    clock.set('2026-03-10T10:00:30Z');
    expect(await enqueueScheduledJobs(t.app.ctx, { tenantId: tenantId() })).toBe(2);
    expect((await scheduledJobs()).map((job) => job.type)).toEqual([
      markOverdueJobType,
      autoCloseJobType,
      markOverdueJobType,
      markOverdueJobType,
      autoCloseJobType,
    ]);

    // The handlers are registered: every scheduled run completes.
    await t.app.ctx.jobs.runUntilIdle();
    expect((await scheduledJobs()).map((job) => job.status)).toEqual([
      'done',
      'done',
      'done',
      'done',
      'done',
    ]);
  });

  // On a shared PostgreSQL database this would schedule runs for other test files' tenants.
  it.skipIf(testDatabaseUrl())('enqueues for every tenant when not scoped (own PGlite only)', async () => {
    clock.set('2026-03-11T08:00:00Z');
    await enqueueScheduledJobs(t.app.ctx);
    for (const context of [t, second]) {
      const keys = (
        await t.app.ctx.db
          .select({ key: jobs.idempotencyKey })
          .from(jobs)
          .where(
            and(eq(jobs.tenantId, context.tenant.id), like(jobs.idempotencyKey, 'schedule:%2026-03-11T08%')),
          )
      ).map((row) => row.key);
      expect(keys.sort()).toEqual(
        [
          `schedule:${autoCloseJobType}:${context.tenant.id}:2026-03-11T08:00:00.000Z`,
          `schedule:${markOverdueJobType}:${context.tenant.id}:2026-03-11T08:00:00.000Z`,
        ].sort(),
      );
    }
    // Leave nothing pending for the other tests of a shared database to stumble on.
    await t.app.ctx.jobs.runUntilIdle();
    await second.app.ctx.jobs.runUntilIdle();
  });

  it('ticks once when started and stops cleanly', async () => {
    clock.set('2026-03-12T08:00:00Z');
    const scheduler = createScheduler(() => t.app.ctx, { tenantId: tenantId() });
    scheduler.start();
    await scheduler.stop();
    const keys = (await scheduledJobs()).map((job) => job.idempotencyKey);
    expect(keys).toContain(`schedule:${markOverdueJobType}:${tenantId()}:2026-03-12T08:00:00.000Z`);
    expect(keys).toContain(`schedule:${autoCloseJobType}:${tenantId()}:2026-03-12T08:00:00.000Z`);
    expect(await scheduler.tick()).toBe(0);
    await t.app.ctx.jobs.runUntilIdle();
  });
});
