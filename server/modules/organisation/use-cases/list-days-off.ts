import type { DbOrTx } from '../../../platform/db/client';
import { listPublicHolidays } from '../business-calendar';
import { listCalendarClosures } from './list-calendar-closures';
import { loadBusinessCalendar } from './load-business-calendar';

export interface DayOff {
  day: string;
  label: string;
  kind: 'holiday' | 'closure';
}

/** Public holidays and town closures of `year`, in date order (weekends aside). */
export async function listDaysOff(db: DbOrTx, tenantId: string, year: number): Promise<DayOff[]> {
  const calendar = await loadBusinessCalendar(db, tenantId, { fromDay: `${year}-01-01` });
  const holidays = listPublicHolidays(year, { isAlsaceMoselle: calendar.isAlsaceMoselle }).map(
    (holiday): DayOff => ({ ...holiday, kind: 'holiday' }),
  );
  const closures = (await listCalendarClosures(db, tenantId, { year })).map((closure): DayOff => ({
    day: closure.day,
    label: closure.label,
    kind: 'closure',
  }));
  return [...holidays, ...closures].sort((left, right) => left.day.localeCompare(right.day));
}
