import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { readSecurity } from '../../../platform/http/openapi-security';
import { ProblemSchema } from '../../../platform/http/problem.schemas';
import { principalOf } from '../../../platform/http/request-context';
import {
  AssigneeItem,
  AssigneeQuery,
  DepartmentItem,
  IdParams,
  QueuePage,
  QueueQuery,
  RequestForAgent,
  tags,
} from './backoffice.schemas';
import { getRequestForAgent } from './use-cases/get-request-for-agent';
import { listActiveDepartments, listAssignees } from './use-cases/list-directory';
import { listQueue } from './use-cases/list-queue';

const readProblems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };

/** The back office's read side: queue, request detail, the town's departments and assignees. */
export const backofficeQueueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/backoffice/requests',
    {
      schema: {
        tags,
        summary: 'The request queue of the agent’s scope, filtered, searched and paged',
        description:
          'Without `status`, the open requests. `q` searches references, subjects, descriptions, ' +
          'messages and requesters (French, accent- and plural-insensitive). Default sort: due date, ' +
          'or relevance when `q` is given.',
        security: readSecurity,
        querystring: QueueQuery,
        response: { 200: QueuePage, ...readProblems },
      },
    },
    async (request) => listQueue(app.ctx, principalOf(request), request.query),
  );

  app.get(
    '/backoffice/requests/:id',
    {
      schema: {
        tags,
        summary: 'One request for an agent: full timeline, attachments, requester card',
        security: readSecurity,
        params: IdParams,
        response: { 200: RequestForAgent, ...readProblems, 404: ProblemSchema },
      },
    },
    async (request) => getRequestForAgent(app.ctx, principalOf(request), request.params.id),
  );

  app.get(
    '/backoffice/departments',
    {
      schema: {
        tags,
        summary: 'The town’s active departments',
        security: readSecurity,
        response: { 200: Type.Array(DepartmentItem), ...readProblems },
      },
    },
    async (request) => listActiveDepartments(app.ctx, principalOf(request)),
  );

  app.get(
    '/backoffice/assignees',
    {
      schema: {
        tags,
        summary: 'Active agents a request can be assigned to (of one department, or all)',
        security: readSecurity,
        querystring: AssigneeQuery,
        response: { 200: Type.Array(AssigneeItem), ...readProblems },
      },
    },
    async (request) => listAssignees(app.ctx, principalOf(request), request.query.departmentId),
  );
};
