/**
 * The one place a request changes. Every use case that changes a request (qualification,
 * transitions, assignment, agents' and citizens' messages, attachments, OCR, ratings, the
 * auto-closure and the deadline job) goes through `changeRequest`: the lifecycle check, the
 * optimistic version, the phase timestamps of a new status, the typed timeline events, and the
 * live update published after the commit. Other modules ask it through the module's index.
 */
import type { TimelineEventInput } from '../../../common/timeline-events';
import type { AppContext } from '../../app-context';
import type { DbOrTx } from '../../platform/db/client';
import { afterCommit } from '../../platform/db/transaction';
import { realtimeChannels } from '../../platform/events/channels';
import { AppError } from '../../platform/http/app-error';
import { assertTransition, type RequestStatus, type TransitionDetails } from './lifecycle';
import {
  touchRequest,
  updateRequestAtVersion,
  type NewRequest,
  type Request,
  type RequestEvent,
} from './requests.repository';
import { appendTimelineEvent, type RequestActor } from './timeline';

export type { RequestActor };

/** What may change on a request besides its status, phase timestamps, search text and version. */
export type RequestFieldChanges = Partial<
  Pick<
    NewRequest,
    | 'categoryId'
    | 'departmentId'
    | 'priority'
    | 'dueAt'
    | 'assigneeId'
    | 'duplicateOfId'
    | 'rejectionReason'
    | 'satisfactionRating'
    | 'satisfactionComment'
    | 'overdueMarkedAt'
  >
>;

export interface RequestChange {
  /** The status to move to, checked against the lifecycle for the actor; absent: it stays. */
  status?: RequestStatus;
  /** What some transitions require: a reason (rejecting, reopening) or the original (duplicate). */
  details?: TransitionDetails;
  /** The other fields that change with it. */
  set?: RequestFieldChanges;
  /** Text the search should find from now on (a message, a note, a reason, a scan's OCR). */
  searchText?: string;
  /**
   * The timeline events of the change, in order. A change of status is recorded by one of
   * them (`status_changed`, `qualified` or `duplicate`, naming the same `from` and `to`); when
   * none does, a public `status_changed` is written after the others.
   */
  events?: readonly TimelineEventInput[];
  /** Accounts to tell live besides the town's agents and the requester (a new or former assignee). */
  notify?: readonly (string | null)[];
  /**
   * The tracking page and the requester follow the change even without a public event or a new
   * status (a rating closes the survey they show). By default only those two make a change public.
   */
  isPublic?: boolean;
}

export interface RequestChangeResult {
  request: Request;
  /** The events written, in order. */
  events: RequestEvent[];
}

type ChangeContext = Pick<AppContext, 'bus' | 'clock'>;

const statusEventTypes = new Set(['status_changed', 'qualified', 'duplicate']);

export function requestChanged(): AppError {
  return new AppError('REQUEST_CHANGED', 'The request changed meanwhile; reload it and try again.');
}

/**
 * The phase timestamps that go with entering `to`: qualification, the first start of treatment,
 * the (latest) answer, the closure. Reopening a closed request clears its closure.
 */
export function phaseTimestampsFor(
  request: Pick<Request, 'status' | 'qualifiedAt' | 'treatmentStartedAt'>,
  to: RequestStatus,
  now: Date,
): Partial<NewRequest> {
  switch (to) {
    case 'qualified':
      return { qualifiedAt: request.qualifiedAt ?? now };
    case 'in_progress':
      return {
        treatmentStartedAt: request.treatmentStartedAt ?? now,
        ...(request.status === 'closed' ? { closedAt: null } : {}),
      };
    case 'answered':
      return { answeredAt: now };
    case 'closed':
    case 'rejected':
    case 'duplicate':
    case 'cancelled':
      return { closedAt: now };
    default:
      return {};
  }
}

/** The searchable text of a request with `text` appended (messages, notes, reasons), capped. */
export function withSearchText(request: Pick<Request, 'searchExtra'>, text: string): string {
  return `${request.searchExtra} ${text}`.slice(-100_000);
}

/** The status events of a change, checked: one at most, naming the change's own `from` and `to`. */
function withStatusEvent(
  events: readonly TimelineEventInput[],
  from: RequestStatus,
  to: RequestStatus,
): TimelineEventInput[] {
  const statusEvents = events.filter((event) => statusEventTypes.has(event.type));
  if (from === to) {
    if (statusEvents.length > 0) throw new Error(`A ${statusEvents[0]!.type} event needs a change of status`);
    return [...events];
  }
  if (statusEvents.length > 1) throw new Error('A change of status is recorded by one event only');
  const [recorded] = statusEvents;
  if (!recorded) return [...events, { type: 'status_changed', visibility: 'public', data: { from, to } }];
  const data = recorded.data as { from: RequestStatus; to: RequestStatus };
  if (data.from !== from || data.to !== to) {
    throw new Error(`The ${recorded.type} event says ${data.from} → ${data.to}, the change ${from} → ${to}`);
  }
  return [...events];
}

/**
 * Changes `request` (as the caller's transaction read it) in that transaction, as `actor`:
 * refuses what the lifecycle refuses (409 TRANSITION_NOT_ALLOWED, 400 for a missing reason or
 * original), applies the fields at the version read (409 REQUEST_CHANGED when someone changed it
 * meanwhile; a change that only adds events leaves the version alone and marks `updatedAt`),
 * writes the events, and after the commit tells the town's agents, and the requester and the
 * tracking page when something public changed. `tx` must come from `transaction()`.
 */
export async function changeRequest(
  tx: DbOrTx,
  ctx: ChangeContext,
  request: Request,
  actor: RequestActor,
  change: RequestChange,
): Promise<RequestChangeResult> {
  const now = ctx.clock.now();
  const from = request.status;
  const to = change.status ?? from;
  if (to !== from) assertTransition(from, to, actor.kind, change.details);
  const events = withStatusEvent(change.events ?? [], from, to);

  const searchText = change.searchText?.trim();
  const fields: Partial<NewRequest> = {
    ...change.set,
    ...(to !== from ? { status: to, ...phaseTimestampsFor(request, to, now) } : {}),
    ...(searchText ? { searchExtra: withSearchText(request, searchText) } : {}),
  };
  const updated =
    Object.keys(fields).length > 0
      ? await updateRequestAtVersion(tx, request.tenantId, request.id, request.version, fields, now)
      : await touchRequest(tx, request.tenantId, request.id, now);
  if (!updated) throw requestChanged();

  const written: RequestEvent[] = [];
  for (const event of events) written.push(await appendTimelineEvent(tx, request, actor, event, now));

  const publicChange =
    change.isPublic === true || to !== from || events.some((event) => event.visibility === 'public');
  afterCommit(tx, () =>
    publishRequestChange(ctx, updated, { publicChange, alsoNotify: change.notify ?? [] }),
  );
  return { request: updated, events: written };
}

/** A change of status and nothing else: `changeRequest` with its `status_changed` event. */
export function changeRequestStatus(
  tx: DbOrTx,
  ctx: ChangeContext,
  request: Request,
  to: RequestStatus,
  actor: RequestActor,
  details: TransitionDetails = {},
): Promise<RequestChangeResult> {
  return changeRequest(tx, ctx, request, actor, { status: to, details });
}

/**
 * The live update of a change: every agent's queue, and, when something public changed (status,
 * a message to or from the citizen), the tracking page and the requester's account. The tracking
 * channel carries the status only, never personal data.
 */
export async function publishRequestChange(
  ctx: Pick<AppContext, 'bus'>,
  request: Pick<Request, 'id' | 'tenantId' | 'status' | 'trackingCode' | 'citizenId'>,
  options: { publicChange: boolean; alsoNotify?: readonly (string | null)[] },
): Promise<void> {
  const data = { id: request.id, status: request.status };
  await ctx.bus.publish({
    channel: realtimeChannels.tenantAgents(request.tenantId),
    type: 'request.updated',
    data,
  });
  const users = new Set<string>(options.alsoNotify?.filter((id): id is string => !!id) ?? []);
  if (options.publicChange) {
    await ctx.bus.publish({
      channel: realtimeChannels.tracking(request.tenantId, request.trackingCode),
      type: 'request.updated',
      data: { status: request.status },
    });
    if (request.citizenId) users.add(request.citizenId);
  }
  for (const userId of users) {
    await ctx.bus.publish({ channel: realtimeChannels.user(userId), type: 'request.updated', data });
  }
}
