import type { AppContext } from '../../../../app-context';
import type { RequestStatus } from '../../lifecycle';
import {
  appendAgentEvent,
  loadRequestForChange,
  publishRequestChange,
  requireText,
  saveRequestChanges,
  withSearchText,
  type AgentActor,
} from './request-change';

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
  actor: AgentActor,
  input: AddInternalNoteInput,
): Promise<TimelineWriteResult> {
  const body = requireText('body', input.body);
  const now = ctx.clock.now();

  const { request, eventId } = await ctx.db.transaction(async (tx) => {
    const loaded = await loadRequestForChange(tx, actor, input.requestId, input.version);
    const saved = await saveRequestChanges(tx, loaded, { searchExtra: withSearchText(loaded, body) }, now);
    const event = await appendAgentEvent(tx, actor, loaded, {
      type: 'internal_note',
      visibility: 'internal',
      body,
      createdAt: now,
    });
    return { request: saved, eventId: event.id };
  });

  await publishRequestChange(ctx, request, { publicChange: false });
  return { eventId, id: request.id, status: request.status, version: request.version };
}
