import type { AppContext } from '../../../app-context';
import { invalidField } from '../../../platform/http/app-error';
import { type AgentRole, agentRoles } from '../../../platform/http/request-context';
import { emailTaken } from '../account-errors';
import { queueInvitation } from '../account-mails';
import { findDepartmentIdsOfTenant } from '../../organisation';
import { insertAccount } from '../insert-account';
import { getTenantSite } from '../tenant-site';
import {
  findUserByEmail,
  findUserById,
  normaliseEmail,
  setDepartmentMemberships,
  type NewUser,
  type User,
} from '../users.repository';
import type { DbOrTx } from '../../../platform/db/client';
import { agentOf, type Principal } from '../../../platform/auth/principal';

export interface InviteAgentInput {
  email: string;
  firstName: string;
  lastName: string;
  roles: string[];
  departmentIds: string[];
}

/** Throws a 400 naming `roles` unless every role is known and there is at least one. */
export function checkAgentRoles(roles: string[]): AgentRole[] {
  const unknown = roles.filter((role) => !(agentRoles as readonly string[]).includes(role));
  if (roles.length === 0) throw invalidField('roles', 'must contain at least one role');
  if (unknown.length > 0) throw invalidField('roles', `has unknown roles: ${unknown.join(', ')}`);
  return [...new Set(roles)] as AgentRole[];
}

/** Throws a 400 naming `departmentIds` unless every department belongs to the tenant. */
export async function checkDepartmentsOfTenant(
  db: DbOrTx,
  tenantId: string,
  departmentIds: string[],
): Promise<string[]> {
  const unique = [...new Set(departmentIds)];
  const existing = new Set(await findDepartmentIdsOfTenant(db, tenantId, unique));
  if (unique.some((id) => !existing.has(id))) {
    throw invalidField('departmentIds', 'contains a department that does not exist in this town');
  }
  return unique;
}

/**
 * Creates an agent account without password and queues the invitation mail; the agent chooses a
 * password by following its link (valid 7 days). Agents never register themselves.
 */
export async function inviteAgent(
  ctx: AppContext,
  principal: Principal,
  input: InviteAgentInput,
): Promise<User> {
  const email = normaliseEmail(input.email);
  const roles = checkAgentRoles(input.roles);
  const departmentIds = await checkDepartmentsOfTenant(ctx.db, principal.tenantId, input.departmentIds);
  if (await findUserByEmail(ctx.db, principal.tenantId, email)) throw emailTaken();

  // The inviting administrator, or nobody when the system invites (the first administrator).
  const invitedBy = agentOf(principal);
  const inviter = invitedBy ? await findUserById(ctx.db, principal.tenantId, invitedBy.id) : undefined;
  const inviterName = inviter ? `${inviter.firstName} ${inviter.lastName}`.trim() || null : null;
  const site = await getTenantSite(ctx, principal.tenantId);
  const now = ctx.clock.now();
  const newAgent: NewUser = {
    tenantId: principal.tenantId,
    kind: 'agent',
    email,
    passwordHash: null,
    firstName: input.firstName.trim(),
    lastName: input.lastName.trim(),
    roles,
  };
  return insertAccount(ctx.db, newAgent, async (tx, user) => {
    await setDepartmentMemberships(tx, principal.tenantId, user.id, departmentIds);
    await queueInvitation(tx, ctx, { user, site, now, inviterName });
  });
}
