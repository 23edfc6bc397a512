import type { AppContext } from '../../../app-context';
import { invalidToken } from '../account-errors';
import { findValidUserToken, markUserTokenUsed } from '../user-tokens.repository';
import { updateUser, type User } from '../users.repository';
import { transaction } from '../../../platform/db/transaction';
import type { Principal } from '../../../platform/auth/principal';

/** Confirms the e-mail address of the account the link was sent to; the link works once. */
export async function confirmEmail(
  ctx: AppContext,
  principal: Principal,
  input: { token: string },
): Promise<User> {
  const now = ctx.clock.now();
  const token = await findValidUserToken(ctx.db, {
    ...input,
    tenantId: principal.tenantId,
    purpose: 'confirm_email',
    now,
  });
  if (!token) throw invalidToken();
  return transaction(ctx.db, async (tx) => {
    if (!(await markUserTokenUsed(tx, token, now))) throw invalidToken();
    const user = await updateUser(tx, principal.tenantId, token.userId, { emailVerifiedAt: now }, now);
    if (!user || !user.isActive) throw invalidToken();
    return user;
  });
}
