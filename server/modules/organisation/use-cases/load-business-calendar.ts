import type { DbOrTx } from '../../../platform/db/client';
import { type BusinessCalendar, createBusinessCalendar } from '../business-calendar';
import { findCalendarClosures } from '../calendar-closures.repository';
import { getTenant } from './get-tenant';

/**
 * The tenant's business calendar: its region's public holidays (from the INSEE code) and its
 * closures from `fromDay` on (all of them when unset).
 */
export async function loadBusinessCalendar(
  db: DbOrTx,
  tenantId: string,
  options: { fromDay?: string } = {},
): Promise<BusinessCalendar> {
  const tenant = await getTenant(db, tenantId);
  const closures = await findCalendarClosures(db, tenantId, { from: options.fromDay });
  return createBusinessCalendar({
    inseeCode: tenant.inseeCode,
    closedDays: closures.map((closure) => closure.day),
  });
}
