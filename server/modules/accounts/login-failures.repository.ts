import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import { loginFailures } from './accounts.tables';
import { loginFailureWindowMs, type LoginThrottleKeys } from './login-throttle';

/** Failures counted under each key since the start of the window ending at `now`. */
export async function countRecentLoginFailures(
  db: DbOrTx,
  keys: LoginThrottleKeys,
  now: Date,
): Promise<{ account: number; address: number }> {
  const since = new Date(now.getTime() - loginFailureWindowMs);
  const rows = await db
    .select({ key: loginFailures.throttleKey, count: sql<number>`count(*)::int` })
    .from(loginFailures)
    .where(
      and(
        inArray(loginFailures.throttleKey, [keys.account, keys.address]),
        gt(loginFailures.failedAt, since),
      ),
    )
    .groupBy(loginFailures.throttleKey);
  const countOf = (key: string) => Number(rows.find((row) => row.key === key)?.count ?? 0);
  return { account: countOf(keys.account), address: countOf(keys.address) };
}

/** Counts one failure under both keys and forgets their failures older than the window. */
export async function recordLoginFailure(db: DbOrTx, keys: LoginThrottleKeys, now: Date): Promise<void> {
  const keyList = [keys.account, keys.address];
  await db.insert(loginFailures).values(keyList.map((throttleKey) => ({ throttleKey, failedAt: now })));
  await db
    .delete(loginFailures)
    .where(
      and(
        inArray(loginFailures.throttleKey, keyList),
        lt(loginFailures.failedAt, new Date(now.getTime() - loginFailureWindowMs)),
      ),
    );
}

/** A successful login (or a password reset) wipes the account's failures, not the address's. */
export async function clearAccountLoginFailures(db: DbOrTx, accountKey: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.throttleKey, accountKey));
}
