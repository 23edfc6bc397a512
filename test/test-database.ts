import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import pg from 'pg';
import { tenantOwnedTables } from '../server/modules';
import { openDatabase, type DatabaseHandle } from '../server/platform/db/client';
import { createTenantQueryGuard } from '../server/platform/db/tenant-guard';

/**
 * The database of one test file: PostgreSQL when TEST_DATABASE_URL is set (migrated once by
 * test/global-setup.ts), else an in-memory PGlite of its own. Tests never truncate: each makes
 * its own tenant.
 */
let shared: Promise<DatabaseHandle> | undefined;

export function getTestDatabase(): Promise<DatabaseHandle> {
  shared ??= (async () => {
    const url = process.env.TEST_DATABASE_URL;
    const guard = createTenantQueryGuard(tenantOwnedTables());
    const logger = process.env.TENANT_GUARD_REPORT
      ? {
          logQuery(query: string, params: unknown[]) {
            try {
              guard.logQuery(query);
            } catch (error) {
              appendFileSync(process.env.TENANT_GUARD_REPORT!, `${(error as Error).message}\n`);
            }
            void params;
          },
        }
      : guard;
    const database = await openDatabase(url ? { databaseUrl: url, poolSize: 5, logger } : { logger });
    if (!url) await database.migrate();
    return database;
  })();
  return shared;
}

export function testDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

/**
 * A database of its own, not migrated: an in-memory PGlite, or a new PostgreSQL database next to
 * TEST_DATABASE_URL, dropped by `dispose`. For tests of migrations and of a first start.
 */
export async function openEmptyDatabase(
  prefix: string,
  poolSize = 2,
): Promise<{ database: DatabaseHandle; dispose(): Promise<void> }> {
  const url = testDatabaseUrl();
  if (!url) {
    const database = await openDatabase({});
    return { database, dispose: () => database.close() };
  }
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const runOnServer = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await runOnServer(`CREATE DATABASE ${name}`);
  const freshUrl = new URL(url);
  freshUrl.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: freshUrl.toString(), poolSize });
  return {
    database,
    async dispose() {
      await database.close();
      await runOnServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
