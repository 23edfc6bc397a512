import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addCalendarDays,
  computeDueDate,
  createBusinessCalendar,
  easterSunday,
  isAlsaceMoselleInseeCode,
  isBusinessDay,
  isCalendarDay,
  listPublicHolidays,
  parisDayOf,
  parisEndOfDay,
  parisStartOfDay,
} from './business-calendar';

const plainTown = createBusinessCalendar({ inseeCode: '75056' });
const strasbourg = createBusinessCalendar({ inseeCode: '67482' });

describe('easterSunday', () => {
  it.each([
    [2008, '2008-03-23'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('finds Easter %i on %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });
});

describe('listPublicHolidays', () => {
  it('lists the eleven national holidays of 2026 with the movable ones', () => {
    expect(listPublicHolidays(2026)).toEqual([
      { day: '2026-01-01', label: 'Jour de l’An' },
      { day: '2026-04-06', label: 'Lundi de Pâques' },
      { day: '2026-05-01', label: 'Fête du Travail' },
      { day: '2026-05-08', label: 'Victoire 1945' },
      { day: '2026-05-14', label: 'Ascension' },
      { day: '2026-05-25', label: 'Lundi de Pentecôte' },
      { day: '2026-07-14', label: 'Fête nationale' },
      { day: '2026-08-15', label: 'Assomption' },
      { day: '2026-11-01', label: 'Toussaint' },
      { day: '2026-11-11', label: 'Armistice 1918' },
      { day: '2026-12-25', label: 'Noël' },
    ]);
  });

  it.each([
    [2024, '2024-04-01', '2024-05-09', '2024-05-20'],
    [2025, '2025-04-21', '2025-05-29', '2025-06-09'],
    [2027, '2027-03-29', '2027-05-06', '2027-05-17'],
  ])('places the movable holidays of %i', (year, easterMonday, ascension, whitMonday) => {
    const days = Object.fromEntries(listPublicHolidays(year).map((holiday) => [holiday.label, holiday.day]));
    expect(days['Lundi de Pâques']).toBe(easterMonday);
    expect(days['Ascension']).toBe(ascension);
    expect(days['Lundi de Pentecôte']).toBe(whitMonday);
  });

  it('adds Vendredi saint and Saint-Étienne in Alsace-Moselle', () => {
    const holidays = listPublicHolidays(2026, { isAlsaceMoselle: true });
    expect(holidays).toHaveLength(13);
    expect(holidays).toContainEqual({ day: '2026-04-03', label: 'Vendredi saint' });
    expect(holidays).toContainEqual({ day: '2026-12-26', label: 'Saint-Étienne' });
    expect(holidays.map((holiday) => holiday.day)).toEqual([...holidays.map((h) => h.day)].sort());
  });

  it('returns copies: changing the result does not change the next answer', () => {
    const first = listPublicHolidays(2030);
    first[0]!.day = '2030-06-06';
    expect(listPublicHolidays(2030)[0]!.day).toBe('2030-01-01');
  });
});

describe('Alsace-Moselle', () => {
  it('recognises Moselle, Bas-Rhin and Haut-Rhin INSEE codes only', () => {
    expect(isAlsaceMoselleInseeCode('57463')).toBe(true);
    expect(isAlsaceMoselleInseeCode('67482')).toBe(true);
    expect(isAlsaceMoselleInseeCode('68224')).toBe(true);
    expect(isAlsaceMoselleInseeCode('75056')).toBe(false);
    expect(isAlsaceMoselleInseeCode('2A004')).toBe(false);
    expect(isAlsaceMoselleInseeCode(null)).toBe(false);
  });

  it('does not count Good Friday and 26 December as business days there', () => {
    expect(isBusinessDay('2026-04-03', strasbourg)).toBe(false);
    expect(isBusinessDay('2026-04-03', plainTown)).toBe(true);
    expect(isBusinessDay('2025-12-26', strasbourg)).toBe(false);
    expect(isBusinessDay('2025-12-26', plainTown)).toBe(true);
  });
});

describe('isBusinessDay', () => {
  it('refuses weekends, holidays and closures', () => {
    expect(isBusinessDay('2026-04-04', plainTown)).toBe(false); // Saturday
    expect(isBusinessDay('2026-04-05', plainTown)).toBe(false); // Easter Sunday
    expect(isBusinessDay('2026-04-06', plainTown)).toBe(false); // lundi de Pâques
    expect(isBusinessDay('2026-04-07', plainTown)).toBe(true);
    const closedTown = createBusinessCalendar({ closedDays: ['2026-04-07'] });
    expect(isBusinessDay('2026-04-07', closedTown)).toBe(false);
  });

  it('rejects a day that does not exist', () => {
    expect(() => isBusinessDay('2026-02-30', plainTown)).toThrow(RangeError);
    expect(() => isBusinessDay('26-02-03', plainTown)).toThrow(RangeError);
  });
});

describe('addBusinessDays', () => {
  it('does not count the start day', () => {
    expect(addBusinessDays('2026-03-02', 1, plainTown)).toBe('2026-03-03'); // Monday → Tuesday
    expect(addBusinessDays('2026-03-06', 1, plainTown)).toBe('2026-03-09'); // Friday → Monday
  });

  it('skips lundi de Pâques after a Saturday: due on Tuesday', () => {
    expect(addBusinessDays('2026-04-04', 1, plainTown)).toBe('2026-04-07');
    expect(addBusinessDays('2024-03-30', 1, plainTown)).toBe('2024-04-02');
    expect(addBusinessDays('2025-04-19', 1, plainTown)).toBe('2025-04-22');
    expect(addBusinessDays('2027-03-27', 1, plainTown)).toBe('2027-03-30');
  });

  it('crosses Easter, Ascension and Pentecost in 2026', () => {
    // From Thursday 2 April: Fri 3, [Easter Monday 6], Tue 7, Wed 8, Thu 9, Fri 10
    expect(addBusinessDays('2026-04-02', 5, plainTown)).toBe('2026-04-10');
    // Alsace-Moselle also loses Good Friday
    expect(addBusinessDays('2026-04-02', 5, strasbourg)).toBe('2026-04-13');
    // From Wednesday 13 May: [Ascension 14], Fri 15, Mon 18
    expect(addBusinessDays('2026-05-13', 2, plainTown)).toBe('2026-05-18');
    // From Friday 22 May: [Whit Monday 25], Tue 26
    expect(addBusinessDays('2026-05-22', 1, plainTown)).toBe('2026-05-26');
  });

  it('crosses the year end, skipping 25 December, 1 January and weekends', () => {
    // Thu 24 Dec 2026: [Fri 25], [Sat 26, Sun 27], Mon 28, Tue 29, Wed 30, Thu 31, [Fri 1 Jan], [2, 3], Mon 4
    expect(addBusinessDays('2026-12-24', 5, plainTown)).toBe('2027-01-04');
    // Alsace-Moselle: 26 Dec 2025 is a Friday and a holiday there
    expect(addBusinessDays('2025-12-24', 2, plainTown)).toBe('2025-12-29');
    expect(addBusinessDays('2025-12-24', 2, strasbourg)).toBe('2025-12-30');
  });

  it('skips the closures set by the town', () => {
    // Friday after Ascension 2026 closed (pont)
    const townWithBridge = createBusinessCalendar({ closedDays: ['2026-05-15'] });
    expect(addBusinessDays('2026-05-13', 2, plainTown)).toBe('2026-05-18');
    expect(addBusinessDays('2026-05-13', 2, townWithBridge)).toBe('2026-05-19');
  });

  it('returns the start day for n = 0, even on a holiday', () => {
    expect(addBusinessDays('2026-12-25', 0, plainTown)).toBe('2026-12-25');
  });

  it('handles large n over several years', () => {
    let day = '2026-12-31';
    let counted = 0;
    while (counted < 500) {
      day = addCalendarDays(day, 1);
      if (isBusinessDay(day, plainTown)) counted += 1;
    }
    expect(addBusinessDays('2026-12-31', 500, plainTown)).toBe(day);
    expect(day.startsWith('2028-')).toBe(true);
    expect(isBusinessDay(addBusinessDays('2026-01-01', 2000, plainTown), plainTown)).toBe(true);
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => addBusinessDays('2026-01-05', -1, plainTown)).toThrow(RangeError);
    expect(() => addBusinessDays('2026-01-05', 1.5, plainTown)).toThrow(RangeError);
  });
});

describe('Paris days and due instants', () => {
  it('validates calendar days', () => {
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2025-02-29')).toBe(false);
    expect(isCalendarDay('2025-13-01')).toBe(false);
    expect(isCalendarDay('2025-1-01')).toBe(false);
  });

  it('turns an instant into the Paris calendar day', () => {
    expect(parisDayOf(new Date('2026-03-31T21:59:59Z'))).toBe('2026-03-31'); // 23:59:59 CEST
    expect(parisDayOf(new Date('2026-03-31T22:00:00Z'))).toBe('2026-04-01'); // midnight CEST
    expect(parisDayOf(new Date('2026-01-15T22:59:00Z'))).toBe('2026-01-15'); // 23:59 CET
    expect(parisDayOf(new Date('2026-01-15T23:00:00Z'))).toBe('2026-01-16');
  });

  it('finds the start and end of a Paris day in winter, summer and on DST change days', () => {
    expect(parisStartOfDay('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(parisStartOfDay('2026-07-14').toISOString()).toBe('2026-07-13T22:00:00.000Z');
    expect(parisStartOfDay('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z'); // clocks go forward
    expect(parisEndOfDay('2026-03-29').toISOString()).toBe('2026-03-29T21:59:59.999Z');
    expect(parisStartOfDay('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z'); // clocks go back
    expect(parisEndOfDay('2026-10-25').toISOString()).toBe('2026-10-25T22:59:59.999Z');
  });

  it('computes the due instant: end of the due day, Paris time', () => {
    // Saturday 4 April 2026 at 23:30 Paris is still Saturday; 1 business day → Tuesday 7 April
    const due = computeDueDate(new Date('2026-04-04T21:30:00Z'), 1, plainTown);
    expect(due.dueDay).toBe('2026-04-07');
    expect(due.dueAt.toISOString()).toBe('2026-04-07T21:59:59.999Z');
    // Received on Friday 3 April at 23:30 Paris (21:30Z) → still Friday: due Tuesday as well
    expect(computeDueDate(new Date('2026-04-03T21:30:00Z'), 1, plainTown).dueDay).toBe('2026-04-07');
    // Received in winter, late evening UTC already the next day in Paris
    const winter = computeDueDate(new Date('2026-01-15T23:30:00Z'), 2, plainTown); // Fri 16 in Paris
    expect(winter.dueDay).toBe('2026-01-20');
    expect(winter.dueAt.toISOString()).toBe('2026-01-20T22:59:59.999Z');
  });
});
