import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { realtimeChannels } from '../../platform/events/channels';
import { openEventStream } from '../../platform/events/event-stream';
import { readSecurity, writeSecurity } from '../../platform/http/openapi-security';
import { ProblemSchema } from '../../platform/http/problem.schemas';
import { principalOf } from '../../platform/http/request-context';
import {
  CitizenMessageBody,
  IdParams,
  RequestDetail,
  RequestSummary,
  Status,
  tags,
  TrackingParams,
  TrackingView,
} from './requests.schemas';
import { addCitizenMessage } from './use-cases/add-citizen-message';
import { getOwnRequest } from './use-cases/get-own-request';
import { getRequestByTrackingInput, getTracking } from './use-cases/get-tracking';
import { listOwnRequests } from './use-cases/list-own-requests';

const problems = { 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };

/** The citizen's own requests and the public tracking page. */
export const requestsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/requests',
    {
      schema: {
        tags,
        summary: 'The logged-in citizen’s own requests, newest first',
        security: readSecurity,
        response: { 200: Type.Array(RequestSummary), 401: ProblemSchema },
      },
    },
    async (request) => {
      return listOwnRequests(app.ctx, principalOf(request));
    },
  );

  app.get(
    '/requests/:id',
    {
      schema: {
        tags,
        summary: 'One of the logged-in citizen’s requests with its public timeline',
        security: readSecurity,
        params: IdParams,
        response: { 200: RequestDetail, 401: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      return getOwnRequest(app.ctx, principalOf(request), request.params.id);
    },
  );

  app.post(
    '/requests/:id/messages',
    {
      schema: {
        tags,
        summary: 'Write to the town about one’s own request (reopens an answered one)',
        security: writeSecurity,
        params: IdParams,
        body: CitizenMessageBody,
        response: { 201: Type.Object({ id: Type.String(), status: Status }), ...problems },
      },
    },
    async (request, reply) => {
      const result = await addCitizenMessage(app.ctx, principalOf(request), {
        requestId: request.params.id,
        body: request.body.body,
      });
      return reply.status(201).send({ id: result.messageId, status: result.request.status });
    },
  );

  app.get(
    '/track/:trackingCode',
    {
      schema: {
        tags,
        summary: 'Public tracking of a request by its code (no personal data)',
        params: TrackingParams,
        response: { 200: TrackingView, 404: ProblemSchema },
      },
    },
    async (request) => getTracking(app.ctx, principalOf(request), request.params.trackingCode),
  );

  app.get(
    '/track/:trackingCode/events',
    {
      schema: {
        tags,
        summary: 'Live updates of the public tracking page (text/event-stream)',
        description: 'Each message is a `request.updated` event; reload the tracking view to see the change.',
        params: TrackingParams,
        response: {
          200: {
            description: 'A stream of events that stays open',
            content: { 'text/event-stream': { schema: Type.String() } },
          },
          404: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const tracked = await getRequestByTrackingInput(
        app.ctx.db,
        request.tenant.id,
        request.params.trackingCode,
      );
      openEventStream(
        request,
        reply,
        [realtimeChannels.tracking(request.tenant.id, tracked.trackingCode)],
        app.ctx.bus,
      );
      return reply;
    },
  );
};
