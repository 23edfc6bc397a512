import type { AppContext } from '../../../app-context';
import { AppError } from '../../../platform/http/app-error';
import { userNotFound } from '../account-errors';
import { findOwnAccessProblem } from '../accounts.policy';
import { closeAllSessions } from '../sessions';
import { type AgentView, toAgentView } from '../user-view';
import {
  findDepartmentIdsOfUser,
  findUserById,
  setDepartmentMemberships,
  updateUser,
  type UserChanges,
} from '../users.repository';
import { checkAgentRoles, checkDepartmentsOfTenant } from './invite-agent';
import { transaction } from '../../../platform/db/transaction';
import { requireAgentRole, type Principal } from '../../../platform/auth/principal';

export interface UpdateAgentInput {
  agentId: string;
  changes: {
    firstName?: string;
    lastName?: string;
    roles?: string[];
    departmentIds?: string[];
    isActive?: boolean;
  };
}

/**
 * Changes an agent's name, roles, departments or activity. An administrator cannot lock
 * themselves out; deactivating an agent ends their sessions at once.
 */
export async function updateAgent(
  ctx: AppContext,
  principal: Principal,
  input: UpdateAgentInput,
): Promise<AgentView> {
  const { changes } = input;
  const agent = await findUserById(ctx.db, principal.tenantId, input.agentId);
  if (!agent || agent.kind !== 'agent') throw userNotFound();
  const problem = findOwnAccessProblem(requireAgentRole(principal).id, agent.id, changes);
  if (problem) {
    throw new AppError('CANNOT_CHANGE_OWN_ACCESS', `${problem.field}: ${problem.message}`, {
      errors: [problem],
    });
  }
  const roles = changes.roles ? checkAgentRoles(changes.roles) : undefined;
  const departmentIds = changes.departmentIds
    ? await checkDepartmentsOfTenant(ctx.db, principal.tenantId, changes.departmentIds)
    : undefined;

  const userChanges: UserChanges = {};
  if (changes.firstName !== undefined) userChanges.firstName = changes.firstName.trim();
  if (changes.lastName !== undefined) userChanges.lastName = changes.lastName.trim();
  if (roles) userChanges.roles = roles;
  if (changes.isActive !== undefined) userChanges.isActive = changes.isActive;

  const now = ctx.clock.now();
  return transaction(ctx.db, async (tx) => {
    const updated = (await updateUser(tx, principal.tenantId, agent.id, userChanges, now))!;
    if (departmentIds) await setDepartmentMemberships(tx, principal.tenantId, agent.id, departmentIds);
    if (changes.isActive === false) await closeAllSessions(tx, principal.tenantId, agent.id);
    return toAgentView(
      updated,
      departmentIds ?? (await findDepartmentIdsOfUser(tx, agent.tenantId, agent.id)),
    );
  });
}
