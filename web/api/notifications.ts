/** The citizen's notifications (the portal channel of the messaging pipeline): shapes and calls. */
import { api, type ApiResponse } from './client';
import type { components } from './openapi';

export type PortalNotification = components['schemas']['PortalNotification'];

/** Newest first; `hasMore`: older notifications follow (ask again with `before` = the last id). */
export type NotificationPage = ApiResponse<'/notifications'>;

/** `notification.read` on the account's event stream: one notification, or all of them at once. */
export type NotificationReadEvent = { id: string; readAt: string } | { all: true; readAt: string };

export const notificationPageSize = 20;

export function fetchNotifications(before?: string, limit = notificationPageSize): Promise<NotificationPage> {
  return api.get('/notifications', { params: { query: { limit, before } } });
}

export async function fetchUnreadNotificationCount(): Promise<number> {
  return (await api.get('/notifications/unread-count')).unread;
}

export function markNotificationRead(id: string): Promise<PortalNotification> {
  return api.post('/notifications/{id}/read', { params: { path: { id } } });
}

/** Returns how many notifications were unread and are now read. */
export async function markAllNotificationsRead(): Promise<number> {
  return (await api.post('/notifications/read-all')).marked;
}

/** The citizen's request a notification is about, if it is about one (« Voir la demande »). */
export function requestIdOf(notification: Pick<PortalNotification, 'about'>): string | null {
  return notification.about?.type === 'request' ? notification.about.id : null;
}
