import { openDatabase } from '../server/platform/db/client';

/** On PostgreSQL, migrate once before the workers start (they share one database). */
export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
  try {
    await database.migrate();
  } finally {
    await database.close();
  }
}
