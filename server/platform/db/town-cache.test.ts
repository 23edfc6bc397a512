import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTestDatabase, testDatabaseUrl } from '../../../test/test-database';
import { openDatabase, type DatabaseHandle, type DbOrTx } from './client';
import { createTownCache, readTownVersion, readTownVersionOncePerTransaction } from './town-cache';

/** What triggers do on a change of a town's settings (migration 0013), done by hand here. */
async function bumpVersion(db: DbOrTx, tenantId: string) {
  await db.execute(sql`
    INSERT INTO town_versions (tenant_id, version) VALUES (${tenantId}, nextval('town_version_seq'))
    ON CONFLICT (tenant_id) DO UPDATE SET version = EXCLUDED.version`);
}

describe('createTownCache', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await getTestDatabase();
  });

  /** A cache whose snapshot is a counter of loads, to tell a hit from a load. */
  function countingCache(options: { maxTowns?: number } = {}) {
    let loaded = 0;
    const cache = createTownCache(async (_db, tenantId) => ({ tenantId, load: ++loaded }), options);
    return cache;
  }

  it('loads a town once, then serves it while its version is unchanged', async () => {
    const tenantId = randomUUID();
    const cache = countingCache();
    expect(await readTownVersion(database.db, tenantId)).toBe(0);
    expect(await cache.get(database.db, tenantId)).toEqual({ tenantId, load: 1 });
    expect(await cache.get(database.db, tenantId)).toEqual({ tenantId, load: 1 });
    expect(cache.loads).toBe(1);
  });

  it('loads again after the town’s version changed, and only once', async () => {
    const tenantId = randomUUID();
    const cache = countingCache();
    await cache.get(database.db, tenantId);
    await bumpVersion(database.db, tenantId);
    expect(await cache.get(database.db, tenantId)).toEqual({ tenantId, load: 2 });
    expect(await cache.get(database.db, tenantId)).toEqual({ tenantId, load: 2 });
    expect(cache.loads).toBe(2);
  });

  it('keeps towns apart', async () => {
    const [first, second] = [randomUUID(), randomUUID()];
    const cache = countingCache();
    await cache.get(database.db, first);
    await cache.get(database.db, second);
    await bumpVersion(database.db, first);
    await cache.get(database.db, second);
    expect(cache.loads).toBe(2);
    await cache.get(database.db, first);
    expect(cache.loads).toBe(3);
  });

  it('never trusts what a rolled-back transaction loaded: its version is never given again', async () => {
    const tenantId = randomUUID();
    const cache = countingCache();
    await cache.get(database.db, tenantId);
    await database.db
      .transaction(async (tx) => {
        await bumpVersion(tx, tenantId);
        // Inside, the transaction sees its own new version and loads what it sees.
        expect(await cache.get(tx, tenantId)).toMatchObject({ load: 2 });
        tx.rollback();
      })
      .catch(() => undefined);
    // Outside, the version is the old one again: what was cached inside is not it.
    expect(await cache.get(database.db, tenantId)).toMatchObject({ load: 3 });
    await bumpVersion(database.db, tenantId);
    expect(await cache.get(database.db, tenantId)).toMatchObject({ load: 4 });
  });

  it('keeps no failed load', async () => {
    const tenantId = randomUUID();
    let fail = true;
    const cache = createTownCache(async () => {
      if (fail) throw new Error('database gone');
      return 'loaded';
    });
    await expect(cache.get(database.db, tenantId)).rejects.toThrow('database gone');
    fail = false;
    expect(await cache.get(database.db, tenantId)).toBe('loaded');
  });

  it('forgets the least recently used town beyond maxTowns', async () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const cache = countingCache({ maxTowns: 2 });
    await cache.get(database.db, a);
    await cache.get(database.db, b);
    await cache.get(database.db, a); // b is now the least recently used
    await cache.get(database.db, c);
    expect(cache.loads).toBe(3);
    await cache.get(database.db, a);
    expect(cache.loads).toBe(3);
    await cache.get(database.db, b);
    expect(cache.loads).toBe(4);
  });

  it('reads the version once per transaction when asked to, not otherwise', async () => {
    const tenantId = randomUUID();
    const cache = countingCache();
    await database.db.transaction(async (tx) => {
      readTownVersionOncePerTransaction(tx);
      expect(await cache.get(tx, tenantId)).toMatchObject({ load: 1 });
      await bumpVersion(tx, tenantId);
      // The version read first holds for the rest of this transaction.
      expect(await cache.get(tx, tenantId)).toMatchObject({ load: 1 });
    });
    await database.db.transaction(async (tx) => {
      await cache.get(tx, tenantId);
      await bumpVersion(tx, tenantId);
      // Without it, a transaction sees its own change of the town.
      expect(await cache.get(tx, tenantId)).toMatchObject({ load: 3 });
    });
  });
});

describe.skipIf(!testDatabaseUrl())('town caches of two processes (two PostgreSQL handles)', () => {
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  beforeAll(async () => {
    first = await openDatabase({ databaseUrl: testDatabaseUrl()!, poolSize: 2 });
    second = await openDatabase({ databaseUrl: testDatabaseUrl()!, poolSize: 2 });
  });
  afterAll(async () => {
    await first.close();
    await second.close();
  });

  it('sees a change committed through the other handle on its next use', async () => {
    const tenantId = randomUUID();
    let loaded = 0;
    const cache = createTownCache(async () => ++loaded);
    expect(await cache.get(first.db, tenantId)).toBe(1);
    expect(await cache.get(first.db, tenantId)).toBe(1);
    await bumpVersion(second.db, tenantId);
    expect(await cache.get(first.db, tenantId)).toBe(2);
  });

  it('does not see a change the other handle has not committed yet', async () => {
    const tenantId = randomUUID();
    let loaded = 0;
    const cache = createTownCache(async () => ++loaded);
    await cache.get(first.db, tenantId);
    await second.db.transaction(async (tx) => {
      await bumpVersion(tx, tenantId);
      expect(await cache.get(first.db, tenantId)).toBe(1);
    });
    expect(await cache.get(first.db, tenantId)).toBe(2);
  });
});
