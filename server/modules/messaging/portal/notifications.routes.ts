import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { Type } from 'typebox';
import { AppError } from '../../../platform/http/app-error';
import { readSecurity, writeSecurity } from '../../../platform/http/openapi-security';
import { ProblemSchema } from '../../../platform/http/problem.schemas';
import { requireUser } from '../../../platform/http/request-context';
import { portalNotifications } from '../messaging.tables';

const NotificationSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    title: Type.String(),
    body: Type.String(),
    requestId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'PortalNotification' },
);

type NotificationRow = typeof portalNotifications.$inferSelect;

function toView(row: NotificationRow) {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    requestId: row.requestId,
    readAt: row.readAt ? row.readAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The notifications in a citizen's account (the portal channel of the messaging pipeline). */
export const notificationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/notifications',
    {
      schema: {
        tags: ['portal', 'messaging'],
        summary: 'My notifications, newest first (the 50 latest) and how many are unread',
        security: readSecurity,
        response: {
          200: Type.Object({ items: Type.Array(NotificationSchema), unread: Type.Integer() }),
          401: ProblemSchema,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const mine = and(
        eq(portalNotifications.tenantId, request.tenant.id),
        eq(portalNotifications.userId, user.id),
      );
      const rows = await app.ctx.db
        .select()
        .from(portalNotifications)
        .where(mine)
        .orderBy(desc(portalNotifications.createdAt), desc(portalNotifications.id))
        .limit(50);
      const [unread] = await app.ctx.db
        .select({ value: count() })
        .from(portalNotifications)
        .where(and(mine, isNull(portalNotifications.readAt)));
      return { items: rows.map(toView), unread: unread?.value ?? 0 };
    },
  );

  app.post(
    '/notifications/:id/read',
    {
      schema: {
        tags: ['portal', 'messaging'],
        summary: 'Mark one of my notifications as read',
        security: writeSecurity,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: {
          200: NotificationSchema,
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          404: ProblemSchema,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const mine = and(
        eq(portalNotifications.tenantId, request.tenant.id),
        eq(portalNotifications.userId, user.id),
        eq(portalNotifications.id, request.params.id),
      );
      const [existing] = await app.ctx.db.select().from(portalNotifications).where(mine).limit(1);
      if (!existing) throw new AppError('NOTIFICATION_NOT_FOUND', 'No such notification.');
      if (existing.readAt) return toView(existing);
      const [updated] = await app.ctx.db
        .update(portalNotifications)
        .set({ readAt: app.ctx.clock.now() })
        .where(mine)
        .returning();
      return toView(updated!);
    },
  );
};
