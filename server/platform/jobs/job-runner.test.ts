import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../test/build-test-app';
import { uniqueSuffix } from '../../../test/factories';
import { testDatabaseUrl } from '../../../test/test-database';
import { createFixedClock } from '../clock';
import { queryRows } from '../db/client';
import { createJobRunner, enqueue, type JobRecord, type JobRunner } from './job-runner';
import { jobs } from './jobs.tables';
import { transaction } from '../db/transaction';

describe('job runner', () => {
  let t: TestContext;
  const clock = createFixedClock(new Date());
  let runner: JobRunner;
  const seen: JobRecord[] = [];
  const failuresLeft = new Map<number, number>();

  beforeAll(async () => {
    t = await buildTestApp({ clock });
    // Scoped to this file's tenant: test files sharing one PostgreSQL database keep their jobs.
    runner = createJobRunner(() => t.app.ctx, { tenantId: t.tenant.id, workerId: 'runner-test' });
    runner.register('test.record', async (job) => {
      seen.push(job);
    });
    runner.register('test.flaky', async (job) => {
      const left = failuresLeft.get(job.id) ?? 0;
      if (left > 0) {
        failuresLeft.set(job.id, left - 1);
        throw new Error(`boom ${left}`);
      }
    });
    runner.register('test.always-fails', async () => {
      throw new TypeError('the relay refused the message');
    });
  });
  afterAll(() => t.close());

  const add = (type: string, extra: Partial<Parameters<typeof enqueue>[1]> = {}) =>
    enqueue(t.app.ctx.db, { type, payload: { n: uniqueSuffix() }, tenantId: t.tenant.id, ...extra });
  const getJob = async (id: number) => {
    const [job] = await t.app.ctx.db.select().from(jobs).where(eq(jobs.id, id));
    return job!;
  };
  const runDue = () => runner.runUntilIdle();

  it('runs a due job once and marks it done', async () => {
    const id = (await add('test.record', { payload: { hello: 'world' } }))!;
    expect(await runDue()).toBe(1);
    expect(seen.find((job) => job.id === id)).toMatchObject({
      type: 'test.record',
      payload: { hello: 'world' },
      tenantId: t.tenant.id,
      attempts: 1,
    });
    const job = await getJob(id);
    expect(job).toMatchObject({ status: 'done', attempts: 1, lockedBy: null, lockedUntil: null });
    expect(job.finishedAt).toBeInstanceOf(Date);
    expect(await runDue()).toBe(0);
  });

  it('retries a failed job after an exponential backoff, then completes it', async () => {
    const id = (await add('test.flaky'))!;
    failuresLeft.set(id, 2);

    expect(await runDue()).toBe(1);
    let job = await getJob(id);
    expect(job).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Error: boom 2', lockedBy: null });
    // run_at and updated_at are written by the same statement: the gap is the backoff (10 s ± 20 %).
    let delay = job.runAt.getTime() - job.updatedAt.getTime();
    expect(delay).toBeGreaterThanOrEqual(8_000);
    expect(delay).toBeLessThanOrEqual(12_000);
    expect(await runDue()).toBe(0);

    clock.set(new Date(job.runAt.getTime() + 1));
    expect(await runDue()).toBe(1);
    job = await getJob(id);
    expect(job).toMatchObject({ status: 'pending', attempts: 2, lastError: 'Error: boom 1' });
    // The second wait doubles, counted from the (moved) clock.
    delay = job.runAt.getTime() - clock.now().getTime();
    expect(delay).toBeGreaterThanOrEqual(16_000);
    expect(delay).toBeLessThanOrEqual(24_000);

    clock.set(new Date(job.runAt.getTime() + 1));
    expect(await runDue()).toBe(1);
    job = await getJob(id);
    expect(job).toMatchObject({ status: 'done', attempts: 3 });
  });

  it('marks a job failed once its attempts are exhausted', async () => {
    const id = (await add('test.always-fails', { maxAttempts: 2 }))!;
    expect(await runDue()).toBe(1);
    expect(await getJob(id)).toMatchObject({ status: 'pending', attempts: 1 });
    clock.advance(60 * 60 * 1000);
    expect(await runDue()).toBe(1);
    const job = await getJob(id);
    expect(job).toMatchObject({
      status: 'failed',
      attempts: 2,
      lastError: 'TypeError: the relay refused the message',
      lockedBy: null,
    });
    expect(job.finishedAt).toBeInstanceOf(Date);
    clock.advance(24 * 60 * 60 * 1000);
    expect(await runDue()).toBe(0);
  });

  it('does not run a job scheduled in the future before its time', async () => {
    const runAt = new Date(clock.now().getTime() + 60 * 60 * 1000);
    const id = (await add('test.record', { runAt }))!;
    expect(await runDue()).toBe(0);
    expect(await getJob(id)).toMatchObject({ status: 'pending', attempts: 0 });
    clock.set(new Date(runAt.getTime() + 1));
    expect(await runDue()).toBe(1);
    expect(await getJob(id)).toMatchObject({ status: 'done' });
  });

  it('creates one job per idempotency key', async () => {
    const key = `test:${uniqueSuffix()}`;
    const first = await add('test.record', { idempotencyKey: key });
    const second = await add('test.record', { idempotencyKey: key, payload: { other: true } });
    expect(first).toEqual(expect.any(Number));
    expect(second).toBeUndefined();
    const rows = await t.app.ctx.db.select().from(jobs).where(eq(jobs.idempotencyKey, key));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(first);
    expect(await runDue()).toBe(1);
  });

  it('enqueues inside the caller’s transaction: a rolled-back change leaves no job', async () => {
    const key = `test:${uniqueSuffix()}`;
    await expect(
      transaction(t.app.ctx.db, async (tx) => {
        await enqueue(tx, { type: 'test.record', payload: {}, tenantId: t.tenant.id, idempotencyKey: key });
        throw new Error('the change is refused');
      }),
    ).rejects.toThrow('the change is refused');
    expect(await t.app.ctx.db.select().from(jobs).where(eq(jobs.idempotencyKey, key))).toHaveLength(0);
  });

  it('fails a job of an unknown type with a clear error', async () => {
    const id = (await add('test.nobody-handles-this'))!;
    expect(await runDue()).toBe(1);
    expect(await getJob(id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'Unknown job type "test.nobody-handles-this": no handler is registered.',
    });
  });

  it('takes back a job whose worker died, but only once its lease has expired', async () => {
    const [row] = await t.app.ctx.db
      .insert(jobs)
      .values({
        type: 'test.record',
        payload: { crashed: true },
        tenantId: t.tenant.id,
        status: 'running',
        attempts: 1,
        lockedBy: 'dead-worker',
        lockedUntil: sql`now() + interval '1 hour'`,
      })
      .returning();
    expect(await runDue()).toBe(0);
    expect(await getJob(row!.id)).toMatchObject({ status: 'running', lockedBy: 'dead-worker' });
    // A moved application clock does not break a lease: only the database clock judges leases.
    clock.advance(2 * 60 * 60 * 1000);
    expect(await runDue()).toBe(0);

    await t.app.ctx.db
      .update(jobs)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(jobs.id, row!.id));
    expect(await runDue()).toBe(1);
    expect(await getJob(row!.id)).toMatchObject({ status: 'done', attempts: 2, lockedBy: null });
  });

  it('fails a job whose worker died during its last attempt', async () => {
    const [row] = await t.app.ctx.db
      .insert(jobs)
      .values({
        type: 'test.record',
        payload: {},
        tenantId: t.tenant.id,
        status: 'running',
        attempts: 3,
        maxAttempts: 3,
        lockedBy: 'dead-worker',
        lockedUntil: sql`now() - interval '1 second'`,
      })
      .returning();
    expect(await runDue()).toBe(1);
    const job = await getJob(row!.id);
    expect(job).toMatchObject({ status: 'failed', attempts: 4 });
    expect(job.lastError).toContain('lease expired');
    expect(seen.some((record) => record.id === row!.id)).toBe(false);
  });

  it('keeps extending the lease of a long job (heartbeat)', async () => {
    const heartbeatRunner = createJobRunner(() => t.app.ctx, { tenantId: t.tenant.id, leaseMs: 150 });
    let extended = false;
    heartbeatRunner.register('test.long', async (job) => {
      const leaseOf = async () => (await getJob(job.id)).lockedUntil!.getTime();
      const first = await leaseOf();
      // Wait (without a time limit of our own) until the heartbeat has pushed the lease forward.
      for (let polls = 0; polls < 500 && !extended; polls += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        extended = (await leaseOf()) > first;
      }
    });
    const id = (await add('test.long'))!;
    expect(await heartbeatRunner.runUntilIdle()).toBe(1);
    expect(extended).toBe(true);
    expect(await getJob(id)).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('polls in the background once started, and stop() waits for the job in hand', async () => {
    const background = createJobRunner(() => t.app.ctx, { tenantId: t.tenant.id, pollIntervalMs: 20 });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const isStarted = new Promise<void>((resolve) => (started = resolve));
    background.register('test.blocking', async () => {
      started();
      await released;
    });
    const id = (await add('test.blocking'))!;
    background.start();
    await isStarted;

    let stopped = false;
    const stopping = background.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(await getJob(id)).toMatchObject({ status: 'done' });
  });

  it.skipIf(!testDatabaseUrl())('never runs one job in two runners at once (PostgreSQL)', async () => {
    const runs: number[] = [];
    const makeRunner = (workerId: string) => {
      const concurrent = createJobRunner(() => t.app.ctx, { tenantId: t.tenant.id, workerId });
      concurrent.register('test.race', async (job) => {
        runs.push(job.id);
        await new Promise((resolve) => setTimeout(resolve, 2));
      });
      return concurrent;
    };
    const ids: number[] = [];
    for (let index = 0; index < 40; index += 1) ids.push((await add('test.race'))!);
    const counts = await Promise.all([
      makeRunner('racer-a').runUntilIdle(),
      makeRunner('racer-b').runUntilIdle(),
      makeRunner('racer-c').runUntilIdle(),
    ]);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(40);
    expect([...runs].sort((a, b) => a - b)).toEqual(ids);
    const rows = await queryRows<{ status: string; attempts: number }>(
      t.app.ctx.db,
      sql`select status, attempts from jobs where tenant_id = ${t.tenant.id} and type = 'test.race'`,
    );
    expect(rows.every((row) => row.status === 'done' && row.attempts === 1)).toBe(true);
  });
});
