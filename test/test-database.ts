import { openDatabase, type DatabaseHandle } from '../server/platform/db/client';

/**
 * The database of one test file: PostgreSQL when TEST_DATABASE_URL is set (migrated once by
 * test/global-setup.ts), else an in-memory PGlite of its own. Tests never truncate: each makes
 * its own tenant.
 */
let shared: Promise<DatabaseHandle> | undefined;

export function getTestDatabase(): Promise<DatabaseHandle> {
  shared ??= (async () => {
    const url = process.env.TEST_DATABASE_URL;
    const database = await openDatabase(url ? { databaseUrl: url, poolSize: 5 } : {});
    if (!url) await database.migrate();
    return database;
  })();
  return shared;
}

export function testDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}
