import type { AppContext } from '../../../app-context';
import { invalidToken } from '../account-errors';
import { getTenantSite } from '../tenant-site';
import { findValidUserToken } from '../user-tokens.repository';
import { findUserById } from '../users.repository';

export interface InvitationSummary {
  email: string;
  firstName: string;
  lastName: string;
  tenantName: string;
}

/** What the invitation page shows before the agent chooses a password; throws INVALID_TOKEN. */
export async function getInvitation(
  ctx: AppContext,
  input: { tenantId: string; token: string },
): Promise<InvitationSummary> {
  const now = ctx.clock.now();
  const token = await findValidUserToken(ctx.db, { ...input, purpose: 'invitation', now });
  const agent = token && (await findUserById(ctx.db, input.tenantId, token.userId));
  if (!agent || !agent.isActive) throw invalidToken();
  const site = await getTenantSite(ctx, input.tenantId);
  return { email: agent.email, firstName: agent.firstName, lastName: agent.lastName, tenantName: site.name };
}
