import { setTimeout as sleep } from 'node:timers/promises';
import type { AppContext } from '../../app-context';
import { AppError } from '../../platform/http/app-error';
import { countRecentLoginFailures } from './login-failures.repository';
import { decideLoginAttempt, type LoginThrottleKeys } from './login-throttle';

function inWords(seconds: number): string {
  if (seconds < 60) return `${seconds} seconde${seconds > 1 ? 's' : ''}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes > 1 ? 's' : ''}`;
}

/**
 * Applies the login throttle (login-throttle.ts) before a password is checked: refuses with 429
 * and Retry-After, or waits the address's pause, or lets the attempt through at once.
 */
export async function enforceLoginThrottle(
  ctx: AppContext,
  keys: LoginThrottleKeys,
  now: Date,
): Promise<void> {
  const decision = decideLoginAttempt(await countRecentLoginFailures(ctx.db, keys, now), now);
  if (decision.kind === 'refuse') {
    const wait = inWords(decision.retryAfterSeconds);
    const message =
      decision.reason === 'account-and-address'
        ? `Trop de tentatives échouées pour ce compte depuis cette adresse. Réessayez dans ${wait}.`
        : `Ce compte reçoit beaucoup de tentatives échouées : patientez ${wait} avant de réessayer.`;
    throw new AppError('TOO_MANY_REQUESTS', message, { retryAfterSeconds: decision.retryAfterSeconds });
  }
  if (decision.delayMs > 0) await sleep(decision.delayMs);
}
