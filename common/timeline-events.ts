/**
 * The timeline of a request as a typed union: one schema per event type for its `data`. The
 * server checks every event it writes against its schema (server/modules/requests/timeline.ts),
 * the API documents the union (back-office request page), and the web app reads the same types.
 * Add a type here before writing it; change a schema only in ways old rows still satisfy
 * (optional fields), since the timeline is append-only.
 */
import { Type, type Static, type TSchema } from 'typebox';
import { deliveryStatuses, outboundChannels } from './messaging';
import {
  actorKinds,
  eventVisibilities,
  requestChannels,
  requestPriorities,
  requestStatuses,
} from './requests';
import { Instant, Nullable, OneOf, Uuid } from './schemas';

const Status = OneOf(requestStatuses);
const Priority = OneOf(requestPriorities);
const Text = Type.String();
const Count = Type.Integer({ minimum: 0 });

/** The classification a qualification replaced. */
const Classification = Type.Object({
  categoryId: Nullable(Uuid),
  departmentId: Nullable(Uuid),
  priority: Priority,
  dueAt: Nullable(Instant),
});

/** `data` of each timeline event type. */
export const timelineEventData = {
  /** The request was filed (by the citizen, or by an agent at a desk). */
  created: Type.Object({
    channel: OneOf(requestChannels),
    categoryId: Nullable(Uuid),
    departmentId: Nullable(Uuid),
    /** Desk intake: when the town received it (the date on a letter). */
    receivedAt: Type.Optional(Instant),
    /** The channel's unit cost at intake, in cents (events written in euros are read in cents). */
    unitCostCents: Type.Optional(Nullable(Type.Integer())),
  }),
  /** Reception qualified it: category, department, priority and the due date they give. */
  qualified: Type.Object({
    from: Status,
    to: Type.Literal('qualified'),
    categoryId: Uuid,
    departmentId: Uuid,
    priority: Priority,
    dueAt: Instant,
    before: Classification,
  }),
  /** Marked a duplicate of another request (at qualification, with its classification, or later). */
  duplicate: Type.Object({
    from: Status,
    to: Type.Literal('duplicate'),
    duplicateOfId: Uuid,
    duplicateOfReference: Text,
    categoryId: Type.Optional(Uuid),
    departmentId: Type.Optional(Uuid),
    priority: Type.Optional(Priority),
    before: Type.Optional(Classification),
  }),
  /** The status changed (a rejection carries its reason; `automatic` for the auto-closure). */
  status_changed: Type.Object({
    from: Status,
    to: Status,
    reason: Type.Optional(Text),
    automatic: Type.Optional(Type.Boolean()),
  }),
  /** Entrusted to an agent (`to`), or taken back (`to` null). */
  assigned: Type.Object({ from: Nullable(Uuid), to: Nullable(Uuid) }),
  /** An agents-only note; `context` when it goes with a change of status. */
  internal_note: Type.Object({
    context: Type.Optional(OneOf(['reopening', 'status_changed'] as const)),
    from: Type.Optional(Status),
    to: Type.Optional(Status),
  }),
  /** The town's message to the citizen (the body). */
  public_message: Type.Object({}),
  /** The town's answer (the body). */
  answer: Type.Object({}),
  /** The citizen's message (the body), from the portal or as a reply by e-mail or SMS. */
  citizen_message: Type.Object({
    channel: Type.Optional(OneOf(['email', 'sms'] as const)),
    inboundMessageId: Type.Optional(Uuid),
  }),
  attachment_added: Type.Object({
    attachmentId: Uuid,
    fileName: Text,
    /** A scanned letter. */
    scan: Type.Optional(Type.Boolean()),
    /** Came with an e-mail. */
    channel: Type.Optional(Type.Literal('email')),
  }),
  /** What happened to a message to the requester (internal). No channel: nobody could be reached. */
  message_status: Type.Object({
    messageId: Type.Optional(Uuid),
    messageKey: Type.Optional(Text),
    templateKey: Type.Optional(Nullable(Text)),
    channel: Nullable(OneOf(outboundChannels)),
    status: OneOf(deliveryStatuses),
    attempts: Type.Optional(Count),
    /** In cents (events written in euros are read in cents, see requests/event-costs.ts). */
    costCents: Type.Optional(Nullable(Type.Integer())),
    error: Type.Optional(Nullable(Text)),
    providerMessageId: Type.Optional(Nullable(Text)),
    fallbackOfId: Type.Optional(Nullable(Uuid)),
    /** Queued again by an administrator after it failed. */
    retried: Type.Optional(Type.Boolean()),
  }),
  /** A letter about the request left in the post with its print batch. */
  letter_posted: Type.Object({ messageId: Uuid, printBatchId: Uuid, batchDate: Text }),
  /** The due date passed with the request still open (marked once per due date). */
  deadline_missed: Type.Object({ dueAt: Instant }),
  satisfaction_given: Type.Object({ rating: Type.Integer({ minimum: 1, maximum: 5 }) }),
  /** The scanned letter was read by OCR (the body holds the beginning of the text). */
  ocr_done: Type.Object({
    pages: Count,
    characters: Count,
    truncated: Type.Boolean(),
    files: Type.Array(Type.Object({ attachmentId: Uuid, fileName: Text, pages: Count, method: Text })),
  }),
  ocr_failed: Type.Object({ attempt: Count, maxAttempts: Count, willRetry: Type.Boolean() }),
} satisfies Record<string, TSchema>;

export type TimelineEventType = keyof typeof timelineEventData;
export const timelineEventTypes = Object.keys(timelineEventData) as TimelineEventType[];

export type TimelineEventDataOf<T extends TimelineEventType> = Static<(typeof timelineEventData)[T]>;

export function isTimelineEventType(value: unknown): value is TimelineEventType {
  return typeof value === 'string' && Object.hasOwn(timelineEventData, value);
}

/** An event as written: its type, its data of that type, who may see it, its text. */
export type TimelineEventInput = {
  [T in TimelineEventType]: {
    type: T;
    data: TimelineEventDataOf<T>;
    visibility: (typeof eventVisibilities)[number];
    body?: string | null;
  };
}[TimelineEventType];

/** One schema per event type, as the back office reads the timeline (`type` tells which). */
export const TimelineEventSchema = Type.Union(
  timelineEventTypes.map((type) =>
    Type.Object({
      id: Uuid,
      at: Instant,
      type: Type.Literal(type),
      visibility: OneOf(eventVisibilities),
      actor: Type.Object({ id: Nullable(Uuid), name: Type.String(), kind: OneOf(actorKinds) }),
      body: Nullable(Type.String()),
      data: timelineEventData[type],
    }),
  ),
);
