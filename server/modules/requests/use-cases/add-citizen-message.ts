import type { AppContext } from '../../../app-context';
import { realtimeChannels } from '../../../platform/events/channels';
import { AppError, invalidField } from '../../../platform/http/app-error';
import { assertTransition, isTerminal, type RequestStatus } from '../lifecycle';
import { requireOwnRequest } from '../requests.policy';
import type { DbOrTx } from '../../../platform/db/client';
import { appendEvent, findRequestById, updateRequestAtVersion, type Request } from '../requests.repository';

export interface CitizenMessageInput {
  tenantId: string;
  citizenId: string;
  requestId: string;
  body: string;
}

/** Statuses a citizen's message moves back to treatment (their reply, or a reopening). */
const reopenedByMessage: readonly RequestStatus[] = ['answered', 'waiting_citizen'];

/**
 * A citizen writes on their own request: a public `citizen_message` event; on an answered (or
 * waiting) request it goes back to `in_progress` in the same transaction. Terminal: 409.
 */
export async function addCitizenMessage(ctx: AppContext, input: CitizenMessageInput) {
  const body = input.body.trim();
  if (!body) throw invalidField('body', 'is required');
  const now = ctx.clock.now();
  const { tenantId } = input;

  const result = await ctx.db.transaction(async (tx) => {
    const request = requireOwnRequest(
      { id: input.citizenId },
      await findRequestById(tx, tenantId, input.requestId),
    );
    const recorded = await appendCitizenMessage(tx, request, { body, actorId: input.citizenId, now });
    return { request: recorded.request, messageId: recorded.eventId };
  });
  await publishCitizenMessage(ctx, result.request);
  return result;
}

/**
 * A citizen's message lands on a request, whichever way it came (the portal, a reply by e-mail or
 * SMS), inside the caller's transaction: the text joins the searchable text, a public
 * `citizen_message` event is written (with `data`, e.g. the channel), and an answered or waiting
 * request goes back to `in_progress` with its `status_changed` event. A terminal request takes no
 * more messages (409); a request changed meanwhile answers REQUEST_CHANGED.
 */
export async function appendCitizenMessage(
  tx: DbOrTx,
  request: Request,
  input: { body: string; actorId: string | null; now: Date; data?: Record<string, unknown> },
): Promise<{ request: Request; eventId: string }> {
  const { body, actorId, now } = input;
  const from = request.status;
  const reopens = reopenedByMessage.includes(from);
  if (reopens || isTerminal(from)) assertTransition(from, 'in_progress', 'citizen');
  const updated = await updateRequestAtVersion(
    tx,
    request.tenantId,
    request.id,
    request.version,
    {
      ...(reopens ? { status: 'in_progress' as const } : {}),
      searchExtra: `${request.searchExtra} ${body}`.slice(-100_000),
    },
    now,
  );
  if (!updated) throw new AppError('REQUEST_CHANGED', 'The request changed meanwhile; try again.');
  const message = await appendEvent(tx, {
    tenantId: request.tenantId,
    requestId: request.id,
    type: 'citizen_message',
    actorId,
    actorKind: 'citizen',
    visibility: 'public',
    body,
    ...(input.data ? { data: input.data } : {}),
    createdAt: now,
  });
  if (reopens) {
    await appendEvent(tx, {
      tenantId: request.tenantId,
      requestId: request.id,
      type: 'status_changed',
      actorId,
      actorKind: 'citizen',
      visibility: 'public',
      data: { from, to: 'in_progress' },
      createdAt: now,
    });
  }
  return { request: updated, eventId: message.id };
}

/** After the commit: the tracking page, the agents and the citizen's own pages follow the change. */
export async function publishCitizenMessage(ctx: Pick<AppContext, 'bus'>, request: Request): Promise<void> {
  const data = { id: request.id, status: request.status };
  await ctx.bus.publish({
    channel: realtimeChannels.tracking(request.tenantId, request.trackingCode),
    type: 'request.updated',
    data: { status: request.status },
  });
  await ctx.bus.publish({
    channel: realtimeChannels.tenantAgents(request.tenantId),
    type: 'request.updated',
    data,
  });
  if (request.citizenId) {
    await ctx.bus.publish({
      channel: realtimeChannels.user(request.citizenId),
      type: 'request.updated',
      data,
    });
  }
}
