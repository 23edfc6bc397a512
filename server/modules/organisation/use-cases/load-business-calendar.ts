import type { DbOrTx } from '../../../platform/db/client';
import { type BusinessCalendar, createBusinessCalendar } from '../business-calendar';
import { findCalendarClosures } from '../calendar-closures.repository';
import { AppError } from '../../../platform/http/app-error';
import { findTenantById } from '../tenants.repository';

/**
 * The tenant's business calendar: its region's public holidays (from the INSEE code) and its
 * closures from `fromDay` on (all of them when unset).
 */
export async function loadBusinessCalendar(
  db: DbOrTx,
  tenantId: string,
  options: { fromDay?: string } = {},
): Promise<BusinessCalendar> {
  const tenant = await findTenantById(db, tenantId);
  if (!tenant) throw new AppError('TENANT_NOT_FOUND', 'No town is served at this address.');
  const closures = await findCalendarClosures(db, tenantId, { from: options.fromDay });
  return createBusinessCalendar({
    inseeCode: tenant.inseeCode,
    closedDays: closures.map((closure) => closure.day),
  });
}
