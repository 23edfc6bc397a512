import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client';
import { portalNotifications } from '../messaging.tables';

export type PortalNotification = typeof portalNotifications.$inferSelect;

/** Whose notifications: one account of one town. */
export interface NotificationOwner {
  tenantId: string;
  userId: string;
}

function ownedBy(owner: NotificationOwner) {
  return and(eq(portalNotifications.tenantId, owner.tenantId), eq(portalNotifications.userId, owner.userId));
}

/** One of the owner's notifications, or undefined (someone else's is as missing as an unknown id). */
export async function findNotification(
  db: DbOrTx,
  owner: NotificationOwner,
  id: string,
): Promise<PortalNotification | undefined> {
  const [row] = await db
    .select()
    .from(portalNotifications)
    .where(and(ownedBy(owner), eq(portalNotifications.id, id)))
    .limit(1);
  return row;
}

/**
 * The owner's notifications, newest first, `limit` of them; with `before` (a notification of
 * theirs), only those older than it. Ties on the creation time are broken by id, and the cursor
 * is compared in SQL so the database's microseconds are not rounded by a JavaScript Date.
 */
export function findNotifications(
  db: DbOrTx,
  owner: NotificationOwner,
  page: { limit: number; before?: string },
): Promise<PortalNotification[]> {
  const olderThanCursor = page.before
    ? sql`(${portalNotifications.createdAt}, ${portalNotifications.id}) < (
        select seen.created_at, seen.id from portal_notifications seen where seen.id = ${page.before}
      )`
    : undefined;
  return db
    .select()
    .from(portalNotifications)
    .where(and(ownedBy(owner), olderThanCursor))
    .orderBy(desc(portalNotifications.createdAt), desc(portalNotifications.id))
    .limit(page.limit);
}

export async function countUnreadNotifications(db: DbOrTx, owner: NotificationOwner): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(portalNotifications)
    .where(and(ownedBy(owner), isNull(portalNotifications.readAt)));
  return row?.value ?? 0;
}

/** Sets `readAt` on one unread notification; undefined when it is not the owner's or already read. */
export async function setNotificationRead(
  db: DbOrTx,
  owner: NotificationOwner,
  id: string,
  readAt: Date,
): Promise<PortalNotification | undefined> {
  const [row] = await db
    .update(portalNotifications)
    .set({ readAt })
    .where(and(ownedBy(owner), eq(portalNotifications.id, id), isNull(portalNotifications.readAt)))
    .returning();
  return row;
}

/** Sets `readAt` on every unread notification of the owner; returns how many changed. */
export async function setAllNotificationsRead(
  db: DbOrTx,
  owner: NotificationOwner,
  readAt: Date,
): Promise<number> {
  const rows = await db
    .update(portalNotifications)
    .set({ readAt })
    .where(and(ownedBy(owner), isNull(portalNotifications.readAt)))
    .returning({ id: portalNotifications.id });
  return rows.length;
}
