import type { AppContext } from '../../../app-context';
import { AppError } from '../../../platform/http/app-error';
import { userNotFound, weakPassword } from '../account-errors';
import { enforceLoginThrottle } from '../enforce-login-throttle';
import { recordLoginFailure } from '../login-failures.repository';
import { loginThrottleKeys } from '../login-throttle';
import { hashPassword, verifyPassword } from '../password';
import { findPasswordWeakness } from '../password-rule';
import { closeAllSessions } from '../sessions';
import { findUserById, updateUser } from '../users.repository';
import { transaction } from '../../../platform/db/transaction';
import { requireSignedIn, type Principal } from '../../../platform/auth/principal';

export interface ChangePasswordInput {
  /** The session making the change stays open; every other one ends. */
  sessionId: string;
  ipAddress: string;
  currentPassword: string;
  newPassword: string;
}

/**
 * Changes one's password after checking the current one (a wrong guess counts as a failed login,
 * so a stolen session cannot brute-force it), and ends the account's other sessions.
 */
export async function changePassword(
  ctx: AppContext,
  principal: Principal,
  input: ChangePasswordInput,
): Promise<void> {
  const user = await findUserById(ctx.db, principal.tenantId, requireSignedIn(principal).id);
  if (!user) throw userNotFound();
  const now = ctx.clock.now();
  const keys = loginThrottleKeys(principal.tenantId, user.email, input.ipAddress);
  await enforceLoginThrottle(ctx, keys, now);
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await recordLoginFailure(ctx.db, keys, now);
    throw new AppError('CURRENT_PASSWORD_INCORRECT', 'currentPassword: is not your current password', {
      errors: [{ field: 'currentPassword', message: 'is not your current password' }],
    });
  }
  const weakness = findPasswordWeakness(input.newPassword, user.email);
  if (weakness) throw weakPassword('newPassword', weakness);

  const passwordHash = await hashPassword(input.newPassword);
  await transaction(ctx.db, async (tx) => {
    await updateUser(tx, principal.tenantId, user.id, { passwordHash }, now);
    await closeAllSessions(tx, principal.tenantId, user.id, input.sessionId);
  });
}
