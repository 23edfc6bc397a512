/**
 * Who is calling a use case: a person with a session (citizen or agent), an integrator's API key,
 * the system itself (a job, a listener), or the public (a visitor of the town's site, nobody logged
 * in). Every use case receives one; the HTTP layer builds it from the session, jobs and listeners
 * from what they run for. It always carries the town it acts in.
 */
import type { AgentRole } from '../../../common/accounts';
import { AppError } from '../http/app-error';
import type { AuthUser } from '../http/request-context';

/** A citizen or an agent, logged in (session cookie). */
export interface UserPrincipal {
  kind: 'user';
  tenantId: string;
  user: AuthUser;
}

/** An integrator's program calling the API with a key the town issued (roles and departments like an agent's). */
export interface ApiKeyPrincipal {
  kind: 'api_key';
  tenantId: string;
  keyId: string;
  /** What the town called the key (« Logiciel État civil »). */
  name: string;
  roles: AgentRole[];
  departmentIds: string[];
}

/** Guichet itself: a job, a listener, a command. */
export interface SystemPrincipal {
  kind: 'system';
  tenantId: string;
  /** What acts: the job type or the service (`requests.auto-close`, `smtp-listener`…). */
  process: string;
}

/** Nobody logged in: a visitor of the town's site (the portal's form, the tracking page). */
export interface PublicPrincipal {
  kind: 'public';
  tenantId: string;
}

export type Principal = UserPrincipal | ApiKeyPrincipal | SystemPrincipal | PublicPrincipal;

export function userPrincipal(user: AuthUser): UserPrincipal {
  return { kind: 'user', tenantId: user.tenantId, user };
}

export function systemPrincipal(tenantId: string, process: string): SystemPrincipal {
  return { kind: 'system', tenantId, process };
}

export function publicPrincipal(tenantId: string): PublicPrincipal {
  return { kind: 'public', tenantId };
}

/** The logged-in person behind the principal, if any. */
export function userOf(principal: Principal): AuthUser | null {
  return principal.kind === 'user' ? principal.user : null;
}

/** The logged-in agent behind the principal, if any. */
export function agentOf(principal: Principal): AuthUser | null {
  return principal.kind === 'user' && principal.user.kind === 'agent' ? principal.user : null;
}

/** The logged-in citizen behind the principal, if any. */
export function citizenOf(principal: Principal): AuthUser | null {
  return principal.kind === 'user' && principal.user.kind === 'citizen' ? principal.user : null;
}

/** The logged-in person, or 401 UNAUTHENTICATED. */
export function requireSignedIn(principal: Principal): AuthUser {
  if (principal.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Log in to continue.');
  return principal.user;
}

/** The logged-in agent holding one of `roles` (admin passes every role check), or 401 / 403. */
export function requireAgentRole(principal: Principal, roles: readonly AgentRole[] = []): AuthUser {
  const user = requireSignedIn(principal);
  if (user.kind !== 'agent') throw new AppError('FORBIDDEN', 'This area is for the town’s agents.');
  if (roles.length > 0 && !user.roles.includes('admin') && !roles.some((role) => user.roles.includes(role))) {
    throw new AppError('FORBIDDEN', `This action needs one of the roles: ${roles.join(', ')}.`);
  }
  return user;
}

/** The logged-in citizen, or 401 (nobody) / 403 (an agent). */
export function requireCitizen(principal: Principal): AuthUser {
  const user = requireSignedIn(principal);
  if (user.kind !== 'citizen') throw new AppError('FORBIDDEN', 'This is for citizens’ own accounts.');
  return user;
}
