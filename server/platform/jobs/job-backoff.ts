/** First retry waits about this long; each further failure doubles it. */
export const baseRetryDelayMs = 10_000;
/** No retry waits longer than an hour, whatever the attempt number. */
export const maxRetryDelayMs = 60 * 60 * 1000;
/** Each delay is spread by ±20 % so jobs that failed together do not all retry together. */
export const retryJitterRatio = 0.2;

/**
 * Delay before the next attempt of a job that has failed `attempts` times (1 after the first
 * failure): 10 s × 2^(attempts−1), capped at 1 h, with jitter. `random` returns [0, 1).
 */
export function computeRetryDelayMs(attempts: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 30));
  const base = Math.min(baseRetryDelayMs * 2 ** exponent, maxRetryDelayMs);
  const jitter = 1 + retryJitterRatio * (2 * random() - 1);
  return Math.round(Math.min(base * jitter, maxRetryDelayMs));
}
