import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { readSecurity, writeSecurity } from '../../../platform/http/openapi-security';
import { ProblemSchema } from '../../../platform/http/problem.schemas';
import { principalOf } from '../../../platform/http/request-context';
import { createCitizen } from './create-citizen';
import {
  CitizenItem,
  CitizenSearchQuery,
  ContactListQuery,
  ContactPage,
  CreateCitizenBody,
  DeskIntakeBody,
  DeskIntakeResult,
  RecordContactBody,
  RecordedContact,
  tags,
} from './desk.schemas';
import { fileDeskRequest } from './file-desk-request';
import { listContacts } from './list-contacts';
import { recordContact } from './record-contact';
import { searchCitizens } from './search-citizens';

const readProblems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };
const writeProblems = { ...readProblems, 409: ProblemSchema };

/** Desk intake: requests and informational contacts recorded by agents, and the citizens they are for. */
export const deskRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
      const submitted = await fileDeskRequest(app.ctx, principalOf(request), request.body);
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
    async (request) => searchCitizens(app.ctx, principalOf(request), request.query.q),
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
      const citizen = await createCitizen(app.ctx, principalOf(request), request.body);
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
      const recorded = await recordContact(app.ctx, principalOf(request), request.body);
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
    async (request) => listContacts(app.ctx, principalOf(request), request.query),
  );
};
