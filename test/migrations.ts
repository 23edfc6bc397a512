import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { DatabaseHandle } from '../server/platform/db/client';

/** Helpers for tests of one migration: bring a database to the migration before it, fill it, migrate. */

const migrationsFolder = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../server/platform/db/migrations',
);

/**
 * A copy of the migrations folder as it was before `tag`: its journal stops at the migration
 * before. `remove` deletes the copy.
 */
export function migrationsBefore(tag: string): { folder: string; remove(): void } {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  const index = journal.entries.findIndex((entry) => entry.tag === tag);
  if (index < 0) throw new Error(`No migration ${tag} in the journal.`);
  const entries = journal.entries.slice(0, index);
  const folder = mkdtempSync(path.join(tmpdir(), 'guichet-migrations-'));
  mkdirSync(path.join(folder, 'meta'));
  writeFileSync(path.join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const entry of entries) {
    copyFileSync(path.join(migrationsFolder, `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`));
  }
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** Applies the migrations of `folder` (from `migrationsBefore`) to the database. */
export async function migrateTo(database: DatabaseHandle, folder: string): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: folder });
  } else {
    await migrateNodePostgres(database.db as unknown as NodePgDatabase, { migrationsFolder: folder });
  }
}
