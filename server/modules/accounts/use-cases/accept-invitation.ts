import type { AppContext } from '../../../app-context';
import { invalidToken, weakPassword } from '../account-errors';
import { hashPassword } from '../password';
import { findPasswordWeakness } from '../password-rule';
import { findValidUserToken, markUserTokenUsed } from '../user-tokens.repository';
import { findUserById, updateUser, type User } from '../users.repository';
import { transaction } from '../../../platform/db/transaction';
import type { Principal } from '../../../platform/auth/principal';

/**
 * The invited agent chooses a password through the invitation link (used once); this confirms
 * their e-mail address. Returns the account, for the caller to open a session.
 */
export async function acceptInvitation(
  ctx: AppContext,
  principal: Principal,
  input: { token: string; password: string },
): Promise<User> {
  const now = ctx.clock.now();
  const token = await findValidUserToken(ctx.db, {
    ...input,
    tenantId: principal.tenantId,
    purpose: 'invitation',
    now,
  });
  const agent = token && (await findUserById(ctx.db, principal.tenantId, token.userId));
  if (!token || !agent || !agent.isActive) throw invalidToken();
  const weakness = findPasswordWeakness(input.password, agent.email);
  if (weakness) throw weakPassword('password', weakness);

  const passwordHash = await hashPassword(input.password);
  return transaction(ctx.db, async (tx) => {
    if (!(await markUserTokenUsed(tx, token, now))) throw invalidToken();
    const updated = await updateUser(
      tx,
      principal.tenantId,
      agent.id,
      { passwordHash, emailVerifiedAt: agent.emailVerifiedAt ?? now },
      now,
    );
    return updated!;
  });
}
