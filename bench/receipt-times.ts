/**
 * When requests arrive: each channel's yearly volume spread over hour buckets of the bench's span
 * by its own rhythm (counter and calls at office hours, letters opened in the morning, the portal
 * at all hours; quieter weekends, the August lull, the September rentrée), and when agents work.
 */
import {
  addCalendarDays,
  findPublicHoliday,
  isWeekend,
  parisDayOf,
  parisStartOfDay,
  type BusinessCalendar,
} from '../server/modules/organisation/business-calendar';
import type { RequestChannel } from '../server/modules/requests/requests.tables';
import { WeightedPicker } from './random';

const hour = 3_600_000;

/**
 * Requests a year by channel for a town of 75,000: letters, calls, counter visits and e-mails as
 * the town counts them, the rest of the half-million on the portal, the API and SMS.
 */
export const yearlyChannelVolumes: Readonly<Record<RequestChannel, number>> = {
  counter: 150_000,
  email: 150_000,
  letter: 100_000,
  phone: 75_000,
  web: 18_000,
  sms: 4_000,
  api: 3_000,
};

/** Overall volume by month: the August lull, the September rentrée. */
const monthVolume = [1, 1, 1.05, 1, 0.95, 1.05, 0.85, 0.65, 1.2, 1.1, 1, 0.85];

/** Relative volume of a channel in a Paris hour of a day (0 = Monday). */
function hourWeight(channel: RequestChannel, weekday: number, hourOfDay: number, isHoliday: boolean): number {
  const officeDay = weekday < 5 && !isHoliday;
  switch (channel) {
    case 'counter':
      if (weekday === 5 && !isHoliday) return hourOfDay >= 9 && hourOfDay < 12 ? 0.8 : 0;
      if (!officeDay) return 0;
      return (hourOfDay >= 8 && hourOfDay < 12) || (hourOfDay >= 13 && hourOfDay < 17) ? 1 : 0;
    case 'phone':
      if (!officeDay) return 0;
      return (hourOfDay >= 8 && hourOfDay < 12) || (hourOfDay >= 13 && hourOfDay < 18)
        ? hourOfDay < 12
          ? 1.2
          : 1
        : 0;
    case 'letter':
      // Registered when the mail is opened, in the morning.
      return officeDay && hourOfDay >= 9 && hourOfDay < 12 ? 1 : 0;
    default: {
      const dayFactor =
        weekday === 5 ? 0.45 : weekday === 6 ? 0.3 : isHoliday ? 0.4 : weekday === 0 ? 1.25 : 1;
      const hourFactor =
        hourOfDay < 6 ? 0.05 : hourOfDay < 8 ? 0.4 : hourOfDay < 19 ? 1 : hourOfDay < 23 ? 0.7 : 0.2;
      return dayFactor * hourFactor;
    }
  }
}

export interface TimeTable {
  /** First instant of each hour bucket. */
  starts: Float64Array;
  /** Paris day of each bucket. */
  dayOfBucket: string[];
  /** Whether agents are at work in the bucket (weekday, 8 h–18 h, not a holiday). */
  isOfficeHour: Uint8Array;
  /** Every channel together: the bucket of a quantile, so that receipts come out in order. */
  picker: WeightedPicker<number>;
  /** Expected requests of each channel in each bucket (bucket-major, `channels` order). */
  channelWeights: Float64Array;
}

export const channels = Object.keys(yearlyChannelVolumes) as RequestChannel[];

export function buildTimeTable(end: Date, spanDays: number, calendar: BusinessCalendar): TimeTable {
  const lastDay = parisDayOf(end);
  const firstDay = addCalendarDays(lastDay, -(spanDays - 1));
  const starts: number[] = [];
  const dayOfBucket: string[] = [];
  const office: number[] = [];
  const facts: { weekday: number; hourOfDay: number; holiday: boolean; month: number }[] = [];
  for (let offset = 0; offset < spanDays; offset += 1) {
    const calendarDay = addCalendarDays(firstDay, offset);
    const midnight = parisStartOfDay(calendarDay).getTime();
    const weekday = (new Date(`${calendarDay}T12:00:00Z`).getUTCDay() + 6) % 7;
    const holiday =
      !isWeekend(calendarDay) &&
      (calendar.closedDays.has(calendarDay) ||
        findPublicHoliday(calendarDay, { isAlsaceMoselle: calendar.isAlsaceMoselle }) !== undefined);
    const month = Number(calendarDay.slice(5, 7)) - 1;
    for (let hourOfDay = 0; hourOfDay < 24; hourOfDay += 1) {
      const start = midnight + hourOfDay * hour;
      if (start > end.getTime()) break;
      starts.push(start);
      dayOfBucket.push(calendarDay);
      office.push(weekday < 5 && !holiday && hourOfDay >= 8 && hourOfDay < 18 ? 1 : 0);
      facts.push({ weekday, hourOfDay, holiday, month });
    }
  }
  // Each channel's yearly volume spread over its own rhythm, then summed: the mix holds overall.
  const channelWeights = new Float64Array(starts.length * channels.length);
  channels.forEach((channel, channelIndex) => {
    const raw = facts.map(
      (fact) => hourWeight(channel, fact.weekday, fact.hourOfDay, fact.holiday) * monthVolume[fact.month]!,
    );
    const sum = raw.reduce((total, weight) => total + weight, 0);
    raw.forEach((weight, bucket) => {
      channelWeights[bucket * channels.length + channelIndex] =
        sum > 0 ? (weight / sum) * yearlyChannelVolumes[channel] : 0;
    });
  });
  const totals = starts.map((_, bucket) => {
    let total = 0;
    for (let channelIndex = 0; channelIndex < channels.length; channelIndex += 1) {
      total += channelWeights[bucket * channels.length + channelIndex]!;
    }
    return total;
  });
  return {
    starts: Float64Array.from(starts),
    dayOfBucket,
    isOfficeHour: Uint8Array.from(office),
    picker: new WeightedPicker(
      starts.map((_, index) => index),
      totals,
    ),
    channelWeights,
  };
}

/** The bucket an instant falls in (the last one past the end). */
export function bucketOf(times: TimeTable, at: number): number {
  let low = 0;
  let high = times.starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (times.starts[middle]! <= at) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The channel of a request received in `bucket`, by each channel's weight there. */
export function channelIn(times: TimeTable, bucket: number, draw: number): RequestChannel {
  const weights = times.channelWeights;
  const offset = bucket * channels.length;
  let total = 0;
  for (let position = 0; position < channels.length; position += 1) total += weights[offset + position]!;
  let remaining = draw * total;
  for (let position = 0; position < channels.length; position += 1) {
    remaining -= weights[offset + position]!;
    if (remaining < 0) return channels[position]!;
  }
  return channels[channels.length - 1]!;
}

/** `at`, or the next moment agents are at work when it falls at night, a weekend or a holiday (after `end`: later than it). */
export function officeTime(times: TimeTable, end: number, at: number): number {
  let bucket = bucketOf(times, at);
  if (times.isOfficeHour[bucket]) return at;
  const withinHour = (at - times.starts[bucket]!) % hour;
  while (bucket < times.starts.length - 1 && !times.isOfficeHour[bucket]) bucket += 1;
  if (!times.isOfficeHour[bucket]) return Math.max(at, end + hour);
  return Math.max(at, times.starts[bucket]! + withinHour);
}

/** Shares of each channel in a generated sequence, for tests and the BENCHMARKS notes. */
export function expectedChannelShares(): Record<RequestChannel, number> {
  const total = Object.values(yearlyChannelVolumes).reduce((sum, volume) => sum + volume, 0);
  return Object.fromEntries(
    Object.entries(yearlyChannelVolumes).map(([channel, volume]) => [channel, volume / total]),
  ) as Record<RequestChannel, number>;
}
