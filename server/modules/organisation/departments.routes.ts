import { principalOf } from '../../platform/http/request-context';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readSecurity, writeSecurity } from '../../platform/http/openapi-security';
import {
  CreateDepartmentBody,
  DepartmentView,
  IdParams,
  Items,
  tags,
  UpdateDepartmentBody,
} from './organisation.schemas';
import { requireOrganisationAdmin, requireOrganisationReader } from './organisation.policy';
import { toDepartmentView } from './organisation.views';
import { createDepartment } from './use-cases/create-department';
import { listDepartments } from './use-cases/list-departments';
import { updateDepartment } from './use-cases/update-department';

/** Administrators manage the town's departments (services); managers may read them. */
export const departmentsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/admin/departments',
    {
      schema: {
        tags,
        summary: 'List the departments, active or not',
        security: readSecurity,
        response: { 200: Items(DepartmentView) },
      },
    },
    async (request) => {
      requireOrganisationReader(request);
      const departments = await listDepartments(app.ctx, principalOf(request));
      return { items: departments.map(toDepartmentView) };
    },
  );

  app.post(
    '/admin/departments',
    {
      schema: {
        tags,
        summary: 'Add a department',
        security: writeSecurity,
        body: CreateDepartmentBody,
        response: { 201: DepartmentView },
      },
    },
    async (request, reply) => {
      requireOrganisationAdmin(request);
      const department = await createDepartment(app.ctx, principalOf(request), request.body);
      return reply.status(201).send(toDepartmentView(department));
    },
  );

  app.patch(
    '/admin/departments/:id',
    {
      schema: {
        tags,
        summary: 'Edit or deactivate a department',
        security: writeSecurity,
        params: IdParams,
        body: UpdateDepartmentBody,
        response: { 200: DepartmentView },
      },
    },
    async (request) => {
      requireOrganisationAdmin(request);
      const department = await updateDepartment(
        app.ctx,
        principalOf(request),
        request.params.id,
        request.body,
      );
      return toDepartmentView(department);
    },
  );
};
