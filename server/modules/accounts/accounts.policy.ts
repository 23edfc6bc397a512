import type { FastifyRequest } from 'fastify';
import { type AuthUser, requireAgent } from '../../platform/http/request-context';

/** Guard: only administrators invite, edit and deactivate agents. */
export function requireAgentManager(request: FastifyRequest): AuthUser {
  return requireAgent(request, ['admin']);
}

export interface AgentChanges {
  roles?: string[];
  isActive?: boolean;
}

/**
 * An administrator may not lock themselves out: neither drop their own admin role nor deactivate
 * their own account (so a town always keeps at least the administrator making the change).
 */
export function findOwnAccessProblem(
  actorId: string,
  agentId: string,
  changes: AgentChanges,
): { field: string; message: string } | undefined {
  if (actorId !== agentId) return undefined;
  if (changes.roles && !changes.roles.includes('admin')) {
    return { field: 'roles', message: 'cannot remove your own admin role' };
  }
  if (changes.isActive === false) return { field: 'isActive', message: 'cannot deactivate your own account' };
  return undefined;
}
