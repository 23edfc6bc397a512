import type { DbOrTx } from '../../../platform/db/client';
import { type CalendarClosure, findCalendarClosures } from '../calendar-closures.repository';

/** The days the town closed, of one year or all of them, in date order. */
export async function listCalendarClosures(
  db: DbOrTx,
  tenantId: string,
  options: { year?: number } = {},
): Promise<CalendarClosure[]> {
  if (options.year === undefined) return findCalendarClosures(db, tenantId);
  return findCalendarClosures(db, tenantId, { from: `${options.year}-01-01`, to: `${options.year}-12-31` });
}
