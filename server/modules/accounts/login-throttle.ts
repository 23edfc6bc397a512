/**
 * The login throttle: what failed logins (and wrong current passwords) cost the next attempt.
 *
 * A town hall's agents often share one public address (the town's NAT). Refusing an address after
 * a number of failures would lock every account behind it, the administrator's included, because
 * of one colleague's typos or one infected machine. So the address alone is never refused:
 *
 * - **account and address together**: 5 failures in 15 minutes and this address may not try this
 *   account again until the oldest of them is 15 minutes old (429 with Retry-After). It stops one
 *   machine guessing one password, and locks nobody else out: other addresses, and other accounts
 *   from this address, go on.
 * - **account, from any address**: a guesser spreading over many addresses is slowed, not
 *   stopped: from the 10th failure in the window, the account takes one attempt per waiting time,
 *   doubling with each failure (1 s, 2 s, 4 s… at most 60 s), and an attempt before it is over is
 *   refused with its Retry-After. A hard lock here would let anyone lock a victim out by failing
 *   on purpose; the delay holds a distributed guesser to about one guess a minute, while the
 *   victim waits at most a minute for a turn.
 * - **address, across accounts**: from the 20th failure in the window, every attempt from the
 *   address is answered after a pause growing by a quarter of a second per failure (at most 5 s),
 *   right password or not. It slows down a script trying many accounts from one place; the people
 *   behind the same NAT still log in, a few seconds later at worst.
 *
 * Keys name the e-mail as typed (normalised), not a user id, so an unknown account is throttled
 * exactly like an existing one.
 */

/** Failed logins are counted over this sliding window. */
export const loginFailureWindowMs = 15 * 60_000;
/** Failures one address may make on one account within the window. */
export const maximumFailuresPerAccountAndAddress = 5;
/** Failures on one account (any address) from which attempts are spaced out. */
export const accountSlowdownFromFailures = 10;
export const accountFirstDelayMs = 1_000;
export const accountMaximumDelayMs = 60_000;
/** Failures from one address (any account) from which its attempts are slowed down. */
export const addressSlowdownFromFailures = 20;
export const addressDelayStepMs = 250;
export const addressMaximumDelayMs = 5_000;

export interface LoginThrottleKeys {
  /** This account from this address (`pairPrefix` followed by the address). */
  pair: string;
  /** What every address's key for this account starts with. */
  pairPrefix: string;
  /** This account from anywhere. */
  account: string;
  /** This address, whatever the account. */
  address: string;
}

export function loginThrottleKeys(tenantId: string, email: string, ipAddress: string): LoginThrottleKeys {
  const normalisedEmail = email.trim().toLowerCase();
  const pairPrefix = `pair:${tenantId}:${normalisedEmail}:from:`;
  return {
    pair: `${pairPrefix}${ipAddress}`,
    pairPrefix,
    account: `account:${tenantId}:${normalisedEmail}`,
    address: `address:${tenantId}:${ipAddress}`,
  };
}

/** The failures counted under one key in the window: how many, the oldest and the latest. */
export interface FailureCount {
  count: number;
  oldestAt: Date | null;
  latestAt: Date | null;
}

export interface RecentLoginFailures {
  pair: FailureCount;
  account: FailureCount;
  address: FailureCount;
}

export type LoginThrottleDecision =
  | { kind: 'allow'; /** Pause before answering (the address is slowed down). */ delayMs: number }
  | { kind: 'refuse'; reason: 'account-and-address' | 'account'; retryAfterSeconds: number };

/** The wait the account imposes between attempts after `failures` failures (0 below the threshold). */
export function accountDelayMs(failures: number): number {
  if (failures < accountSlowdownFromFailures) return 0;
  const doublings = failures - accountSlowdownFromFailures;
  return Math.min(accountFirstDelayMs * 2 ** Math.min(doublings, 16), accountMaximumDelayMs);
}

/** The pause every attempt from the address takes after `failures` failures (0 below the threshold). */
export function addressDelayMs(failures: number): number {
  if (failures < addressSlowdownFromFailures) return 0;
  return Math.min((failures - addressSlowdownFromFailures + 1) * addressDelayStepMs, addressMaximumDelayMs);
}

const secondsUntil = (at: number, now: Date) => Math.max(1, Math.ceil((at - now.getTime()) / 1000));

/** Whether the next attempt may be made, and after what pause, given the failures in the window. */
export function decideLoginAttempt(failures: RecentLoginFailures, now: Date): LoginThrottleDecision {
  const { pair, account, address } = failures;
  if (pair.count >= maximumFailuresPerAccountAndAddress && pair.oldestAt) {
    return {
      kind: 'refuse',
      reason: 'account-and-address',
      retryAfterSeconds: secondsUntil(pair.oldestAt.getTime() + loginFailureWindowMs, now),
    };
  }
  const wait = accountDelayMs(account.count);
  if (wait > 0 && account.latestAt && now.getTime() - account.latestAt.getTime() < wait) {
    return {
      kind: 'refuse',
      reason: 'account',
      retryAfterSeconds: secondsUntil(account.latestAt.getTime() + wait, now),
    };
  }
  return { kind: 'allow', delayMs: addressDelayMs(address.count) };
}
