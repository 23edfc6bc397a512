import { describe, expect, it } from 'vitest';
import { computeRetryDelayMs, maxRetryDelayMs } from './job-backoff';

const middle = () => 0.5;

describe('computeRetryDelayMs', () => {
  it('waits 10 s after the first failure and doubles after each one', () => {
    expect(computeRetryDelayMs(1, middle)).toBe(10_000);
    expect(computeRetryDelayMs(2, middle)).toBe(20_000);
    expect(computeRetryDelayMs(3, middle)).toBe(40_000);
    expect(computeRetryDelayMs(6, middle)).toBe(320_000);
  });

  it('never waits more than an hour, even with jitter', () => {
    expect(computeRetryDelayMs(9, middle)).toBe(2_560_000);
    expect(computeRetryDelayMs(10, middle)).toBe(maxRetryDelayMs);
    expect(computeRetryDelayMs(50, () => 0.999)).toBe(maxRetryDelayMs);
    expect(computeRetryDelayMs(1_000, middle)).toBe(maxRetryDelayMs);
  });

  it('spreads the delay by at most 20 % either way', () => {
    expect(computeRetryDelayMs(1, () => 0)).toBe(8_000);
    expect(computeRetryDelayMs(1, () => 0.9999999)).toBe(12_000);
    expect(computeRetryDelayMs(3, () => 0.25)).toBe(36_000);
  });

  it('treats a nonsensical attempt count as the first failure', () => {
    expect(computeRetryDelayMs(0, middle)).toBe(10_000);
  });
});
