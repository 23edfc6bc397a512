import type { AppContext } from '../../../app-context';
import type { DbOrTx } from '../../../platform/db/client';
import { invalidField } from '../../../platform/http/app-error';
import {
  addBusinessDays,
  BeyondCalendarError,
  computeDueDate,
  isCalendarDay,
  parisDayOf,
  type DueDate,
} from '../business-calendar';
import { loadBusinessCalendar } from './load-business-calendar';
import type { Principal } from '../../../platform/auth/principal';

/** The day `days` business days after `from` (today in Paris when unset), on the tenant's calendar. */
export async function computeDueDay(
  deps: Pick<AppContext, 'db' | 'clock'>,
  principal: Principal,
  input: { from?: string; days: number },
): Promise<string> {
  const { tenantId } = principal;
  const from = input.from ?? parisDayOf(deps.clock.now());
  if (!isCalendarDay(from)) throw invalidField('from', 'must be a calendar day YYYY-MM-DD');
  const calendar = await loadBusinessCalendar(deps.db, tenantId, { fromDay: from });
  try {
    return addBusinessDays(from, input.days, calendar);
  } catch (error) {
    if (error instanceof BeyondCalendarError) {
      throw invalidField('days', 'l’échéance tomberait après le 31 décembre 9999');
    }
    throw error;
  }
}

/**
 * When a request received at `receivedAt` with a deadline of `businessDays` falls due: the due
 * day and the end of that day, Paris time. For the requests module (pass its transaction).
 */
export async function computeTenantDueDate(
  db: DbOrTx,
  tenantId: string,
  receivedAt: Date,
  businessDays: number,
): Promise<DueDate> {
  const calendar = await loadBusinessCalendar(db, tenantId, { fromDay: parisDayOf(receivedAt) });
  return computeDueDate(receivedAt, businessDays, calendar);
}
