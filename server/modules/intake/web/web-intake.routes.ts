import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { citizenOf } from '../../../platform/auth/principal';
import { ProblemSchema } from '../../../platform/http/problem.schemas';
import { principalOf } from '../../../platform/http/request-context';
import { submitRequest, SubmitRequestBody, SubmittedRequestSchema } from '../../requests';

/** Intake from the portal's form and from integrators' programs (API). */
export const webIntakeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/requests',
    {
      schema: {
        tags: ['requests'],
        summary: 'File a request (anonymous with a contact, or as the logged-in citizen)',
        description:
          'Without a session, `contact` is required with a name and an e-mail or a phone number. ' +
          'The acknowledgement of receipt is e-mailed when an address is known.',
        body: SubmitRequestBody,
        response: { 201: SubmittedRequestSchema, 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const submitted = await submitRequest(app.ctx, principal, {
        channel: 'web',
        citizen: citizenOf(principal),
        ...request.body,
      });
      return reply.status(201).send({ ...submitted, dueAt: submitted.dueAt?.toISOString() ?? null });
    },
  );
};
