import type { AppContext } from '../../../app-context';
import { type AgentView, toAgentView } from '../user-view';
import { findAgentsOfTenant, findDepartmentIdsOfUsers } from '../users.repository';
import type { Principal } from '../../../platform/auth/principal';

/** Every agent of the tenant, active or not, with roles, departments and invitation state. */
export async function listAgents(ctx: AppContext, principal: Principal): Promise<AgentView[]> {
  const agents = await findAgentsOfTenant(ctx.db, principal.tenantId);
  const departmentIds = await findDepartmentIdsOfUsers(
    ctx.db,
    principal.tenantId,
    agents.map((agent) => agent.id),
  );
  return agents.map((agent) => toAgentView(agent, departmentIds.get(agent.id) ?? []));
}
