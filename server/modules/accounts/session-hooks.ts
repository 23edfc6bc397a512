import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/http/app-error';
import { isSameSecret } from './secret-token';
import { loadSession, sessionCookieName, sessionCookieOptions } from './sessions';

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Loads `request.session` from the `guichet_session` cookie (after tenant resolution) and
 * enforces CSRF: a write carrying a live session must send that session's token in the
 * `X-CSRF-Token` header. A request whose cookie matches no live session is anonymous.
 */
export function registerSessionLoading(app: FastifyInstance): void {
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[sessionCookieName];
    if (!token || !request.tenant) return;

    const loaded = await loadSession(app.ctx, request.tenant.id, token);
    if (!loaded) {
      reply.clearCookie(sessionCookieName, { path: '/' });
      return;
    }
    request.session = loaded.session;
    if (loaded.extendedUntil) {
      reply.setCookie(sessionCookieName, token, sessionCookieOptions(app.ctx, loaded.extendedUntil));
    }

    if (writeMethods.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !isSameSecret(header, loaded.session.csrfToken)) {
        throw new AppError(
          'CSRF_TOKEN_INVALID',
          'This change needs the X-CSRF-Token header of your session.',
        );
      }
    }
  });
}
