import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { sql, type ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import pg from 'pg';

/**
 * The database as use cases see it. No relational schema is registered: modules own their tables
 * and query them with the query builder, so the client knows none of them (platform/ imports no
 * module; drizzle-kit finds the tables by their `*.tables.ts` file names, see drizzle.config.ts).
 */
type NoSchema = Record<string, never>;
export type Db = PgDatabase<PgQueryResultHKT, NoSchema>;
export type Tx = PgTransaction<PgQueryResultHKT, NoSchema, ExtractTablesWithRelations<NoSchema>>;
/** A use case takes either the database or the caller's transaction. */
export type DbOrTx = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgresql';

export interface DatabaseHandle {
  kind: DatabaseKind;
  db: Db;
  /** Applies pending migrations (serialised across processes on PostgreSQL). */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Present on PostgreSQL: the connection string, for LISTEN clients. */
  connectionString?: string;
  /** Present on PGlite: the embedded instance (LISTEN/NOTIFY are in-process there). */
  pglite?: PGlite;
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Any fixed number: only Guichet's migrator takes this advisory lock. */
const MIGRATION_LOCK_ID = 7_240_531;

export interface OpenDatabaseOptions {
  /** postgres:// URL; unset opens PGlite. */
  databaseUrl?: string;
  /** PGlite data directory; unset keeps the database in memory (tests). */
  pgliteDir?: string;
  poolSize?: number;
  /** Sees every statement before it runs, and may refuse it by throwing (the tenant query guard). */
  logger?: { logQuery(query: string, params: unknown[]): void };
}

/** One factory for both engines: the same schema and migrations run on each. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const connectionString = options.databaseUrl;
    // JIT compilation costs tens of milliseconds on every short query of a queue or a search, and
    // gains nothing on queries that stop at a page: off for our connections.
    const pool = new pg.Pool({ connectionString, max: options.poolSize ?? 10, options: '-c jit=off' });
    pool.on('error', () => {
      // An idle client lost its connection; the pool replaces it. Queries report their own errors.
    });
    const db = drizzleNodePostgres(pool, { logger: options.logger }) as unknown as Db;
    return {
      kind: 'postgresql',
      db,
      connectionString,
      async migrate() {
        const client = await pool.connect();
        try {
          await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
          await migrateNodePostgres(drizzleNodePostgres(client), { migrationsFolder });
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }

  // Loaded only for PGlite: about 40 MiB that a server on PostgreSQL never needs.
  const [{ PGlite }, { pg_trgm }, { unaccent }, { drizzle: drizzlePglite }, { migrate: migratePglite }] =
    await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite/contrib/pg_trgm'),
      import('@electric-sql/pglite/contrib/unaccent'),
      import('drizzle-orm/pglite'),
      import('drizzle-orm/pglite/migrator'),
    ]);
  const pglite = await PGlite.create({
    dataDir: options.pgliteDir,
    extensions: { unaccent, pg_trgm },
  });
  const db = drizzlePglite(pglite, { logger: options.logger }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite,
    async migrate() {
      await migratePglite(drizzlePglite(pglite), { migrationsFolder });
    },
    close: () => pglite.close(),
  };
}

/** Rows of a raw `sql` query, the same shape on both drivers. */
export async function queryRows<T>(db: DbOrTx, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
