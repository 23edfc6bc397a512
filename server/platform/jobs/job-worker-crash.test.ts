import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../test/build-test-app';
import { testDatabaseUrl } from '../../../test/test-database';
import { queryRows } from '../db/client';
import { createJobRunner, enqueue } from './job-runner';
import { jobs } from './jobs.tables';

const fixture = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../test/fixtures/blocking-job-worker.ts',
);
const databaseUrl = testDatabaseUrl();

/** Polls `check` until it returns a value (not a timed assertion: it only bounds a hang). */
async function waitFor<T>(
  check: () => Promise<T | undefined>,
  what: string | (() => string),
  limitMs = 20_000,
): Promise<T> {
  const giveUpAt = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > giveUpAt)
      throw new Error(`Gave up waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// PGlite is one process's database: a second process cannot open it, so a real crash needs
// PostgreSQL. On PGlite, job-runner.test.ts simulates it with a row whose lease has expired.
describe.skipIf(!databaseUrl)('a worker killed mid-job (PostgreSQL: TEST_DATABASE_URL)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t?.close());

  it('leaves the job alone until its lease expires, then another worker runs it', async () => {
    const id = (await enqueue(t.app.ctx.db, {
      type: 'test.block',
      payload: { document: 42 },
      tenantId: t.tenant.id,
      maxAttempts: 3,
    }))!;
    const getJob = async () => (await t.app.ctx.db.select().from(jobs).where(eq(jobs.id, id)))[0]!;

    const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        TENANT_ID: t.tenant.id,
        WORKER_ID: 'doomed-worker',
        LEASE_MS: '2000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise((resolve) => child.once('exit', resolve));

    try {
      await waitFor(
        async () => {
          if (child.exitCode !== null) throw new Error(`The worker exited early:\n${output}`);
          const job = await getJob();
          return job.status === 'running' && job.lockedBy === 'doomed-worker' ? job : undefined;
        },
        () => `the worker to claim the job; its output:\n${output}`,
      );
    } finally {
      child.kill('SIGKILL');
      await exited;
    }

    // The dead worker's lease still runs: a second worker must not take the job yet.
    const rescuer = createJobRunner(() => t.app.ctx, { tenantId: t.tenant.id, workerId: 'rescuer' });
    const runTimes: Date[] = [];
    rescuer.register('test.block', async (job) => {
      expect(job.payload).toEqual({ document: 42 });
      const [row] = await queryRows<{ now: string }>(t.app.ctx.db, sql`select now()::text as now`);
      runTimes.push(new Date(row!.now));
    });
    const deadLease = (await getJob()).lockedUntil!;
    const [lease] = await queryRows<{ held: boolean }>(
      t.app.ctx.db,
      sql`select locked_until > now() as held from jobs where id = ${id}`,
    );
    expect(lease!.held).toBe(true);
    expect(await rescuer.runUntilIdle()).toBe(0);
    expect(await getJob()).toMatchObject({ status: 'running', lockedBy: 'doomed-worker', attempts: 1 });

    // Once the lease has expired, the job runs again and completes.
    await waitFor(async () => ((await rescuer.runUntilIdle()) > 0 ? true : undefined), 'the lease to expire');
    expect(runTimes).toHaveLength(1);
    expect(runTimes[0]!.getTime()).toBeGreaterThanOrEqual(deadLease.getTime());
    expect(await getJob()).toMatchObject({ status: 'done', attempts: 2, lockedBy: null });
  });
});
