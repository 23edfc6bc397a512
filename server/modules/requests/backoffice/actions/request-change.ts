/**
 * What every back-office action shares: loading the request in the agent's scope inside the
 * transaction, the optimistic version check, the phase timestamps of a status change, the timeline
 * events written as the agent, and the realtime notices sent after the commit.
 */
import type { AppContext } from '../../../../app-context';
import type { DbOrTx } from '../../../../platform/db/client';
import { realtimeChannels } from '../../../../platform/events/channels';
import { AppError, invalidField } from '../../../../platform/http/app-error';
import type { AuthUser } from '../../../../platform/http/request-context';
import { requireVisibleRequest, type AgentScope } from '../../backoffice.policy';
import type { RequestStatus } from '../../lifecycle';
import {
  appendEvent,
  findRequestById,
  updateRequestAtVersion,
  type NewRequest,
  type NewRequestEvent,
  type Request,
  type RequestEvent,
} from '../../requests.repository';

/** The agent acting, with the scope computed once per HTTP request (bulk reuses it for every id). */
export interface AgentActor {
  user: AuthUser;
  scope: AgentScope;
}

/** What every action answers: enough for the UI to refresh one row without reloading. */
export interface ActionResult {
  id: string;
  status: RequestStatus;
  version: number;
  assigneeId: string | null;
  departmentId: string | null;
  dueAt: string | null;
}

export type RequestChanges = Partial<
  Omit<NewRequest, 'id' | 'tenantId' | 'version' | 'reference' | 'trackingCode'>
>;

export function toActionResult(request: Request): ActionResult {
  return {
    id: request.id,
    status: request.status,
    version: request.version,
    assigneeId: request.assigneeId,
    departmentId: request.departmentId,
    dueAt: request.dueAt?.toISOString() ?? null,
  };
}

export function requestChanged(): AppError {
  return new AppError('REQUEST_CHANGED', 'The request changed meanwhile; reload it and try again.');
}

/**
 * The request as the transaction sees it, if the agent's scope covers it (404 otherwise, as for a
 * missing one) and, when the client sent the version it showed, if nobody changed it since (409).
 */
export async function loadRequestForChange(
  tx: DbOrTx,
  actor: AgentActor,
  requestId: string,
  expectedVersion?: number,
): Promise<Request> {
  const request = requireVisibleRequest(
    actor.scope,
    await findRequestById(tx, actor.scope.tenantId, requestId),
  );
  if (expectedVersion !== undefined && expectedVersion !== request.version) throw requestChanged();
  return request;
}

/** Applies `changes` at the version loaded; a concurrent writer in between makes it a 409. */
export async function saveRequestChanges(
  tx: DbOrTx,
  request: Request,
  changes: RequestChanges,
  now: Date,
): Promise<Request> {
  const updated = await updateRequestAtVersion(
    tx,
    request.tenantId,
    request.id,
    request.version,
    changes,
    now,
  );
  if (!updated) throw requestChanged();
  return updated;
}

/** A timeline event written by the agent, in the caller's transaction. */
export function appendAgentEvent(
  tx: DbOrTx,
  actor: AgentActor,
  request: Pick<Request, 'id' | 'tenantId'>,
  event: Pick<NewRequestEvent, 'type' | 'visibility' | 'body' | 'data' | 'createdAt'>,
): Promise<RequestEvent> {
  return appendEvent(tx, {
    tenantId: request.tenantId,
    requestId: request.id,
    actorId: actor.user.id,
    actorKind: 'agent',
    ...event,
  });
}

/** The searchable text of a request with `text` appended (messages, notes, reasons), capped like the citizen's messages. */
export function withSearchText(request: Pick<Request, 'searchExtra'>, text: string): string {
  return `${request.searchExtra} ${text}`.slice(-100_000);
}

/** A required free text (body, reason): trimmed, and a 400 naming the field when blank. */
export function requireText(field: string, value: string | undefined | null): string {
  const text = value?.trim() ?? '';
  if (!text) throw invalidField(field, 'is required');
  return text;
}

/**
 * The phase timestamps that go with entering `to`: qualification, the first start of treatment,
 * the (latest) answer, the closure. Reopening a closed request clears its closure.
 */
export function phaseTimestampsFor(
  request: Pick<Request, 'status' | 'qualifiedAt' | 'treatmentStartedAt'>,
  to: RequestStatus,
  now: Date,
): RequestChanges {
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

/**
 * After the commit: every agent's queue, and, when something public changed (status, a message
 * to the citizen), the tracking page and the citizen's account. The tracking channel carries the
 * status only, never personal data.
 */
export async function publishRequestChange(
  ctx: Pick<AppContext, 'bus'>,
  request: Request,
  options: { publicChange: boolean; alsoNotify?: (string | null)[] },
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
