import type { AppContext } from '../../../app-context';
import { AppError } from '../../../platform/http/app-error';
import { userNotFound } from '../account-errors';
import { queueInvitation } from '../account-mails';
import { getTenantSite } from '../tenant-site';
import { findUserById } from '../users.repository';
import { transaction } from '../../../platform/db/transaction';
import { requireAgentRole, type Principal } from '../../../platform/auth/principal';

/** Sends a fresh invitation link to an agent who has not accepted yet; earlier links stop working. */
export async function resendInvitation(
  ctx: AppContext,
  principal: Principal,
  input: { agentId: string },
): Promise<void> {
  const agent = await findUserById(ctx.db, principal.tenantId, input.agentId);
  if (!agent || agent.kind !== 'agent') throw userNotFound();
  if (agent.passwordHash) {
    throw new AppError('INVITATION_ALREADY_ACCEPTED', 'This agent has already chosen a password.');
  }
  if (!agent.isActive)
    throw new AppError('AGENT_INACTIVE', 'Reactivate this agent before inviting them again.');

  const inviter = await findUserById(ctx.db, principal.tenantId, requireAgentRole(principal, ['admin']).id);
  const inviterName = inviter ? `${inviter.firstName} ${inviter.lastName}`.trim() || null : null;
  const site = await getTenantSite(ctx, principal.tenantId);
  const now = ctx.clock.now();
  await transaction(ctx.db, (tx) => queueInvitation(tx, ctx, { user: agent, site, now, inviterName }));
}
