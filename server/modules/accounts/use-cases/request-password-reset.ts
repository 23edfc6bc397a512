import type { AppContext } from '../../../app-context';
import { queuePasswordReset } from '../account-mails';
import { getTenantSite } from '../tenant-site';
import { findUserByEmail } from '../users.repository';
import { transaction } from '../../../platform/db/transaction';
import type { Principal } from '../../../platform/auth/principal';

/**
 * Queues a password-reset link when the address belongs to an active account of the tenant, and
 * does nothing otherwise: the caller answers the same either way.
 */
export async function requestPasswordReset(
  ctx: AppContext,
  principal: Principal,
  input: { email: string },
): Promise<void> {
  const user = await findUserByEmail(ctx.db, principal.tenantId, input.email);
  if (!user || !user.isActive) return;
  const site = await getTenantSite(ctx, principal.tenantId);
  const now = ctx.clock.now();
  await transaction(ctx.db, (tx) => queuePasswordReset(tx, ctx, { user, site, now }));
}
