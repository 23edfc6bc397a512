import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { writeSecurity } from '../../../platform/http/openapi-security';
import { ProblemSchema } from '../../../platform/http/problem.schemas';
import { principalOf } from '../../../platform/http/request-context';
import { Nullable } from '../../../platform/http/nullable';
import { IdParams, tags, TrackingParams } from '../requests.schemas';
import { giveSatisfaction, satisfactionCommentMaxLength } from './satisfaction';

export const SatisfactionBody = Type.Object(
  {
    rating: Type.Integer({
      minimum: 1,
      maximum: 5,
      description: '1 = very dissatisfied … 5 = very satisfied',
    }),
    comment: Type.Optional(Type.String({ maxLength: satisfactionCommentMaxLength })),
  },
  { additionalProperties: false },
);

export const SatisfactionResult = Type.Object({
  rating: Type.Integer({ minimum: 1, maximum: 5 }),
  comment: Nullable(Type.String()),
});

const problems = { 400: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const description =
  'Only once the request is closed (409 SATISFACTION_NOT_OPEN before) and only once ' +
  '(409 SATISFACTION_ALREADY_GIVEN).';

/** The satisfaction survey offered when a request closes. */
export const satisfactionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/requests/:id/satisfaction',
    {
      schema: {
        tags,
        summary: 'Rate one’s own closed request (1 to 5, optional comment)',
        description,
        security: writeSecurity,
        params: IdParams,
        body: SatisfactionBody,
        response: { 201: SatisfactionResult, 401: ProblemSchema, ...problems },
      },
    },
    async (request, reply) => {
      const given = await giveSatisfaction(app.ctx, principalOf(request), {
        target: { kind: 'own', requestId: request.params.id },
        ...request.body,
      });
      return reply.status(201).send(given);
    },
  );

  app.post(
    '/track/:trackingCode/satisfaction',
    {
      schema: {
        tags,
        summary: 'Rate a closed request with its tracking code (no account needed)',
        description,
        params: TrackingParams,
        body: SatisfactionBody,
        response: { 201: SatisfactionResult, ...problems },
      },
    },
    async (request, reply) => {
      const given = await giveSatisfaction(app.ctx, principalOf(request), {
        target: { kind: 'tracking', trackingCode: request.params.trackingCode },
        ...request.body,
      });
      return reply.status(201).send(given);
    },
  );
};
