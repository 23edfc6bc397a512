import type { FastifyRequest } from 'fastify';
import type { AgentRole, UserKind } from '../../../common/accounts';
import { AppError } from './app-error';

/** The tenant resolved from the Host header (see organisation/tenancy.ts). */
export interface TenantContext {
  id: string;
  slug: string;
  name: string;
}

export { agentRoles, type AgentRole } from '../../../common/accounts';

/** The logged-in account, as loaded from the session cookie by the accounts module. */
export interface AuthUser {
  id: string;
  tenantId: string;
  kind: UserKind;
  email: string;
  firstName: string;
  lastName: string;
  roles: AgentRole[];
  departmentIds: string[];
}

export interface SessionContext {
  id: string;
  user: AuthUser;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    tenant: TenantContext;
    session: SessionContext | null;
  }
}

/** Guard: a logged-in account, citizen or agent. */
export function requireUser(request: FastifyRequest): AuthUser {
  if (!request.session) throw new AppError('UNAUTHENTICATED', 'Log in to continue.');
  return request.session.user;
}

/** Guard: an agent holding at least one of `roles` (admin passes every role check). */
export function requireAgent(request: FastifyRequest, roles: AgentRole[] = []): AuthUser {
  const user = requireUser(request);
  if (user.kind !== 'agent') throw new AppError('FORBIDDEN', 'This area is for the town’s agents.');
  if (roles.length > 0 && !user.roles.includes('admin') && !roles.some((role) => user.roles.includes(role))) {
    throw new AppError('FORBIDDEN', `This action needs one of the roles: ${roles.join(', ')}.`);
  }
  return user;
}
