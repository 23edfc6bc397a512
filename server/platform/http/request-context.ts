import type { FastifyRequest } from 'fastify';
import type { AgentRole, UserKind } from '../../../common/accounts';
import {
  publicPrincipal,
  requireAgentRole,
  requireSignedIn,
  userPrincipal,
  type Principal,
} from '../auth/principal';

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
  return requireSignedIn(principalOf(request));
}

/** Guard: an agent holding at least one of `roles` (admin passes every role check). */
export function requireAgent(request: FastifyRequest, roles: AgentRole[] = []): AuthUser {
  return requireAgentRole(principalOf(request), roles);
}

/**
 * Who is calling, for the use case: the logged-in person, else the public of the town whose
 * host was asked (API keys will plug in here).
 */
export function principalOf(request: FastifyRequest): Principal {
  return request.session ? userPrincipal(request.session.user) : publicPrincipal(request.tenant.id);
}
