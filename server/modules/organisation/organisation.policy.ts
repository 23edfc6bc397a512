import type { FastifyRequest } from 'fastify';
import { type AuthUser, requireAgent } from '../../platform/http/request-context';

/** Managers read the organisation (departments, categories, calendar, settings); admins pass every check. */
export function requireOrganisationReader(request: FastifyRequest): AuthUser {
  return requireAgent(request, ['manager']);
}

/** Only administrators change the organisation. */
export function requireOrganisationAdmin(request: FastifyRequest): AuthUser {
  return requireAgent(request, ['admin']);
}
