/**
 * The town's business calendar, as pure functions on calendar days written 'YYYY-MM-DD' (days of
 * the town, Europe/Paris). A business day is a weekday that is neither a French public holiday nor
 * a day the town closed. Deadlines count business days; the day a request arrives does not count.
 */

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const millisecondsPerDay = 86_400_000;
const townTimeZone = 'Europe/Paris';

export interface PublicHoliday {
  day: string;
  label: string;
}

export interface BusinessCalendar {
  /** Alsace-Moselle local law adds Vendredi saint and the 26th of December. */
  isAlsaceMoselle: boolean;
  /** Days the town is closed besides weekends and public holidays. */
  closedDays: ReadonlySet<string>;
}

export interface BusinessCalendarInput {
  inseeCode?: string | null;
  closedDays?: Iterable<string>;
}

/** Moselle (57), Bas-Rhin (67) and Haut-Rhin (68) keep two extra public holidays. */
export function isAlsaceMoselleInseeCode(inseeCode: string | null | undefined): boolean {
  return /^(57|67|68)/.test(inseeCode ?? '');
}

export function createBusinessCalendar(input: BusinessCalendarInput = {}): BusinessCalendar {
  return {
    isAlsaceMoselle: isAlsaceMoselleInseeCode(input.inseeCode),
    closedDays: new Set(input.closedDays ?? []),
  };
}

/** Whether `value` is a real calendar day written 'YYYY-MM-DD' (2026-02-30 is not). */
export function isCalendarDay(value: string): boolean {
  const match = dayPattern.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return formatUtcDay(date) === value;
}

function parseDay(day: string): number {
  if (!isCalendarDay(day)) throw new RangeError(`Not a calendar day (YYYY-MM-DD): "${day}"`);
  return Date.parse(`${day}T00:00:00Z`);
}

function formatUtcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `day` moved by `n` calendar days (negative goes back). */
export function addCalendarDays(day: string, n: number): string {
  return formatUtcDay(new Date(parseDay(day) + n * millisecondsPerDay));
}

/** 0 = Sunday … 6 = Saturday. */
function dayOfWeek(day: string): number {
  return new Date(parseDay(day)).getUTCDay();
}

export function isWeekend(day: string): boolean {
  const weekday = dayOfWeek(day);
  return weekday === 0 || weekday === 6;
}

/** Easter Sunday of the Gregorian calendar (anonymous algorithm, Meeus / Jones / Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
  return formatUtcDay(new Date(Date.UTC(year, month - 1, dayOfMonth)));
}

const holidayCache = new Map<string, PublicHoliday[]>();

/** French public holidays of `year`, in date order (code du travail, art. L3133-1). */
export function listPublicHolidays(
  year: number,
  options: { isAlsaceMoselle?: boolean } = {},
): PublicHoliday[] {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`Not a supported Gregorian year: ${year}`);
  }
  const isAlsaceMoselle = options.isAlsaceMoselle ?? false;
  const cacheKey = `${year}:${isAlsaceMoselle}`;
  const cached = holidayCache.get(cacheKey);
  if (cached) return cached.map((holiday) => ({ ...holiday }));

  const easter = easterSunday(year);
  const fixed = (monthDay: string) => `${String(year).padStart(4, '0')}-${monthDay}`;
  const holidays: PublicHoliday[] = [
    { day: fixed('01-01'), label: 'Jour de l’An' },
    { day: addCalendarDays(easter, 1), label: 'Lundi de Pâques' },
    { day: fixed('05-01'), label: 'Fête du Travail' },
    { day: fixed('05-08'), label: 'Victoire 1945' },
    { day: addCalendarDays(easter, 39), label: 'Ascension' },
    { day: addCalendarDays(easter, 50), label: 'Lundi de Pentecôte' },
    { day: fixed('07-14'), label: 'Fête nationale' },
    { day: fixed('08-15'), label: 'Assomption' },
    { day: fixed('11-01'), label: 'Toussaint' },
    { day: fixed('11-11'), label: 'Armistice 1918' },
    { day: fixed('12-25'), label: 'Noël' },
  ];
  if (isAlsaceMoselle) {
    holidays.push(
      { day: addCalendarDays(easter, -2), label: 'Vendredi saint' },
      { day: fixed('12-26'), label: 'Saint-Étienne' },
    );
  }
  holidays.sort((left, right) => left.day.localeCompare(right.day));
  holidayCache.set(cacheKey, holidays);
  return holidays.map((holiday) => ({ ...holiday }));
}

/** The public holiday falling on `day`, if any. */
export function findPublicHoliday(
  day: string,
  options: { isAlsaceMoselle?: boolean } = {},
): PublicHoliday | undefined {
  const year = Number(day.slice(0, 4));
  parseDay(day);
  return listPublicHolidays(year, options).find((holiday) => holiday.day === day);
}

export function isBusinessDay(day: string, calendar: BusinessCalendar): boolean {
  if (isWeekend(day)) return false;
  if (calendar.closedDays.has(day)) return false;
  return !findPublicHoliday(day, { isAlsaceMoselle: calendar.isAlsaceMoselle });
}

/** The last day a due date may fall on. */
export const lastCalendarDay = '9999-12-31';

/** A due date that would fall after `lastCalendarDay`. */
export class BeyondCalendarError extends RangeError {
  constructor(startDay: string, n: number) {
    super(`${n} business days after ${startDay} is past ${lastCalendarDay}`);
    this.name = 'BeyondCalendarError';
  }
}

/**
 * The day `n` business days after `startDay`. The start day itself never counts, so a request
 * received on a Saturday with one business day is due on Monday (Tuesday if Monday is a holiday).
 * With n = 0 the start day is returned unchanged.
 */
export function addBusinessDays(startDay: string, n: number, calendar: BusinessCalendar): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Business days must be a whole number ≥ 0: ${n}`);
  let day = addCalendarDays(startDay, 0);
  let remaining = n;
  while (remaining > 0) {
    // Calendar days are written YYYY-MM-DD (and PostgreSQL's dates end there too).
    if (day >= lastCalendarDay) throw new BeyondCalendarError(startDay, n);
    day = addCalendarDays(day, 1);
    if (isBusinessDay(day, calendar)) remaining -= 1;
  }
  return day;
}

const parisDayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: townTimeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const parisWallClockFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: townTimeZone,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** The town's calendar day (Europe/Paris) at `instant`: 2026-03-31T22:30Z is '2026-04-01'. */
export function parisDayOf(instant: Date): string {
  return parisDayFormat.format(instant);
}

/** How far Paris wall-clock time is ahead of UTC at `instant`, in milliseconds (1 or 2 hours). */
function parisOffsetAt(instant: number): number {
  const parts = Object.fromEntries(
    parisWallClockFormat.formatToParts(new Date(instant)).map((part) => [part.type, part.value]),
  );
  const wallClock = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wallClock - Math.floor(instant / 1000) * 1000;
}

/** The instant midnight starts `day` in Paris (DST changes happen at 2–3 am, never at midnight). */
export function parisStartOfDay(day: string): Date {
  const utcMidnight = parseDay(day);
  const firstGuess = utcMidnight - parisOffsetAt(utcMidnight);
  return new Date(utcMidnight - parisOffsetAt(firstGuess));
}

/** The last millisecond of `day` in Paris. */
export function parisEndOfDay(day: string): Date {
  return new Date(parisStartOfDay(addCalendarDays(day, 1)).getTime() - 1);
}

export interface DueDate {
  /** The due calendar day, 'YYYY-MM-DD'. */
  dueDay: string;
  /** The end of the due day, Paris time. */
  dueAt: Date;
}

/** When a request received at `receivedAt` with a deadline of `businessDays` falls due. */
export function computeDueDate(receivedAt: Date, businessDays: number, calendar: BusinessCalendar): DueDate {
  const dueDay = addBusinessDays(parisDayOf(receivedAt), businessDays, calendar);
  return { dueDay, dueAt: parisEndOfDay(dueDay) };
}
