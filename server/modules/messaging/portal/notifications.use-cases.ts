import type { AppContext } from '../../../app-context';
import { requireSignedIn, type Principal } from '../../../platform/auth/principal';
import { realtimeChannels } from '../../../platform/events/channels';
import { AppError } from '../../../platform/http/app-error';
import {
  countUnreadNotifications,
  findNotification,
  findNotifications,
  setAllNotificationsRead,
  setNotificationRead,
  type NotificationOwner,
  type PortalNotification,
} from './notifications.repository';

/** Published on the account's channel when notifications are read, so its other tabs follow. */
export const notificationReadEventType = 'notification.read';

function notificationNotFound(): AppError {
  return new AppError('NOTIFICATION_NOT_FOUND', 'No such notification.');
}

/** Whose notifications: the logged-in account's (401 for nobody). */
function ownerOf(principal: Principal): NotificationOwner {
  return { tenantId: principal.tenantId, userId: requireSignedIn(principal).id };
}

/**
 * One page of the owner's notifications, newest first, and how many of all of them are unread.
 * `before` must be one of the owner's notifications (the last one the client shows).
 */
export async function listNotifications(
  ctx: Pick<AppContext, 'db'>,
  principal: Principal,
  page: { limit: number; before?: string },
): Promise<{ items: PortalNotification[]; unread: number; hasMore: boolean }> {
  const owner = ownerOf(principal);
  if (page.before && !(await findNotification(ctx.db, owner, page.before))) throw notificationNotFound();
  // One more row than asked tells whether an older page exists.
  const rows = await findNotifications(ctx.db, owner, { limit: page.limit + 1, before: page.before });
  const unread = await countUnreadNotifications(ctx.db, owner);
  return { items: rows.slice(0, page.limit), unread, hasMore: rows.length > page.limit };
}

/** How many of the owner's notifications are unread (the badge in the portal's header). */
export function countUnread(ctx: Pick<AppContext, 'db'>, principal: Principal): Promise<number> {
  return countUnreadNotifications(ctx.db, ownerOf(principal));
}

/** Marks one of the owner's notifications as read (idempotent: a read one is returned as it is). */
export async function markNotificationRead(
  ctx: Pick<AppContext, 'db' | 'clock' | 'bus'>,
  principal: Principal,
  id: string,
): Promise<PortalNotification> {
  const owner = ownerOf(principal);
  const updated = await setNotificationRead(ctx.db, owner, id, ctx.clock.now());
  if (!updated) {
    const existing = await findNotification(ctx.db, owner, id);
    if (!existing) throw notificationNotFound();
    return existing;
  }
  await ctx.bus.publish({
    channel: realtimeChannels.user(owner.userId),
    type: notificationReadEventType,
    data: { id, readAt: updated.readAt!.toISOString() },
  });
  return updated;
}

/** Marks every unread notification of the owner as read; returns how many were. */
export async function markAllNotificationsRead(
  ctx: Pick<AppContext, 'db' | 'clock' | 'bus'>,
  principal: Principal,
): Promise<number> {
  const owner = ownerOf(principal);
  const readAt = ctx.clock.now();
  const marked = await setAllNotificationsRead(ctx.db, owner, readAt);
  if (marked > 0) {
    await ctx.bus.publish({
      channel: realtimeChannels.user(owner.userId),
      type: notificationReadEventType,
      data: { all: true, readAt: readAt.toISOString() },
    });
  }
  return marked;
}
