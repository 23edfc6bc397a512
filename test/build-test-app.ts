import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../server/app';
import { loadConfig, type Config } from '../server/config';
import type { Clock } from '../server/platform/clock';
import { buildTenant, type TestTenant } from './factories';
import { getTestDatabase } from './test-database';

export interface TestContext {
  app: App;
  tenant: TestTenant;
  /** Inject a request on this test's tenant host. */
  inject: (options: InjectOptions) => Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/**
 * A full app on the test database (PGlite in memory, or TEST_DATABASE_URL) with a fresh tenant.
 * The worker is not started: tests run jobs with `app.ctx.jobs.runUntilIdle()`, which only takes
 * this tenant's jobs (other files share the PostgreSQL database).
 */
export async function buildTestApp(
  options: { config?: Partial<Config>; env?: Record<string, string>; clock?: Clock } = {},
): Promise<TestContext> {
  const database = await getTestDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'guichet-test-'));
  const config = loadConfig(
    { NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...options.env },
    {
      sessionSecret: 'test-session-secret-0123456789abcdef',
      serveWeb: false,
      worker: false,
      demo: false,
      tenantQueryGuard: true,
      ...options.config,
    },
  );
  const tenant = await buildTenant(database.db);
  const app = await buildApp(config, {
    database,
    clock: options.clock,
    logger: false,
    jobRunner: { tenantId: tenant.id },
  });
  await app.ready();
  const inject = (opts: InjectOptions) =>
    app.inject({ ...opts, headers: { host: tenant.host, ...opts.headers } });
  return { app, tenant, inject, close: () => app.close() };
}
