/** Calendar days as the API sends them (`YYYY-MM-DD`), shown the French way. */

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day in words: « mardi 14 juillet 2026 » (the day as given, whatever the time zone). */
export function formatDay(day: string): string {
  if (!dayPattern.test(day)) return day;
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  const parts = new Intl.DateTimeFormat('fr-FR', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).formatToParts(date);
  // French writes the first of the month « 1er ».
  return parts.map((part) => (part.type === 'day' && part.value === '1' ? '1er' : part.value)).join('');
}

/** Today in the town's time zone (Europe/Paris), as `YYYY-MM-DD`. */
export function todayInParis(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
