import type { TimelineEventInput } from '../../../../../common/timeline-events';
import type { AppContext } from '../../../../app-context';
import type { Principal } from '../../../../platform/auth/principal';
import { transaction } from '../../../../platform/db/transaction';
import { invalidField } from '../../../../platform/http/app-error';
import { changeRequest, type RequestFieldChanges } from '../../change-request';
import { sendSatisfactionInvitation } from '../../closure/auto-close';
import { assertTransition, type RequestStatus } from '../../lifecycle';
import { requireOriginalRequest } from './duplicate-original';
import {
  agentActorFor,
  loadRequestForChange,
  requireText,
  timelineActorOf,
  toActionResult,
  type ActionResult,
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
  principal: Principal,
  input: TransitionRequestInput,
): Promise<ActionResult> {
  const actor = await agentActorFor(ctx, principal);
  const to = input.status;
  const comment = input.comment?.trim() || null;
  const reason = input.reason?.trim() || null;

  const updated = await transaction(ctx.db, async (tx) => {
    const request = await loadRequestForChange(tx, actor, input.requestId, input.version);
    const from = request.status;
    assertTransition(from, to, 'agent', { reason, duplicateOfId: input.duplicateOf });
    if (to === 'qualified' && (!request.categoryId || !request.departmentId)) {
      throw invalidField(
        'status',
        'a request without a category and a department must be qualified with them',
      );
    }

    const set: RequestFieldChanges = {};
    const searchText: string[] = comment ? [comment] : [];
    const events: TimelineEventInput[] = [];
    if (to === 'rejected') {
      set.rejectionReason = requireText('reason', reason);
      searchText.push(set.rejectionReason);
    }
    if (to === 'duplicate' && input.duplicateOf) {
      const original = await requireOriginalRequest(tx, request, input.duplicateOf);
      set.duplicateOfId = original.id;
      events.push({
        type: 'duplicate',
        visibility: 'public',
        data: { from, to: 'duplicate', duplicateOfId: original.id, duplicateOfReference: original.reference },
      });
    } else {
      events.push({
        type: 'status_changed',
        visibility: 'public',
        body: to === 'rejected' ? reason : null,
        data: to === 'rejected' && reason ? { from, to, reason } : { from, to },
      });
    }
    const reopens = from === 'closed';
    if (reopens && reason) {
      searchText.push(reason);
      events.push({
        type: 'internal_note',
        visibility: 'internal',
        body: reason,
        data: { context: 'reopening', from, to },
      });
    }
    if (comment) {
      events.push({
        type: 'internal_note',
        visibility: 'internal',
        body: comment,
        data: { context: 'status_changed', from, to },
      });
    }

    const { request: saved } = await changeRequest(tx, ctx, request, timelineActorOf(actor), {
      status: to,
      details: { reason, duplicateOfId: input.duplicateOf },
      set,
      searchText: searchText.join(' '),
      events,
    });
    if (to === 'closed') {
      // Closed by hand as by the auto-closure job: the requester is offered the satisfaction survey.
      await sendSatisfactionInvitation(tx, ctx, saved);
    }
    return saved;
  });

  return toActionResult(updated);
}
