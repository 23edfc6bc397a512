import { addCalendarDays, easterSunday, isWeekend } from '../modules/organisation';

/**
 * The town's "ponts" of a year: the Friday after Ascension, and the Monday before or Friday after
 * a Tuesday or Thursday holiday (14 July, 15 August, 1 and 11 November).
 */
export function listDemoClosures(year: number): { day: string; label: string }[] {
  const closures = [{ day: addCalendarDays(easterSunday(year), 40), label: 'Pont de l’Ascension' }];
  const bridged: [string, string][] = [
    ['07-14', 'Pont du 14 juillet'],
    ['08-15', 'Pont de l’Assomption'],
    ['11-01', 'Pont de la Toussaint'],
    ['11-11', 'Pont du 11 novembre'],
  ];
  for (const [monthDay, label] of bridged) {
    const holiday = `${year}-${monthDay}`;
    const before = addCalendarDays(holiday, -1);
    const after = addCalendarDays(holiday, 1);
    // Tuesday holiday: its Monday is between a weekend and the holiday; Thursday: its Friday.
    if (isWeekend(addCalendarDays(holiday, -2)) && !isWeekend(before)) closures.push({ day: before, label });
    else if (isWeekend(addCalendarDays(holiday, 2)) && !isWeekend(after))
      closures.push({ day: after, label });
  }
  return closures.sort((left, right) => left.day.localeCompare(right.day));
}
