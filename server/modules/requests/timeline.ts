/**
 * Writing the timeline: every event is checked against its type's schema (common/timeline-events.ts)
 * before it is stored, so the union the API documents and the web reads is what the table holds.
 */
import { Compile, type Validator } from 'typebox/compile';
import {
  timelineEventData,
  timelineEventTypes,
  type TimelineEventInput,
  type TimelineEventType,
} from '../../../common/timeline-events';
import type { DbOrTx } from '../../platform/db/client';
import type { ActorKind } from './lifecycle';
import { appendEvent, type Request, type RequestEvent } from './requests.repository';

/** Who an event is written by: a citizen, an agent (with their account), or the system. */
export interface RequestActor {
  kind: ActorKind;
  /** The account; null for the system and for a citizen without an account. */
  id: string | null;
}

export const systemActor: RequestActor = { kind: 'system', id: null };

const validators = new Map<TimelineEventType, Validator>(
  timelineEventTypes.map((type) => [type, Compile(timelineEventData[type]) as Validator]),
);

/** Throws when `event.data` does not match its type's schema (a programming error, not bad input). */
export function assertTimelineEvent(event: TimelineEventInput): void {
  const validator = validators.get(event.type);
  if (!validator) throw new Error(`Unknown timeline event type "${String(event.type)}"`);
  if (!validator.Check(event.data)) {
    const problems = validator
      .Errors(event.data)
      .slice(0, 5)
      .map((error) => `${error.instancePath || '/'} ${error.message}`)
      .join('; ');
    throw new Error(`Timeline event "${event.type}" has invalid data: ${problems}`);
  }
}

/** Appends one checked event to the request's timeline, in the caller's transaction. */
export async function appendTimelineEvent(
  tx: DbOrTx,
  request: Pick<Request, 'id' | 'tenantId'>,
  actor: RequestActor,
  event: TimelineEventInput,
  at: Date,
): Promise<RequestEvent> {
  assertTimelineEvent(event);
  return appendEvent(tx, {
    tenantId: request.tenantId,
    requestId: request.id,
    type: event.type,
    actorId: actor.id,
    actorKind: actor.kind,
    visibility: event.visibility,
    body: event.body ?? null,
    data: event.data as Record<string, unknown>,
    createdAt: at,
  });
}
