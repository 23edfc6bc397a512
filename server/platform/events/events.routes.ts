import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { readSecurity } from '../http/openapi-security';
import { ProblemSchema } from '../http/problem.schemas';
import { requireUser } from '../http/request-context';
import { realtimeChannels } from './channels';
import { closeEventStreams, openEventStream } from './event-stream';

/** Server-Sent Events for browsers: what happens to the logged-in account, live. */
export const eventsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preClose', async () => closeEventStreams(app.ctx.bus));

  app.get(
    '/events',
    {
      schema: {
        tags: ['realtime'],
        summary: 'Live events for the logged-in account (text/event-stream)',
        description:
          'Channels: user:<id>; agents also receive tenant:<tenantId>:agents. Each message has ' +
          'id, event (the type) and data: the JSON of {id, channel, type, data}.',
        security: readSecurity,
        response: {
          200: {
            description: 'A stream of events that stays open',
            content: { 'text/event-stream': { schema: Type.String() } },
          },
          401: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const channels = [realtimeChannels.user(user.id)];
      if (user.kind === 'agent') channels.push(realtimeChannels.tenantAgents(user.tenantId));
      openEventStream(request, reply, channels, app.ctx.bus);
      return reply;
    },
  );
};
