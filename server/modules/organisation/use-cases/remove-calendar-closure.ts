import type { AppContext } from '../../../app-context';
import { AppError } from '../../../platform/http/app-error';
import { deleteCalendarClosure } from '../calendar-closures.repository';
import type { Principal } from '../../../platform/auth/principal';

/** An administrator reopens a day the town had closed. */
export async function removeCalendarClosure(
  deps: Pick<AppContext, 'db'>,
  principal: Principal,
  id: string,
): Promise<void> {
  const { tenantId } = principal;
  const deleted = await deleteCalendarClosure(deps.db, tenantId, id);
  if (!deleted) throw new AppError('CALENDAR_CLOSURE_NOT_FOUND', 'No such closure in this town.');
}
