import type { AppContext } from '../../../app-context';
import { listPublicHolidays } from '../business-calendar';
import { listCalendarClosures } from './list-calendar-closures';
import { loadBusinessCalendar } from './load-business-calendar';
import type { Principal } from '../../../platform/auth/principal';

export interface DayOff {
  day: string;
  label: string;
  kind: 'holiday' | 'closure';
}

/** Public holidays and town closures of `year`, in date order (weekends aside). */
export async function listDaysOff(
  ctx: Pick<AppContext, 'db'>,
  principal: Principal,
  year: number,
): Promise<DayOff[]> {
  const { tenantId } = principal;
  const { db } = ctx;
  const calendar = await loadBusinessCalendar(db, tenantId, { fromDay: `${year}-01-01` });
  const holidays = listPublicHolidays(year, { isAlsaceMoselle: calendar.isAlsaceMoselle }).map(
    (holiday): DayOff => ({ ...holiday, kind: 'holiday' }),
  );
  const closures = (await listCalendarClosures(ctx, principal, { year })).map((closure): DayOff => ({
    day: closure.day,
    label: closure.label,
    kind: 'closure',
  }));
  return [...holidays, ...closures].sort((left, right) => left.day.localeCompare(right.day));
}
