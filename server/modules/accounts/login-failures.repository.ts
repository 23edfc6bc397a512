import { and, gt, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import { loginFailures } from './accounts.tables';
import {
  loginFailureWindowMs,
  type FailureCount,
  type LoginThrottleKeys,
  type RecentLoginFailures,
} from './login-throttle';

const toDate = (value: Date | string | null) => (value === null ? null : new Date(value));

/** Failures counted under each key since the start of the window ending at `now`. */
export async function countRecentLoginFailures(
  db: DbOrTx,
  keys: LoginThrottleKeys,
  now: Date,
): Promise<RecentLoginFailures> {
  const since = new Date(now.getTime() - loginFailureWindowMs);
  const rows = await db
    .select({
      key: loginFailures.throttleKey,
      count: sql<number>`count(*)::int`,
      oldestAt: sql<Date | string | null>`min(${loginFailures.failedAt})`,
      latestAt: sql<Date | string | null>`max(${loginFailures.failedAt})`,
    })
    .from(loginFailures)
    .where(
      and(
        inArray(loginFailures.throttleKey, [keys.pair, keys.account, keys.address]),
        gt(loginFailures.failedAt, since),
      ),
    )
    .groupBy(loginFailures.throttleKey);
  const countOf = (key: string): FailureCount => {
    const row = rows.find((candidate) => candidate.key === key);
    return row
      ? { count: Number(row.count), oldestAt: toDate(row.oldestAt), latestAt: toDate(row.latestAt) }
      : { count: 0, oldestAt: null, latestAt: null };
  };
  return { pair: countOf(keys.pair), account: countOf(keys.account), address: countOf(keys.address) };
}

/** Counts one failure under every key and forgets their failures older than the window. */
export async function recordLoginFailure(db: DbOrTx, keys: LoginThrottleKeys, now: Date): Promise<void> {
  const keyList = [keys.pair, keys.account, keys.address];
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

/**
 * A successful login (or a password reset) wipes the account's failures, from every address
 * (`account:…` and every `pair:…` of the account), not the addresses' own counts.
 */
export async function clearAccountLoginFailures(db: DbOrTx, keys: LoginThrottleKeys): Promise<void> {
  await db
    .delete(loginFailures)
    .where(
      sql`${loginFailures.throttleKey} = ${keys.account} or starts_with(${loginFailures.throttleKey}, ${keys.pairPrefix})`,
    );
}
