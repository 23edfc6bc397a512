import type { AppContext } from '../../../app-context';
import { realtimeChannels } from '../../../platform/events/channels';
import { AppError, invalidField } from '../../../platform/http/app-error';
import { assertTransition, isTerminal, type RequestStatus } from '../lifecycle';
import { requireOwnRequest } from '../requests.policy';
import { appendEvent, findRequestById, updateRequestAtVersion } from '../requests.repository';

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
    const from = request.status;
    const reopens = reopenedByMessage.includes(from);
    // A closed, rejected, duplicate or cancelled request takes no more messages (409 with the code).
    if (reopens || isTerminal(from)) assertTransition(from, 'in_progress', 'citizen');
    const updated = await updateRequestAtVersion(
      tx,
      tenantId,
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
      tenantId,
      requestId: request.id,
      type: 'citizen_message',
      actorId: input.citizenId,
      actorKind: 'citizen',
      visibility: 'public',
      body,
      createdAt: now,
    });
    if (reopens) {
      await appendEvent(tx, {
        tenantId,
        requestId: request.id,
        type: 'status_changed',
        actorId: input.citizenId,
        actorKind: 'citizen',
        visibility: 'public',
        data: { from, to: 'in_progress' },
        createdAt: now,
      });
    }
    return { request: updated, messageId: message.id };
  });

  const { request } = result;
  const data = { id: request.id, status: request.status };
  await ctx.bus.publish({
    channel: realtimeChannels.tracking(request.tenantId, request.trackingCode),
    type: 'request.updated',
    data: { status: request.status },
  });
  await ctx.bus.publish({ channel: realtimeChannels.tenantAgents(tenantId), type: 'request.updated', data });
  await ctx.bus.publish({ channel: realtimeChannels.user(input.citizenId), type: 'request.updated', data });
  return result;
}
