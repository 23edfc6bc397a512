import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { outboundMessagesRoutes } from './admin/messages.routes';
import { notificationsRoutes } from './portal/notifications.routes';
import { messageTemplatesRoutes } from './templates/templates.routes';

/** The outbound pipeline's routes: templates and messages (admin), portal notifications. */
export const messagingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(messageTemplatesRoutes);
  await app.register(outboundMessagesRoutes);
  await app.register(notificationsRoutes);
};
