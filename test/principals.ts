import { userPrincipal, type Principal } from '../server/platform/auth/principal';
import type { AgentRole } from '../common/accounts';

/** An agent's principal for use cases called directly in tests (the account must exist for some). */
export function agentPrincipal(
  tenantId: string,
  userId: string,
  roles: AgentRole[] = ['admin'],
  departmentIds: string[] = [],
): Principal {
  return userPrincipal({
    id: userId,
    tenantId,
    kind: 'agent',
    email: `${userId}@agents.test`,
    firstName: 'Agent',
    lastName: 'de test',
    roles,
    departmentIds,
  });
}
