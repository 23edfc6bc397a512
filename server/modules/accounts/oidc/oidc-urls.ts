import type { FastifyRequest } from 'fastify';

/** Where a failed login lands: the login page shows a generic message, the cause is only logged. */
export const loginErrorPath = '/connexion?erreur=oidc';

/**
 * This tenant's callback URL for provider `slug`, from the host the browser used (a tenant may
 * answer on several names; tenancy already refused hosts that serve no tenant). Behind an https
 * proxy, `trustProxy` makes `request.protocol` and `request.host` the public ones.
 */
export function callbackUrlOf(request: FastifyRequest, apiPrefix: string, slug: string): string {
  return `${request.protocol}://${request.host}${apiPrefix}/auth/oidc/${encodeURIComponent(slug)}/callback`;
}
