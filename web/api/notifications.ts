/** The citizen's notifications (the portal channel of the messaging pipeline): shapes and calls. */
import { api, withQuery } from './client';

export interface PortalNotification {
  id: string;
  title: string;
  body: string;
  /** The citizen's request it is about (its page is `/mes-demandes/:id`), if any. */
  requestId: string | null;
  /** When it was marked as read; null while unread. */
  readAt: string | null;
  createdAt: string;
}

export interface NotificationPage {
  /** Newest first. */
  items: PortalNotification[];
  /** How many of all the account's notifications are unread. */
  unread: number;
  /** Older notifications follow: ask again with `before` = the last id. */
  hasMore: boolean;
}

/** `notification.read` on the account's event stream: one notification, or all of them at once. */
export type NotificationReadEvent = { id: string; readAt: string } | { all: true; readAt: string };

export const notificationPageSize = 20;

export function fetchNotifications(before?: string, limit = notificationPageSize): Promise<NotificationPage> {
  return api.get<NotificationPage>(withQuery('/notifications', { limit, before }));
}

export async function fetchUnreadNotificationCount(): Promise<number> {
  return (await api.get<{ unread: number }>('/notifications/unread-count')).unread;
}

export function markNotificationRead(id: string): Promise<PortalNotification> {
  return api.post<PortalNotification>(`/notifications/${encodeURIComponent(id)}/read`);
}

/** Returns how many notifications were unread and are now read. */
export async function markAllNotificationsRead(): Promise<number> {
  return (await api.post<{ marked: number }>('/notifications/read-all')).marked;
}
