// PLACEHOLDER: loads request.session from the session cookie and enforces CSRF on writes.
import type { FastifyInstance } from 'fastify';

export function registerSessionLoading(app: FastifyInstance): void {
  app.decorateRequest('session', null);
}
