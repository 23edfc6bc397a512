import { type Static, Type } from 'typebox';
import { subjectOf, toSubjectView } from '../subjects';
import { SubjectViewSchema } from '../subjects.schemas';
import type { PortalNotification } from './notifications.repository';

export const notificationTags = ['portal', 'messaging'];

/** Page size of the list when the client does not say. */
export const defaultNotificationPageSize = 20;

export const NotificationSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    title: Type.String(),
    body: Type.String(),
    about: SubjectViewSchema,
    readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description: 'When the citizen marked it as read; null while unread',
    }),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'PortalNotification' },
);
export type NotificationView = Static<typeof NotificationSchema>;

export const NotificationListQuerySchema = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: defaultNotificationPageSize }),
  before: Type.Optional(
    Type.String({
      format: 'uuid',
      description:
        'The id of the last notification already shown: the page holds the ones older than it (newest first).',
    }),
  ),
});

export const NotificationListSchema = Type.Object({
  items: Type.Array(NotificationSchema),
  unread: Type.Integer({ minimum: 0, description: 'How many of all my notifications are unread' }),
  hasMore: Type.Boolean({ description: 'Older notifications follow: ask again with before = the last id' }),
});

export const UnreadCountSchema = Type.Object({ unread: Type.Integer({ minimum: 0 }) });

export const MarkAllReadSchema = Type.Object({
  marked: Type.Integer({ minimum: 0, description: 'How many unread notifications were marked as read' }),
});

export const NotificationParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) });

export function toNotificationView(row: PortalNotification): NotificationView {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    about: toSubjectView(subjectOf(row)),
    readAt: row.readAt ? row.readAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
  };
}
