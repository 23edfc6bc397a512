import type { AppContext } from '../../../app-context';
import { AppError } from '../../../platform/http/app-error';
import { enforceLoginThrottle } from '../enforce-login-throttle';
import { clearAccountLoginFailures, recordLoginFailure } from '../login-failures.repository';
import { loginThrottleKeys } from '../login-throttle';
import { hashPassword, verifyPassword } from '../password';
import { findUserByEmail, type User } from '../users.repository';
import type { Principal } from '../../../platform/auth/principal';

/** A hash nobody's password matches, verified when the account does not exist (same work, same time). */
let dummyHash: Promise<string> | undefined;
function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword('no account has this password, it only spends time');
  return dummyHash;
}

export interface LogInInput {
  email: string;
  password: string;
  ipAddress: string;
}

/**
 * Checks e-mail and password under the login throttle (login-throttle.ts) and returns
 * the account to open a session for. Unknown account, wrong password and inactive account give
 * one same answer; a right password with an unconfirmed e-mail says so.
 */
export async function logIn(ctx: AppContext, principal: Principal, input: LogInInput): Promise<User> {
  const now = ctx.clock.now();
  const keys = loginThrottleKeys(principal.tenantId, input.email, input.ipAddress);
  await enforceLoginThrottle(ctx, keys, now);

  const user = await findUserByEmail(ctx.db, principal.tenantId, input.email);
  const passwordMatches = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), input.password);
  if (!user || !user.passwordHash || !passwordMatches || !user.isActive) {
    await recordLoginFailure(ctx.db, keys, now);
    throw new AppError('INVALID_CREDENTIALS', 'Wrong e-mail address or password.');
  }
  if (!user.emailVerifiedAt) {
    throw new AppError('EMAIL_NOT_CONFIRMED', 'Confirm your e-mail address with the link we sent you first.');
  }
  await clearAccountLoginFailures(ctx.db, keys);
  return user;
}
