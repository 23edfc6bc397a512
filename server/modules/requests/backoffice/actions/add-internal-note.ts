import type { AppContext } from '../../../../app-context';
import type { Principal } from '../../../../platform/auth/principal';
import { transaction } from '../../../../platform/db/transaction';
import { changeRequest } from '../../change-request';
import type { RequestStatus } from '../../lifecycle';
import { agentActorFor, loadRequestForChange, requireText, timelineActorOf } from './request-change';

export interface AddInternalNoteInput {
  requestId: string;
  body: string;
  version?: number;
}

export interface TimelineWriteResult {
  eventId: string;
  id: string;
  status: RequestStatus;
  version: number;
}

/**
 * An agent writes an internal note (agents only, any status): an `internal_note` event, and the
 * text joins the request's search document, which bumps its version.
 */
export async function addInternalNote(
  ctx: AppContext,
  principal: Principal,
  input: AddInternalNoteInput,
): Promise<TimelineWriteResult> {
  const actor = await agentActorFor(ctx, principal);
  const body = requireText('body', input.body);

  const { request, events } = await transaction(ctx.db, async (tx) => {
    const loaded = await loadRequestForChange(tx, actor, input.requestId, input.version);
    return changeRequest(tx, ctx, loaded, timelineActorOf(actor), {
      searchText: body,
      events: [{ type: 'internal_note', visibility: 'internal', body, data: {} }],
    });
  });

  return { eventId: events[0]!.id, id: request.id, status: request.status, version: request.version };
}
