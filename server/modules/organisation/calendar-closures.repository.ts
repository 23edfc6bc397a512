import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import { calendarClosures } from './organisation.tables';

export type CalendarClosure = typeof calendarClosures.$inferSelect;

/** The tenant's closures, in date order, optionally between two days (inclusive). */
export async function findCalendarClosures(
  db: DbOrTx,
  tenantId: string,
  range: { from?: string; to?: string } = {},
): Promise<CalendarClosure[]> {
  const conditions = [eq(calendarClosures.tenantId, tenantId)];
  if (range.from) conditions.push(gte(calendarClosures.day, range.from));
  if (range.to) conditions.push(lte(calendarClosures.day, range.to));
  return db
    .select()
    .from(calendarClosures)
    .where(and(...conditions))
    .orderBy(asc(calendarClosures.day));
}

export async function findCalendarClosureByDay(
  db: DbOrTx,
  tenantId: string,
  day: string,
): Promise<CalendarClosure | undefined> {
  const [closure] = await db
    .select()
    .from(calendarClosures)
    .where(and(eq(calendarClosures.tenantId, tenantId), eq(calendarClosures.day, day)))
    .limit(1);
  return closure;
}

export async function insertCalendarClosure(
  db: DbOrTx,
  tenantId: string,
  fields: { day: string; label: string },
): Promise<CalendarClosure> {
  const [closure] = await db
    .insert(calendarClosures)
    .values({ ...fields, tenantId })
    .returning();
  return closure!;
}

/** Deletes the closure; returns whether it existed in this tenant. */
export async function deleteCalendarClosure(db: DbOrTx, tenantId: string, id: string): Promise<boolean> {
  const deleted = await db
    .delete(calendarClosures)
    .where(and(eq(calendarClosures.tenantId, tenantId), eq(calendarClosures.id, id)))
    .returning({ id: calendarClosures.id });
  return deleted.length > 0;
}
