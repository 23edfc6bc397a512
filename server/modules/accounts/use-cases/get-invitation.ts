import type { AppContext } from '../../../app-context';
import { invalidToken } from '../account-errors';
import { getTenantSite } from '../tenant-site';
import { findValidUserToken } from '../user-tokens.repository';
import { findUserById } from '../users.repository';
import type { Principal } from '../../../platform/auth/principal';

export interface InvitationSummary {
  email: string;
  firstName: string;
  lastName: string;
  tenantName: string;
}

/** What the invitation page shows before the agent chooses a password; throws INVALID_TOKEN. */
export async function getInvitation(
  ctx: AppContext,
  principal: Principal,
  input: { token: string },
): Promise<InvitationSummary> {
  const now = ctx.clock.now();
  const token = await findValidUserToken(ctx.db, {
    ...input,
    tenantId: principal.tenantId,
    purpose: 'invitation',
    now,
  });
  const agent = token && (await findUserById(ctx.db, principal.tenantId, token.userId));
  if (!agent || !agent.isActive) throw invalidToken();
  const site = await getTenantSite(ctx, principal.tenantId);
  return { email: agent.email, firstName: agent.firstName, lastName: agent.lastName, tenantName: site.name };
}
