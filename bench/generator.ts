/**
 * Deterministic, realistic French requests for a town of 75,000 (half a million requests a year):
 * the channel mix of a town hall, the demo town's categories, subjects and descriptions from
 * templates, people, streets and coordinates around the town centre, receipt times with weekly,
 * daily and yearly seasonality, and the lifecycle each request went through by `end` (statuses by
 * age, phase timestamps, due dates, timeline events, a backlog and some overdue ones).
 *
 * Requests come out in receipt order (nearly: each channel has its own rhythm), with references
 * numbered per year as the intake would. Ids and codes are left to the caller, except the
 * tracking code, which must be unique in the town and is drawn here.
 */
import { demoCategories } from '../server/demo/demo-town';
import {
  computeDueDate,
  createBusinessCalendar,
  type BusinessCalendar,
} from '../server/modules/organisation/business-calendar';
import type { ActorKind, RequestStatus } from '../server/modules/requests/lifecycle';
import { formatReference } from '../server/modules/requests/reference';
import type {
  EventVisibility,
  RequestChannel,
  RequestContact,
  RequestPriority,
} from '../server/modules/requests/requests.tables';
import { trackingCodeAlphabet, trackingCodeLength } from '../server/modules/requests/tracking-code';
import { birthDateOf, fill, personOf } from './people';
import { hashSeed, Random, WeightedPicker } from './random';
import { buildTimeTable, channelIn, type TimeTable } from './receipt-times';
import { liveRequest, signalementCategories } from './request-life';
import * as words from './vocabulary';

export { frenchTypography, generateCitizen, type GeneratedPerson } from './people';
export { expectedChannelShares, yearlyChannelVolumes } from './receipt-times';

const hour = 3_600_000;

export interface GeneratorCategory {
  code: string;
  departmentCode: string;
  deadlineDays: number;
}

export interface GeneratorOptions {
  /** Same seed, same requests. */
  seed?: number;
  count: number;
  /** The bench's "now": the latest receipt, and the instant statuses are read at. */
  end: Date;
  /** How far back receipts go (default two years). */
  spanDays?: number;
  categories?: readonly GeneratorCategory[];
  /** Size of the pool of citizen accounts requests may come from (default count / 20, at least 1). */
  citizenCount?: number;
  /** Calendar of the town (public holidays are always there; closures optional). */
  calendar?: BusinessCalendar;
  /** Share of requests that stall in the backlog, never qualified or never answered (default 0.5 %). */
  stalledShare?: number;
}

/** Who in the town did something on the timeline; the loader turns it into a user id. */
export type EventActor = 'requester' | 'reception' | 'assignee' | 'signatory' | 'system';

export interface GeneratedEvent {
  type: string;
  at: Date;
  actor: EventActor;
  actorKind: ActorKind;
  visibility: EventVisibility;
  body: string | null;
  /** Facts of the event; the loader adds the ids (category, department, assignee). */
  data: Record<string, unknown>;
}

export interface GeneratedRequest {
  /** Position in the generated sequence (0-based). */
  index: number;
  reference: string;
  trackingCode: string;
  channel: RequestChannel;
  categoryCode: string;
  departmentCode: string;
  priority: RequestPriority;
  status: RequestStatus;
  subject: string;
  description: string;
  locationAddress: string | null;
  latitude: number | null;
  longitude: number | null;
  /** Index in the citizen pool when filed from an account; otherwise `contact` is set. */
  citizenIndex: number | null;
  contact: RequestContact | null;
  /** The assignee among the department's agents (index into the loader's list), when treatment started. */
  assigneeSlot: number | null;
  receivedAt: Date;
  dueAt: Date;
  qualifiedAt: Date | null;
  treatmentStartedAt: Date | null;
  answeredAt: Date | null;
  closedAt: Date | null;
  /** Index of an earlier request this one duplicates. */
  duplicateOfIndex: number | null;
  rejectionReason: string | null;
  satisfactionRating: number | null;
  satisfactionComment: string | null;
  /** Text of the messages, for the search document (`search_extra`), citizen's name excluded. */
  messagesText: string;
  updatedAt: Date;
  events: GeneratedEvent[];
}

/** The town centre (a plausible préfecture of 75,000 inhabitants); streets lie within ~3 km. */
export const townCentre = { latitude: 46.8103, longitude: 1.6913 };
const streetPositions = words.streets.map((_, index) => {
  const random = new Random(hashSeed('street', index));
  const distance = 3000 * Math.sqrt(random.next());
  const angle = 2 * Math.PI * random.next();
  return {
    latitude: townCentre.latitude + (distance * Math.cos(angle)) / 111_320,
    longitude:
      townCentre.longitude + (distance * Math.sin(angle)) / (111_320 * Math.cos((46.81 * Math.PI) / 180)),
  };
});

const civilStatusCategories = new Set(['acte-de-naissance', 'acte-de-mariage', 'acte-de-deces']);
const schoolCategories = new Set(['inscription-scolaire', 'restauration-scolaire']);
const planningCategories = new Set(['permis-de-construire', 'declaration-prealable']);
const baseCategoryWeights: Record<string, number> = {
  'nid-de-poule': 6,
  'trottoir-degrade': 4,
  signalisation: 2.5,
  'eclairage-en-panne': 6,
  'depot-sauvage': 8,
  'tags-graffitis': 3,
  'corbeille-pleine': 4,
  'acte-de-naissance': 12,
  'acte-de-mariage': 4,
  'acte-de-deces': 3,
  'inscription-scolaire': 6,
  'restauration-scolaire': 9,
  'permis-de-construire': 4,
  'declaration-prealable': 5,
  'occupation-domaine-public': 3,
  'carte-stationnement-resident': 5,
  elagage: 3,
  'entretien-espaces-verts': 3,
  'autre-demande': 10,
};

/** How much more (or less) a category comes through a channel. */
function channelFactor(channel: RequestChannel, code: string): number {
  const signalement = signalementCategories.has(code);
  switch (channel) {
    case 'letter':
      return civilStatusCategories.has(code) ? 3 : planningCategories.has(code) ? 2 : signalement ? 0.3 : 1;
    case 'phone':
      return signalement ? 2 : civilStatusCategories.has(code) ? 0.5 : 1;
    case 'counter':
      return civilStatusCategories.has(code) || schoolCategories.has(code) ? 2 : signalement ? 0.5 : 1.2;
    case 'web':
      return signalement ? 1.5 : 1;
    case 'sms':
    case 'api':
      return signalement ? 1 : 0;
    case 'email':
      return 1;
  }
}

/** Yearly rhythm of a category (month 0 = January). */
function monthFactor(month: number, code: string): number {
  if (schoolCategories.has(code)) return month >= 4 && month <= 8 ? 2 : 0.8;
  if (code === 'eclairage-en-panne') return month >= 10 || month <= 1 ? 1.6 : 0.8;
  if (code === 'elagage' || code === 'entretien-espaces-verts') return month >= 3 && month <= 8 ? 1.8 : 0.5;
  if (code === 'occupation-domaine-public') return month >= 3 && month <= 8 ? 1.5 : 0.7;
  return 1;
}

/** Probability that a request on this channel comes from a citizen account rather than a contact. */
const accountShare: Record<RequestChannel, number> = {
  web: 0.6,
  email: 0.25,
  sms: 0.3,
  phone: 0.1,
  counter: 0.15,
  letter: 0.05,
  api: 0,
};

/** A generator of requests: iterate it, then read `referenceCounters` for the counters to store. */
export class RequestGenerator {
  readonly seed: number;
  readonly count: number;
  readonly end: Date;
  readonly citizenCount: number;
  readonly categories: readonly GeneratorCategory[];
  readonly stalledShare: number;
  /** Last reference number given per year, once iterated. */
  readonly referenceCounters = new Map<number, number>();

  private readonly random: Random;
  private readonly calendar: BusinessCalendar;
  private readonly times: TimeTable;
  private readonly categoryPickers = new Map<string, WeightedPicker<GeneratorCategory>>();
  private readonly dueDates = new Map<string, Date>();
  private readonly trackingCodes = new Set<string>();

  constructor(options: GeneratorOptions) {
    this.seed = options.seed ?? 75_000;
    this.count = options.count;
    this.end = options.end;
    this.citizenCount = Math.max(1, options.citizenCount ?? Math.ceil(options.count / 20));
    this.categories =
      options.categories ??
      demoCategories.map(({ code, departmentCode, deadlineDays }) => ({
        code,
        departmentCode,
        deadlineDays,
      }));
    this.stalledShare = options.stalledShare ?? 0.005;
    this.random = new Random(hashSeed('requests', this.seed));
    this.calendar = options.calendar ?? createBusinessCalendar();
    this.times = buildTimeTable(options.end, options.spanDays ?? 730, this.calendar);
  }

  *[Symbol.iterator](): Iterator<GeneratedRequest> {
    for (let index = 0; index < this.count; index += 1) yield this.generate(index);
  }

  private categoryPicker(channel: RequestChannel, month: number): WeightedPicker<GeneratorCategory> {
    const key = `${channel}:${month}`;
    let picker = this.categoryPickers.get(key);
    if (!picker) {
      const weights = this.categories.map(
        (category) =>
          (baseCategoryWeights[category.code] ?? 3) *
          channelFactor(channel, category.code) *
          monthFactor(month, category.code),
      );
      // A channel none of the categories fits (custom lists): fall back to the base weights.
      picker = weights.some((weight) => weight > 0)
        ? new WeightedPicker(this.categories, weights)
        : new WeightedPicker(
            this.categories,
            this.categories.map(() => 1),
          );
      this.categoryPickers.set(key, picker);
    }
    return picker;
  }

  private dueDateOf(receivedAt: Date, calendarDay: string, deadlineDays: number): Date {
    const key = `${calendarDay}:${deadlineDays}`;
    let dueAt = this.dueDates.get(key);
    if (!dueAt) {
      dueAt = computeDueDate(receivedAt, deadlineDays, this.calendar).dueAt;
      this.dueDates.set(key, dueAt);
    }
    return dueAt;
  }

  private trackingCode(): string {
    for (;;) {
      let code = '';
      for (let position = 0; position < trackingCodeLength; position += 1) {
        code += trackingCodeAlphabet[this.random.int(trackingCodeAlphabet.length)];
      }
      if (!this.trackingCodes.has(code)) {
        this.trackingCodes.add(code);
        return code;
      }
    }
  }

  private generate(index: number): GeneratedRequest {
    const random = this.random;
    const times = this.times;
    const bucket = times.picker.indexAt((index + random.next()) / this.count);
    const channel = channelIn(times, bucket, random.next());
    const calendarDay = times.dayOfBucket[bucket]!;
    // Within the hour, receipts move forward from the previous one: the sequence stays in order.
    const bucketStart = times.starts[bucket]!;
    const previous = this.lastBucket === bucket ? this.lastReceivedAt : bucketStart;
    const expectedInBucket = (times.picker.weightOf(bucket) / times.picker.total) * this.count;
    const step = random.exponential(hour / Math.max(1, expectedInBucket));
    const receivedAt = new Date(Math.min(previous + step, bucketStart + hour - 1, this.end.getTime()));
    this.lastBucket = bucket;
    this.lastReceivedAt = receivedAt.getTime();
    const month = Number(calendarDay.slice(5, 7)) - 1;
    const category = this.categoryPicker(channel, month).pick(random);
    const templates = words.categoryTemplates[category.code] ?? words.categoryTemplates['autre-demande']!;

    const streetIndex = random.int(words.streets.length);
    const street = words.streets[streetIndex]!;
    const address = `${random.between(1, 180)}${random.chance(0.08) ? ' bis' : ''} ${street}`;
    const values = {
      street,
      address,
      duration: random.pick(words.durations),
      school: random.pick(words.schools),
      park: random.pick(words.parks),
      person: `${random.pick(words.firstNames)} ${random.pick(words.lastNames)}`,
      birthDate: birthDateOf(random),
    };
    const subject = fill(random.pick(templates.subjects), values);
    let description = fill(random.pick(templates.descriptions), values);

    const citizenIndex = random.chance(accountShare[channel]) ? random.int(this.citizenCount) : null;
    const person = personOf(random);
    let contact: RequestContact | null = null;
    if (citizenIndex === null) {
      const name = `${person.firstName} ${person.lastName}`;
      contact =
        channel === 'phone' || channel === 'sms'
          ? { name, phone: person.phone, ...(random.chance(0.3) ? { email: person.email } : {}) }
          : channel === 'letter'
            ? {
                name,
                postalAddress: person.postalAddress,
                ...(random.chance(0.2) ? { phone: person.phone } : {}),
              }
            : channel === 'counter'
              ? { name, ...(random.chance(0.7) ? { phone: person.phone } : {}), email: person.email }
              : { name, email: person.email, ...(random.chance(0.2) ? { phone: person.phone } : {}) };
      if (channel === 'letter') {
        description = `Madame, Monsieur,\n\n${description}\n\nVeuillez agréer mes salutations distinguées.\n${name}`;
      } else if (channel === 'email') {
        description = `${description}\n\nCordialement,\n${name}`;
      }
    }

    let latitude: number | null = null;
    let longitude: number | null = null;
    let locationAddress: string | null = null;
    if (templates.located && (channel !== 'letter' || random.chance(0.5))) {
      locationAddress = `${address}, 99999 Ville-de-Démo`;
      const position = streetPositions[streetIndex]!;
      if (channel === 'web' || channel === 'api' || random.chance(0.3)) {
        latitude = Math.round((position.latitude + random.normal() * 0.0012) * 1e6) / 1e6;
        longitude = Math.round((position.longitude + random.normal() * 0.0016) * 1e6) / 1e6;
      }
    }

    const dangerous = /dangereu|menace|panne/.test(description) || /dangereu/.test(subject);
    const priorityDraw = random.next();
    const priority: RequestPriority =
      dangerous && priorityDraw < 0.25
        ? 'urgent'
        : priorityDraw < 0.08
          ? 'high'
          : priorityDraw > 0.95
            ? 'low'
            : priorityDraw < 0.1 && signalementCategories.has(category.code)
              ? 'urgent'
              : 'normal';

    const year = Number(calendarDay.slice(0, 4));
    const sequence = (this.referenceCounters.get(year) ?? 0) + 1;
    this.referenceCounters.set(year, sequence);

    const request: GeneratedRequest = {
      index,
      reference: formatReference(year, sequence),
      trackingCode: this.trackingCode(),
      channel,
      categoryCode: category.code,
      departmentCode: category.departmentCode,
      priority,
      status: 'received',
      subject,
      description,
      locationAddress,
      latitude,
      longitude,
      citizenIndex,
      contact,
      assigneeSlot: null,
      receivedAt,
      dueAt: this.dueDateOf(receivedAt, calendarDay, category.deadlineDays),
      qualifiedAt: null,
      treatmentStartedAt: null,
      answeredAt: null,
      closedAt: null,
      duplicateOfIndex: null,
      rejectionReason: null,
      satisfactionRating: null,
      satisfactionComment: null,
      messagesText: '',
      updatedAt: receivedAt,
      events: [],
    };
    liveRequest(request, category, templates, values, {
      random: this.random,
      times: this.times,
      end: this.end.getTime(),
      stalledShare: this.stalledShare,
    });
    return request;
  }

  private lastBucket = -1;
  private lastReceivedAt = 0;
}
