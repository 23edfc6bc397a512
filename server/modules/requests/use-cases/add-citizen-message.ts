import type { TimelineEventDataOf } from '../../../../common/timeline-events';
import type { AppContext } from '../../../app-context';
import { requireSignedIn, type Principal } from '../../../platform/auth/principal';
import type { DbOrTx } from '../../../platform/db/client';
import { transaction } from '../../../platform/db/transaction';
import { invalidField } from '../../../platform/http/app-error';
import { changeRequest } from '../change-request';
import { isTerminal, type RequestStatus } from '../lifecycle';
import { findRequestById, type Request } from '../requests.repository';
import { requireOwnRequest } from '../requests.policy';

export interface CitizenMessageInput {
  requestId: string;
  body: string;
}

/** Statuses a citizen's message moves back to treatment (their reply, or a reopening). */
const reopenedByMessage: readonly RequestStatus[] = ['answered', 'waiting_citizen'];

/**
 * A citizen writes on their own request: a public `citizen_message` event; on an answered (or
 * waiting) request it goes back to `in_progress` in the same transaction. Terminal: 409.
 */
export async function addCitizenMessage(ctx: AppContext, principal: Principal, input: CitizenMessageInput) {
  const citizen = requireSignedIn(principal);
  const body = input.body.trim();
  if (!body) throw invalidField('body', 'is required');
  const { tenantId } = citizen;

  return transaction(ctx.db, async (tx) => {
    const request = requireOwnRequest(
      { id: citizen.id },
      await findRequestById(tx, tenantId, input.requestId),
    );
    const recorded = await appendCitizenMessage(tx, ctx, request, { body, actorId: citizen.id });
    return { request: recorded.request, messageId: recorded.eventId };
  });
}

/**
 * A citizen's message lands on a request, whichever way it came (the portal, a reply by e-mail or
 * SMS), inside the caller's transaction: the text joins the searchable text, a public
 * `citizen_message` event is written (with `data`, e.g. the channel), and an answered or waiting
 * request goes back to `in_progress` with its `status_changed` event. A terminal request takes no
 * more messages (409 TRANSITION_NOT_ALLOWED); a request changed meanwhile answers REQUEST_CHANGED.
 * The tracking page, the agents and the citizen's pages follow after the commit.
 */
export async function appendCitizenMessage(
  tx: DbOrTx,
  ctx: Pick<AppContext, 'bus' | 'clock'>,
  request: Request,
  input: { body: string; actorId: string | null; data?: TimelineEventDataOf<'citizen_message'> },
): Promise<{ request: Request; eventId: string }> {
  const from = request.status;
  const reopens = reopenedByMessage.includes(from);
  const { request: updated, events } = await changeRequest(
    tx,
    ctx,
    request,
    { kind: 'citizen', id: input.actorId },
    {
      // A terminal request refuses the message through the lifecycle (409).
      ...(reopens || isTerminal(from) ? { status: 'in_progress' as const } : {}),
      searchText: input.body,
      events: [{ type: 'citizen_message', visibility: 'public', body: input.body, data: input.data ?? {} }],
    },
  );
  return { request: updated, eventId: events[0]!.id };
}
