import type { AppContext } from '../../../app-context';
import { type CalendarClosure, findCalendarClosures } from '../calendar-closures.repository';
import type { Principal } from '../../../platform/auth/principal';

/** The days the town closed, of one year or all of them, in date order. */
export async function listCalendarClosures(
  ctx: Pick<AppContext, 'db'>,
  principal: Principal,
  options: { year?: number } = {},
): Promise<CalendarClosure[]> {
  const { tenantId } = principal;
  const { db } = ctx;
  if (options.year === undefined) return findCalendarClosures(db, tenantId);
  return findCalendarClosures(db, tenantId, { from: `${options.year}-01-01`, to: `${options.year}-12-31` });
}
