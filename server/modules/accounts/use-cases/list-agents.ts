import type { AppContext } from '../../../app-context';
import { type AgentView, toAgentView } from '../user-view';
import { findAgentsOfTenant, findDepartmentIdsOfUsers } from '../users.repository';

/** Every agent of the tenant, active or not, with roles, departments and invitation state. */
export async function listAgents(ctx: AppContext, input: { tenantId: string }): Promise<AgentView[]> {
  const agents = await findAgentsOfTenant(ctx.db, input.tenantId);
  const departmentIds = await findDepartmentIdsOfUsers(
    ctx.db,
    input.tenantId,
    agents.map((agent) => agent.id),
  );
  return agents.map((agent) => toAgentView(agent, departmentIds.get(agent.id) ?? []));
}
