import type { AppContext } from '../../../app-context';
import { AppError, invalidField } from '../../../platform/http/app-error';
import { isCalendarDay } from '../business-calendar';
import {
  findCalendarClosureByDay,
  insertCalendarClosure,
  type CalendarClosure,
} from '../calendar-closures.repository';
import { isUniqueViolation } from '../../../platform/db/database-errors';
import { requireText } from '../input-rules';
import type { Principal } from '../../../platform/auth/principal';

function closureTaken(day: string): AppError {
  return new AppError('CALENDAR_CLOSURE_TAKEN', `The town is already closed on ${day}.`, {
    errors: [{ field: 'day', message: 'already has a closure' }],
  });
}

/** An administrator closes the town for a day (pont, exceptional closure): deadlines skip it. */
export async function addCalendarClosure(
  deps: Pick<AppContext, 'db'>,
  principal: Principal,
  input: { day: string; label: string },
): Promise<CalendarClosure> {
  const { tenantId } = principal;
  if (!isCalendarDay(input.day)) throw invalidField('day', 'must be a calendar day YYYY-MM-DD');
  const label = requireText('label', input.label);
  return deps.db
    .transaction(async (tx) => {
      if (await findCalendarClosureByDay(tx, tenantId, input.day)) throw closureTaken(input.day);
      return insertCalendarClosure(tx, tenantId, { day: input.day, label });
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error, 'calendar_closures_tenant_day_key')) throw closureTaken(input.day);
      throw error;
    });
}
