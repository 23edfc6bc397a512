import type { Db, DbOrTx, Tx } from './client';

type AfterCommit = () => Promise<void>;

/** The after-commit work of each open transaction, keyed by its Drizzle transaction object. */
const pendingWork = new WeakMap<object, AfterCommit[]>();

/**
 * Runs `work` in one transaction and, once it has committed, what the work asked to do after
 * commit (live updates, in the order asked). Nothing of it runs when the transaction rolls back.
 * Use it for every change that publishes: a realtime event must never announce a change that a
 * rollback undid.
 */
export async function transaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const afterCommit: AfterCommit[] = [];
  const result = await db.transaction(async (tx) => {
    pendingWork.set(tx, afterCommit);
    try {
      return await work(tx);
    } finally {
      pendingWork.delete(tx);
    }
  });
  for (const callback of afterCommit) await callback();
  return result;
}

/**
 * Asks the transaction `tx` (opened with `transaction()`) to run `callback` after it commits.
 * Throws when `tx` is not such a transaction, so that a change cannot publish before it is
 * durable by mistake.
 */
export function afterCommit(tx: DbOrTx, callback: AfterCommit): void {
  const queue = pendingWork.get(tx);
  if (!queue) {
    throw new Error(
      'afterCommit() needs a transaction opened with transaction() from platform/db/transaction',
    );
  }
  queue.push(callback);
}

/**
 * Runs `work` in a savepoint of `tx` (opened with `transaction()`): when it throws, only what it
 * did is rolled back, and what it asked to do after commit is dropped; the rest of the transaction
 * goes on. Lets one transaction record many independent outcomes (a batch of messages) without
 * one failure undoing the others.
 */
export async function savepoint<T>(tx: Tx, work: (inner: Tx) => Promise<T>): Promise<T> {
  const outer = pendingWork.get(tx);
  if (!outer) {
    throw new Error('savepoint() needs a transaction opened with transaction() from platform/db/transaction');
  }
  const mine: AfterCommit[] = [];
  const result = await tx.transaction(async (inner) => {
    pendingWork.set(inner, mine);
    try {
      return await work(inner);
    } finally {
      pendingWork.delete(inner);
    }
  });
  outer.push(...mine);
  return result;
}
