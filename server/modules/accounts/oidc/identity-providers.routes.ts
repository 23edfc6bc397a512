import { Type } from 'typebox';
import { readSecurity, writeSecurity } from '../../../platform/http/openapi-security';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { principalOf, requireAgent } from '../../../platform/http/request-context';
import { findIdentityProviders, type IdentityProvider } from './identity-providers.repository';
import { callbackUrlOf } from './oidc-urls';
import {
  CreateIdentityProviderBody,
  IdentityProviderList,
  IdentityProviderView,
  IdParams,
  tags,
  UpdateIdentityProviderBody,
} from './oidc.schemas';
import { createIdentityProvider } from './use-cases/create-identity-provider';
import { deleteIdentityProvider } from './use-cases/delete-identity-provider';
import type { OidcDependencies } from './use-cases/oidc-dependencies';
import { updateIdentityProvider } from './use-cases/update-identity-provider';

/** Administrators register the tenant's identity providers; the client secret is write-only. */
export const identityProvidersRoutes: FastifyPluginAsyncTypebox<{ deps: OidcDependencies }> = async (
  app,
  { deps },
) => {
  function toView(request: FastifyRequest, provider: IdentityProvider) {
    return {
      id: provider.id,
      slug: provider.slug,
      label: provider.label,
      issuerUrl: provider.issuerUrl,
      clientId: provider.clientId,
      scopes: provider.scopes,
      acrValues: provider.acrValues,
      isEnabled: provider.isEnabled,
      callbackUrl: callbackUrlOf(request, app.prefix, provider.slug),
      createdAt: provider.createdAt.toISOString(),
    };
  }

  app.get(
    '/admin/identity-providers',
    {
      schema: {
        tags,
        summary: 'List the identity providers (OpenID Connect)',
        security: readSecurity,
        response: { 200: IdentityProviderList },
      },
    },
    async (request) => {
      requireAgent(request, ['admin']);
      const providers = await findIdentityProviders(app.ctx.db, request.tenant.id);
      return { items: providers.map((provider) => toView(request, provider)) };
    },
  );

  app.post(
    '/admin/identity-providers',
    {
      schema: {
        tags,
        summary: 'Add an identity provider (OpenID Connect)',
        security: writeSecurity,
        body: CreateIdentityProviderBody,
        response: { 201: IdentityProviderView },
      },
    },
    async (request, reply) => {
      requireAgent(request, ['admin']);
      const provider = await createIdentityProvider(deps, principalOf(request), {
        fields: request.body,
      });
      return reply.status(201).send(toView(request, provider));
    },
  );

  app.patch(
    '/admin/identity-providers/:id',
    {
      schema: {
        tags,
        summary: 'Edit, enable or disable an identity provider',
        security: writeSecurity,
        params: IdParams,
        body: UpdateIdentityProviderBody,
        response: { 200: IdentityProviderView },
      },
    },
    async (request) => {
      requireAgent(request, ['admin']);
      const provider = await updateIdentityProvider(deps, principalOf(request), {
        id: request.params.id,
        changes: request.body,
      });
      return toView(request, provider);
    },
  );

  app.delete(
    '/admin/identity-providers/:id',
    {
      schema: {
        tags,
        summary: 'Remove an identity provider and the account links to it',
        security: writeSecurity,
        params: IdParams,
        response: { 204: Type.Null({ description: 'Removed' }) },
      },
    },
    async (request, reply) => {
      requireAgent(request, ['admin']);
      await deleteIdentityProvider(deps, principalOf(request), { id: request.params.id });
      return reply.status(204).send(null);
    },
  );
};
