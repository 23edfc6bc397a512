import type { AppContext } from '../../../app-context';
import { queueEmailConfirmation } from '../account-mails';
import { getTenantSite } from '../tenant-site';
import { findUserByEmail } from '../users.repository';
import { transaction } from '../../../platform/db/transaction';
import type { Principal } from '../../../platform/auth/principal';

/**
 * Sends a new confirmation link to an active account whose e-mail is not confirmed yet. Says
 * nothing either way, so the answer does not tell whether the address has an account.
 */
export async function resendConfirmation(
  ctx: AppContext,
  principal: Principal,
  input: { email: string },
): Promise<void> {
  const user = await findUserByEmail(ctx.db, principal.tenantId, input.email);
  if (!user || !user.isActive || user.emailVerifiedAt || !user.passwordHash) return;
  const site = await getTenantSite(ctx, principal.tenantId);
  const now = ctx.clock.now();
  await transaction(ctx.db, (tx) => queueEmailConfirmation(tx, ctx, { user, site, now }));
}
