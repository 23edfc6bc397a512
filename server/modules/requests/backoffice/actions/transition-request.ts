import type { AppContext } from '../../../../app-context';
import { invalidField } from '../../../../platform/http/app-error';
import { sendSatisfactionInvitation } from '../../closure/auto-close';
import { assertTransition, type RequestStatus } from '../../lifecycle';
import { requireOriginalRequest } from './duplicate-original';
import {
  appendAgentEvent,
  loadRequestForChange,
  phaseTimestampsFor,
  publishRequestChange,
  requireText,
  saveRequestChanges,
  toActionResult,
  withSearchText,
  type ActionResult,
  type AgentActor,
  type RequestChanges,
} from './request-change';

export interface TransitionRequestInput {
  requestId: string;
  status: RequestStatus;
  /** An internal remark on the change (kept as an `internal_note`, never shown to the citizen). */
  comment?: string | null;
  /** Required to reject (shown to the citizen) and to reopen a closed request (internal). */
  reason?: string | null;
  /** Required to mark a duplicate: the original request. */
  duplicateOf?: string | null;
  version?: number;
}

/**
 * Moves a request along the lifecycle as an agent, with the phase timestamps of the new status.
 * Timeline: `status_changed` (public, {from, to}); a rejection carries its reason as the event's
 * body, since the citizen must know why; a duplicate is a `duplicate` event naming the original;
 * the comment and a reopening's reason go to an `internal_note`. Refusals: 409
 * TRANSITION_NOT_ALLOWED with the allowed statuses, 400 for a missing reason or original.
 */
export async function transitionRequest(
  ctx: AppContext,
  actor: AgentActor,
  input: TransitionRequestInput,
): Promise<ActionResult> {
  const now = ctx.clock.now();
  const to = input.status;
  const comment = input.comment?.trim() || null;
  const reason = input.reason?.trim() || null;

  const updated = await ctx.db.transaction(async (tx) => {
    const request = await loadRequestForChange(tx, actor, input.requestId, input.version);
    const from = request.status;
    assertTransition(from, to, 'agent', { reason, duplicateOfId: input.duplicateOf });
    if (to === 'qualified' && (!request.categoryId || !request.departmentId)) {
      throw invalidField(
        'status',
        'a request without a category and a department must be qualified with them',
      );
    }

    const changes: RequestChanges = { status: to, ...phaseTimestampsFor(request, to, now) };
    let searchText = comment ?? '';
    let original: { id: string; reference: string } | null = null;
    if (to === 'rejected') {
      changes.rejectionReason = requireText('reason', reason);
      searchText = `${searchText} ${changes.rejectionReason}`;
    }
    if (to === 'duplicate') {
      original = await requireOriginalRequest(tx, request, input.duplicateOf!);
      changes.duplicateOfId = original.id;
    }
    const reopens = from === 'closed';
    if (reopens && reason) searchText = `${searchText} ${reason}`;
    if (searchText.trim()) changes.searchExtra = withSearchText(request, searchText.trim());

    const saved = await saveRequestChanges(tx, request, changes, now);
    if (original) {
      await appendAgentEvent(tx, actor, request, {
        type: 'duplicate',
        visibility: 'public',
        data: { from, to, duplicateOfId: original.id, duplicateOfReference: original.reference },
        createdAt: now,
      });
    } else {
      await appendAgentEvent(tx, actor, request, {
        type: 'status_changed',
        visibility: 'public',
        body: to === 'rejected' ? reason : null,
        data: to === 'rejected' ? { from, to, reason } : { from, to },
        createdAt: now,
      });
    }
    if (reopens && reason) {
      await appendAgentEvent(tx, actor, request, {
        type: 'internal_note',
        visibility: 'internal',
        body: reason,
        data: { context: 'reopening', from, to },
        createdAt: now,
      });
    }
    if (comment) {
      await appendAgentEvent(tx, actor, request, {
        type: 'internal_note',
        visibility: 'internal',
        body: comment,
        data: { context: 'status_changed', from, to },
        createdAt: now,
      });
    }
    if (to === 'closed') {
      // Closed by hand as by the auto-closure job: the requester is offered the satisfaction survey.
      await sendSatisfactionInvitation(tx, ctx, saved);
    }
    return saved;
  });

  await publishRequestChange(ctx, updated, { publicChange: true });
  return toActionResult(updated);
}
