import type { AppContext } from '../../../../app-context';
import { requireAgentRole, type Principal } from '../../../../platform/auth/principal';
import { fullName } from '../backoffice.views';
import { findActiveAgents } from '../../../accounts';
import { findActiveDepartments } from '../../../organisation';

/** The active departments, for the queue's filters and the qualification form. */
export async function listActiveDepartments(ctx: Pick<AppContext, 'db'>, principal: Principal) {
  const agent = requireAgentRole(principal);
  return findActiveDepartments(ctx.db, agent.tenantId);
}

/** The active agents a request can be assigned to (of one department, or the whole town). */
export async function listAssignees(
  ctx: Pick<AppContext, 'db'>,
  principal: Principal,
  departmentId?: string,
) {
  const agent = requireAgentRole(principal);
  const rows = await findActiveAgents(ctx.db, agent.tenantId, departmentId);
  return rows.map((row) => ({
    id: row.id,
    // An invited agent who has not given a name yet still shows by e-mail.
    name: fullName(row.firstName, row.lastName) ?? row.email,
    departmentIds: row.departmentIds,
  }));
}
