import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getTestDatabase } from '../../../test/test-database';
import type { DatabaseHandle } from './client';
import { afterCommit, savepoint, transaction } from './transaction';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await getTestDatabase();
});

describe('transaction() and afterCommit()', () => {
  it('runs the after-commit work once the transaction committed, in order', async () => {
    const seen: string[] = [];
    const result = await transaction(database.db, async (tx) => {
      afterCommit(tx, async () => {
        seen.push('first');
      });
      afterCommit(tx, async () => {
        seen.push('second');
      });
      await tx.execute(sql`select 1`);
      seen.push('work');
      return 42;
    });
    expect(result).toBe(42);
    expect(seen).toEqual(['work', 'first', 'second']);
  });

  it('runs none of it when the transaction rolls back', async () => {
    const seen: string[] = [];
    await expect(
      transaction(database.db, async (tx) => {
        afterCommit(tx, async () => {
          seen.push('published');
        });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(seen).toEqual([]);
  });

  it('refuses a transaction that was not opened with transaction()', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        afterCommit(tx, async () => undefined);
      }),
    ).rejects.toThrow(/transaction\(\)/);
    expect(() => afterCommit(database.db, async () => undefined)).toThrow();
  });

  it('a savepoint that throws rolls back its own work and drops its after-commit work only', async () => {
    const seen: string[] = [];
    const result = await transaction(database.db, async (tx) => {
      const kept = await savepoint(tx, async (inner) => {
        afterCommit(inner, async () => {
          seen.push('kept');
        });
        await inner.execute(sql`select 1`);
        return 1;
      });
      await expect(
        savepoint(tx, async (inner) => {
          afterCommit(inner, async () => {
            seen.push('dropped');
          });
          await inner.execute(sql`select * from no_such_table_here`);
        }),
      ).rejects.toThrow();
      // The transaction is still usable after the failed savepoint.
      await tx.execute(sql`select 2`);
      return kept;
    });
    expect(result).toBe(1);
    expect(seen).toEqual(['kept']);
  });
});
