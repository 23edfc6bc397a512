/**
 * Per-process caches of what a town rarely changes and every request reads (its settings,
 * categories, departments, closures, message templates), checked against the database on each
 * use: one indexed read of the town's version (`town_versions`, raised by triggers in the
 * transaction of any change, migration 0013) replaces the several reads of the snapshot. So a
 * change made by any process, through the application or straight in SQL, is seen by the next
 * statement of every process, exactly as if the rows were read again: there is no window where a
 * stale snapshot is used, and no notification to lose. A snapshot is labelled with the version
 * read *before* it was loaded, so a change committed during the load only costs a reload later;
 * a transaction that changed the town reads its own new version and loads what it wrote.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from './client';
import { townVersions } from './town-versions.tables';

/** Transactions that read each town's version once (see `readTownVersionOncePerTransaction`). */
const versionsReadIn = new WeakMap<object, Map<string, number>>();

/**
 * Lets the caches used in `tx` share one read of each town's version: for a transaction that
 * does not change what the caches hold (the intake), so that what it read first stays true for it.
 * A transaction that changes the town's settings must not call it: it would not see its own change.
 */
export function readTownVersionOncePerTransaction(tx: DbOrTx): void {
  if (!versionsReadIn.has(tx)) versionsReadIn.set(tx, new Map());
}

/** The town's current version (0 before its first change). */
export async function readTownVersion(db: DbOrTx, tenantId: string): Promise<number> {
  const memo = versionsReadIn.get(db);
  const known = memo?.get(tenantId);
  if (known !== undefined) return known;
  const [row] = await db
    .select({ version: townVersions.version })
    .from(townVersions)
    .where(eq(townVersions.tenantId, tenantId))
    .limit(1);
  const version = row?.version ?? 0;
  memo?.set(tenantId, version);
  return version;
}

export interface TownCache<T> {
  /** The town's snapshot, loaded again only when the town's version changed since it was loaded. */
  get(db: DbOrTx, tenantId: string): Promise<T>;
  /** Forgets every snapshot (tests, and a town's removal). */
  clear(): void;
  /** How many times `load` ran (for tests of the cache). */
  readonly loads: number;
}

/**
 * A cache of one snapshot per town. `load` reads the snapshot with the database handle or the
 * transaction it is given; `maxTowns` bounds the memory (the least recently used town goes).
 */
export function createTownCache<T>(
  load: (db: DbOrTx, tenantId: string) => Promise<T>,
  options: { maxTowns?: number } = {},
): TownCache<T> {
  const maxTowns = options.maxTowns ?? 1_000;
  const entries = new Map<string, { version: number; value: T }>();
  let loads = 0;
  return {
    async get(db, tenantId) {
      const version = await readTownVersion(db, tenantId);
      const cached = entries.get(tenantId);
      if (cached && cached.version === version) {
        // Most recently used last, for the eviction below.
        entries.delete(tenantId);
        entries.set(tenantId, cached);
        return cached.value;
      }
      // Only a finished load is kept (a failed one, in a rolled-back transaction, is not); a few
      // requests arriving together after a change may each load once.
      loads += 1;
      const value = await load(db, tenantId);
      entries.delete(tenantId);
      entries.set(tenantId, { version, value });
      if (entries.size > maxTowns) entries.delete(entries.keys().next().value!);
      return value;
    },
    clear() {
      entries.clear();
    },
    get loads() {
      return loads;
    },
  };
}
