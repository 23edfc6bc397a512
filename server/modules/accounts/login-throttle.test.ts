import { describe, expect, it } from 'vitest';
import {
  accountDelayMs,
  addressDelayMs,
  decideLoginAttempt,
  loginFailureWindowMs,
  loginThrottleKeys,
  type FailureCount,
} from './login-throttle';

const now = new Date('2026-12-06T10:00:00.000Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const none: FailureCount = { count: 0, oldestAt: null, latestAt: null };
const failures = (count: number, oldestAgoMs: number, latestAgoMs: number): FailureCount => ({
  count,
  oldestAt: ago(oldestAgoMs),
  latestAt: ago(latestAgoMs),
});

describe('login throttle', () => {
  it('refuses an account from one address after five failures, until the oldest leaves the window', () => {
    const four = decideLoginAttempt({ pair: failures(4, 60_000, 1_000), account: none, address: none }, now);
    expect(four).toEqual({ kind: 'allow', delayMs: 0 });
    const five = decideLoginAttempt(
      { pair: failures(5, 60_000, 1_000), account: failures(5, 60_000, 1_000), address: none },
      now,
    );
    expect(five).toEqual({
      kind: 'refuse',
      reason: 'account-and-address',
      retryAfterSeconds: (loginFailureWindowMs - 60_000) / 1000,
    });
  });

  it('never refuses an address for its failures on other accounts: it slows it down', () => {
    // A town hall's NAT: 200 failures across accounts, none on this one.
    const decision = decideLoginAttempt(
      { pair: none, account: none, address: failures(200, 600_000, 10) },
      now,
    );
    expect(decision).toEqual({ kind: 'allow', delayMs: 5_000 });
    expect(addressDelayMs(19)).toBe(0);
    expect(addressDelayMs(20)).toBe(250);
    expect(addressDelayMs(23)).toBe(1_000);
    expect(addressDelayMs(10_000)).toBe(5_000);
  });

  it('spaces out the attempts on an account failing from many addresses, never locking it', () => {
    expect(accountDelayMs(9)).toBe(0);
    expect(accountDelayMs(10)).toBe(1_000);
    expect(accountDelayMs(13)).toBe(8_000);
    expect(accountDelayMs(10_000)).toBe(60_000);
    // 40 failures from 40 addresses, the last 20 s ago: wait the rest of the minute.
    const soon = decideLoginAttempt(
      { pair: none, account: failures(40, 600_000, 20_000), address: none },
      now,
    );
    expect(soon).toEqual({ kind: 'refuse', reason: 'account', retryAfterSeconds: 40 });
    // A minute after the last failure, the victim (or anyone) gets a turn.
    const later = decideLoginAttempt(
      { pair: none, account: failures(40, 600_000, 60_000), address: none },
      now,
    );
    expect(later).toEqual({ kind: 'allow', delayMs: 0 });
  });

  it('keys a pair, an account and an address by tenant, normalised e-mail and IP', () => {
    expect(loginThrottleKeys('t1', ' Camille@Example.FR ', '2001:db8::1')).toEqual({
      pair: 'pair:t1:camille@example.fr:from:2001:db8::1',
      pairPrefix: 'pair:t1:camille@example.fr:from:',
      account: 'account:t1:camille@example.fr',
      address: 'address:t1:2001:db8::1',
    });
  });
});
