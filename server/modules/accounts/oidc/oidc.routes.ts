import { principalOf } from '../../../platform/http/request-context';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../../../platform/http/app-error';
import { openSession } from '../sessions';
import { identityProvidersRoutes } from './identity-providers.routes';
import { findEnabledIdentityProviders } from './identity-providers.repository';
import { createIssuerConfigurations } from './issuer-configurations';
import { safeReturnTo } from './oidc-rules';
import { callbackUrlOf, loginErrorPath } from './oidc-urls';
import {
  CallbackQuery,
  PublicProviderList,
  RedirectResponse,
  SlugParams,
  StartQuery,
  tags,
} from './oidc.schemas';
import { clearPendingLogin, readPendingLogin, writePendingLogin } from './pending-login';
import { completeOidcLogin } from './use-cases/complete-oidc-login';
import type { OidcDependencies } from './use-cases/oidc-dependencies';
import { startOidcLogin } from './use-cases/start-oidc-login';

/**
 * Log in with OpenID Connect (FranceConnect or the town's own provider): the providers of the
 * login page, the redirection to a provider and its callback; plus the administration of
 * providers. Register with the `/api/v1` prefix.
 */
export const oidcRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps: OidcDependencies = { ctx: app.ctx, issuers: createIssuerConfigurations() };

  app.get(
    '/auth/providers',
    {
      schema: {
        tags,
        summary: 'The identity providers offered on the login page',
        response: { 200: PublicProviderList },
      },
    },
    async (request) => ({ items: await findEnabledIdentityProviders(app.ctx.db, request.tenant.id) }),
  );

  app.get(
    '/auth/oidc/:slug/start',
    {
      schema: {
        tags,
        summary: 'Send the browser to the identity provider to log in',
        params: SlugParams,
        querystring: StartQuery,
        response: { 302: RedirectResponse },
      },
    },
    async (request, reply) => {
      const { slug } = request.params;
      try {
        const { authorizationUrl, pendingLogin } = await startOidcLogin(deps, principalOf(request), {
          slug,
          redirectUri: callbackUrlOf(request, app.prefix, slug),
          returnTo: safeReturnTo(request.query.returnTo, '') || undefined,
        });
        writePendingLogin(app.ctx, reply, pendingLogin);
        return reply.redirect(authorizationUrl, 302);
      } catch (error) {
        // An unknown provider is a 404; one that does not answer sends the browser back to the login page.
        if (!(error instanceof AppError) || error.code !== 'IDENTITY_PROVIDER_UNAVAILABLE') throw error;
        request.log.warn(
          { err: error, cause: error.cause, provider: slug },
          'OpenID Connect login not started',
        );
        return reply.redirect(loginErrorPath, 302);
      }
    },
  );

  app.get(
    '/auth/oidc/:slug/callback',
    {
      schema: {
        tags,
        summary: 'Where the identity provider sends the browser back; opens the session',
        params: SlugParams,
        querystring: CallbackQuery,
        response: { 302: RedirectResponse },
      },
    },
    async (request, reply) => {
      const pendingLogin = readPendingLogin(request);
      // Used once, whatever the outcome.
      clearPendingLogin(app.ctx, reply);
      try {
        const user = await completeOidcLogin(deps, principalOf(request), {
          slug: request.params.slug,
          pendingLogin,
          callbackSearch: request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '',
        });
        await openSession(app.ctx, request, reply, user);
        const fallback = user.kind === 'agent' ? '/agent' : '/mon-compte';
        return reply.redirect(safeReturnTo(pendingLogin?.returnTo, fallback), 302);
      } catch (error) {
        // The cause never reaches the URL: it could tell an attacker which accounts exist.
        const cause = error instanceof Error ? error.cause : undefined;
        request.log.warn({ err: error, cause, provider: request.params.slug }, 'OpenID Connect login failed');
        return reply.redirect(loginErrorPath, 302);
      }
    },
  );

  await app.register(identityProvidersRoutes, { deps });
};
