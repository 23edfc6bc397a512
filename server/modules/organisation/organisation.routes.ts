import { principalOf } from '../../platform/http/request-context';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readSecurity, writeSecurity } from '../../platform/http/openapi-security';
import { calendarRoutes } from './calendar.routes';
import { categoriesRoutes } from './categories.routes';
import { departmentsRoutes } from './departments.routes';
import { AdminTenant, PublicTenant, tags, UpdateTenantBody } from './organisation.schemas';
import { requireOrganisationAdmin, requireOrganisationReader } from './organisation.policy';
import { toAdminTenantView, toPublicTenantView } from './organisation.views';
import { getTenant } from './use-cases/get-tenant';
import { updateTenant } from './use-cases/update-tenant';

/** The town (tenant), its departments, categories and business calendar. Registered under /api/v1. */
export const organisationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/tenant',
    {
      schema: {
        tags,
        summary: 'The town served at this address (public)',
        response: { 200: PublicTenant },
      },
    },
    async (request) => toPublicTenantView(await getTenant(app.ctx, principalOf(request))),
  );

  app.get(
    '/admin/tenant',
    {
      schema: {
        tags,
        summary: 'The town with its settings (managers and administrators)',
        security: readSecurity,
        response: { 200: AdminTenant },
      },
    },
    async (request) => {
      requireOrganisationReader(request);
      return toAdminTenantView(await getTenant(app.ctx, principalOf(request)));
    },
  );

  app.patch(
    '/admin/tenant',
    {
      schema: {
        tags,
        summary: 'Change the town’s name, INSEE code or settings (administrators)',
        security: writeSecurity,
        body: UpdateTenantBody,
        response: { 200: AdminTenant },
      },
    },
    async (request) => {
      requireOrganisationAdmin(request);
      return toAdminTenantView(await updateTenant(app.ctx, principalOf(request), request.body));
    },
  );

  await app.register(departmentsRoutes);
  await app.register(categoriesRoutes);
  await app.register(calendarRoutes);
};
