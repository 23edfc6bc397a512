import type { AppContext } from '../../../app-context';
import { invalidToken, weakPassword } from '../account-errors';
import { clearAccountLoginFailures } from '../login-failures.repository';
import { loginThrottleKeys } from '../login-throttle';
import { hashPassword } from '../password';
import { findPasswordWeakness } from '../password-rule';
import { closeAllSessions } from '../sessions';
import { findValidUserToken, markUserTokenUsed } from '../user-tokens.repository';
import { findUserById, updateUser } from '../users.repository';
import { transaction } from '../../../platform/db/transaction';
import type { Principal } from '../../../platform/auth/principal';

/**
 * Sets a new password through a reset link (used once), ends every session of the account and
 * lifts its login throttle. Following the link also proves the e-mail address.
 */
export async function resetPassword(
  ctx: AppContext,
  principal: Principal,
  input: { token: string; password: string },
): Promise<void> {
  const now = ctx.clock.now();
  const token = await findValidUserToken(ctx.db, {
    ...input,
    tenantId: principal.tenantId,
    purpose: 'reset_password',
    now,
  });
  const user = token && (await findUserById(ctx.db, principal.tenantId, token.userId));
  if (!token || !user || !user.isActive) throw invalidToken();
  const weakness = findPasswordWeakness(input.password, user.email);
  if (weakness) throw weakPassword('password', weakness);

  const passwordHash = await hashPassword(input.password);
  await transaction(ctx.db, async (tx) => {
    if (!(await markUserTokenUsed(tx, token, now))) throw invalidToken();
    await updateUser(
      tx,
      principal.tenantId,
      user.id,
      { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? now },
      now,
    );
    await closeAllSessions(tx, principal.tenantId, user.id);
    await clearAccountLoginFailures(tx, loginThrottleKeys(principal.tenantId, user.email, ''));
  });
}
