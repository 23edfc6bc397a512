import { principalOf } from '../../platform/http/request-context';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readSecurity, writeSecurity } from '../../platform/http/openapi-security';
import { Type } from 'typebox';
import {
  CategoryView,
  CreateCategoryBody,
  IdParams,
  Items,
  PublicCategory,
  tags,
  UpdateCategoryBody,
} from './organisation.schemas';
import { requireOrganisationAdmin, requireOrganisationReader } from './organisation.policy';
import { toCategoryView, toPublicCategoryView } from './organisation.views';
import { createCategory } from './use-cases/create-category';
import { listCategories } from './use-cases/list-categories';
import { updateCategory } from './use-cases/update-category';

/** Categories (natures de demande): the active ones are public; administrators manage them. */
export const categoriesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/categories',
    {
      schema: {
        tags,
        summary: 'The active categories a request can be filed under (public)',
        response: { 200: Type.Array(PublicCategory) },
      },
    },
    async (request) => {
      const categories = await listCategories(app.ctx, principalOf(request), { activeOnly: true });
      return categories.map(toPublicCategoryView);
    },
  );

  app.get(
    '/admin/categories',
    {
      schema: {
        tags,
        summary: 'List the categories, active or not',
        security: readSecurity,
        response: { 200: Items(CategoryView) },
      },
    },
    async (request) => {
      requireOrganisationReader(request);
      const categories = await listCategories(app.ctx, principalOf(request));
      return { items: categories.map(toCategoryView) };
    },
  );

  app.post(
    '/admin/categories',
    {
      schema: {
        tags,
        summary: 'Add a category',
        security: writeSecurity,
        body: CreateCategoryBody,
        response: { 201: CategoryView },
      },
    },
    async (request, reply) => {
      requireOrganisationAdmin(request);
      const category = await createCategory(app.ctx, principalOf(request), request.body);
      return reply.status(201).send(toCategoryView(category));
    },
  );

  app.patch(
    '/admin/categories/:id',
    {
      schema: {
        tags,
        summary: 'Edit or deactivate a category',
        security: writeSecurity,
        params: IdParams,
        body: UpdateCategoryBody,
        response: { 200: CategoryView },
      },
    },
    async (request) => {
      requireOrganisationAdmin(request);
      const category = await updateCategory(app.ctx, principalOf(request), request.params.id, request.body);
      return toCategoryView(category);
    },
  );
};
