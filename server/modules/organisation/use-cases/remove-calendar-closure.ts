import type { AppContext } from '../../../app-context';
import { AppError } from '../../../platform/http/app-error';
import { deleteCalendarClosure } from '../calendar-closures.repository';

/** An administrator reopens a day the town had closed. */
export async function removeCalendarClosure(
  deps: Pick<AppContext, 'db'>,
  tenantId: string,
  id: string,
): Promise<void> {
  const deleted = await deleteCalendarClosure(deps.db, tenantId, id);
  if (!deleted) throw new AppError('CALENDAR_CLOSURE_NOT_FOUND', 'No such closure in this town.');
}
