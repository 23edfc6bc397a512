import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { readSecurity, writeSecurity } from '../../../platform/http/openapi-security';
import { ProblemSchema } from '../../../platform/http/problem.schemas';
import { requireAgent } from '../../../platform/http/request-context';
import {
  AssigneeItem,
  AssigneeQuery,
  CitizenItem,
  CitizenSearchQuery,
  ContactListQuery,
  ContactPage,
  CreateCitizenBody,
  DepartmentItem,
  DeskIntakeBody,
  DeskIntakeResult,
  IdParams,
  QueuePage,
  QueueQuery,
  RecordContactBody,
  RecordedContact,
  RequestForAgent,
  tags,
} from './backoffice.schemas';
import { createCitizen } from './use-cases/create-citizen';
import { fileDeskRequest } from './use-cases/file-desk-request';
import { getRequestForAgent } from './use-cases/get-request-for-agent';
import { listContacts } from './use-cases/list-contacts';
import { listActiveDepartments, listAssignees } from './use-cases/list-directory';
import { listQueue } from './use-cases/list-queue';
import { recordContact } from './use-cases/record-contact';
import { searchCitizens } from './use-cases/search-citizens';

const readProblems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };
const writeProblems = { ...readProblems, 409: ProblemSchema };

/** The back office's read side (queue, request detail), desk intake, citizens and informational contacts. */
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
    async (request) => listQueue(app.ctx, requireAgent(request), request.query),
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
    async (request) => getRequestForAgent(app.ctx, requireAgent(request), request.params.id),
  );

  app.post(
    '/backoffice/requests',
    {
      schema: {
        tags,
        summary: 'Record a request received at a desk (phone, counter, letter, e-mail, SMS)',
        description:
          'For a citizen account (`citizenId`) or a contact (a name and an e-mail, a phone or a postal ' +
          'address). The acknowledgement is e-mailed when an address is known.',
        security: writeSecurity,
        body: DeskIntakeBody,
        response: { 201: DeskIntakeResult, ...readProblems },
      },
    },
    async (request, reply) => {
      const submitted = await fileDeskRequest(app.ctx, requireAgent(request), request.body);
      return reply.status(201).send({ ...submitted, dueAt: submitted.dueAt?.toISOString() ?? null });
    },
  );

  app.get(
    '/backoffice/citizens',
    {
      schema: {
        tags,
        summary: 'Find citizen accounts by name, e-mail or phone (20 at most)',
        security: readSecurity,
        querystring: CitizenSearchQuery,
        response: { 200: Type.Array(CitizenItem), ...readProblems },
      },
    },
    async (request) => searchCitizens(app.ctx, requireAgent(request), request.query.q),
  );

  app.post(
    '/backoffice/citizens',
    {
      schema: {
        tags,
        summary: 'Open a citizen account without a password (claimed later with « mot de passe oublié »)',
        security: writeSecurity,
        body: CreateCitizenBody,
        response: { 201: CitizenItem, ...writeProblems },
      },
    },
    async (request, reply) => {
      const citizen = await createCitizen(app.ctx, requireAgent(request), request.body);
      return reply.status(201).send(citizen);
    },
  );

  app.post(
    '/backoffice/contacts',
    {
      schema: {
        tags,
        summary: 'Record an informational contact (no follow-up) with its unit cost',
        security: writeSecurity,
        body: RecordContactBody,
        response: { 201: RecordedContact, ...readProblems },
      },
    },
    async (request, reply) => {
      const recorded = await recordContact(app.ctx, requireAgent(request), request.body);
      return reply.status(201).send(recorded);
    },
  );

  app.get(
    '/backoffice/contacts',
    {
      schema: {
        tags,
        summary: 'The town’s informational contacts in a period, newest first',
        security: readSecurity,
        querystring: ContactListQuery,
        response: { 200: ContactPage, ...readProblems },
      },
    },
    async (request) => listContacts(app.ctx, requireAgent(request), request.query),
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
    async (request) => listActiveDepartments(app.ctx, requireAgent(request)),
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
    async (request) => listAssignees(app.ctx, requireAgent(request), request.query.departmentId),
  );
};
