import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readSecurity, writeSecurity } from '../../../platform/http/openapi-security';
import { ProblemSchema } from '../../../platform/http/problem.schemas';
import { principalOf } from '../../../platform/http/request-context';
import {
  MarkAllReadSchema,
  NotificationListQuerySchema,
  NotificationListSchema,
  NotificationParamsSchema,
  NotificationSchema,
  notificationTags,
  toNotificationView,
  UnreadCountSchema,
} from './notifications.schemas';
import {
  countUnread,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from './notifications.use-cases';

/** The logged-in account's own notifications in its own town: nobody reads anyone else's. */

const realtimeNote =
  'Live: `notification.created` ({id}) and `notification.read` ({id, readAt} or {all: true, readAt}) ' +
  'arrive on the account’s event stream (GET /api/v1/events).';

/** The notifications in a citizen's account (the portal channel of the messaging pipeline). */
export const notificationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/notifications',
    {
      schema: {
        tags: notificationTags,
        summary: 'My notifications, newest first, a page at a time, and how many are unread',
        description: `Page with \`limit\` and \`before\` (the last id shown). ${realtimeNote}`,
        security: readSecurity,
        querystring: NotificationListQuerySchema,
        response: { 200: NotificationListSchema, 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const page = await listNotifications(app.ctx, principalOf(request), request.query);
      return { ...page, items: page.items.map(toNotificationView) };
    },
  );

  app.get(
    '/notifications/unread-count',
    {
      schema: {
        tags: notificationTags,
        summary: 'How many of my notifications are unread',
        security: readSecurity,
        response: { 200: UnreadCountSchema, 401: ProblemSchema },
      },
    },
    async (request) => ({ unread: await countUnread(app.ctx, principalOf(request)) }),
  );

  app.post(
    '/notifications/read-all',
    {
      schema: {
        tags: notificationTags,
        summary: 'Mark all my notifications as read',
        security: writeSecurity,
        response: { 200: MarkAllReadSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request) => ({ marked: await markAllNotificationsRead(app.ctx, principalOf(request)) }),
  );

  app.post(
    '/notifications/:id/read',
    {
      schema: {
        tags: notificationTags,
        summary: 'Mark one of my notifications as read',
        description: 'Idempotent: a notification already read keeps its first `readAt`.',
        security: writeSecurity,
        params: NotificationParamsSchema,
        response: {
          200: NotificationSchema,
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          404: ProblemSchema,
        },
      },
    },
    async (request) =>
      toNotificationView(await markNotificationRead(app.ctx, principalOf(request), request.params.id)),
  );
};
