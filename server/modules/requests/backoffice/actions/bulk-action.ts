import type { AppContext } from '../../../../app-context';
import type { Principal } from '../../../../platform/auth/principal';
import { AppError, invalidField } from '../../../../platform/http/app-error';
import type { RequestStatus } from '../../lifecycle';
import { assignRequest } from './assign-request';
import type { ActionResult } from './request-change';
import { transitionRequest } from './transition-request';

export interface BulkActionInput {
  ids: string[];
  action: 'assign' | 'transition';
  /** For `assign`: the agent, or null to unassign. */
  agentId?: string | null;
  /** For `transition`. */
  status?: RequestStatus;
  comment?: string | null;
  reason?: string | null;
}

export interface BulkItemResult {
  id: string;
  ok: boolean;
  status?: RequestStatus;
  error?: { code: string; message: string };
}

/**
 * The same action on several requests, each in its own transaction through the single-request
 * use case: one refusal (out of scope, lifecycle, concurrent change) does not stop the others and
 * is reported with its code. Anything other than a domain refusal is a real failure and propagates.
 */
export async function applyBulkAction(
  ctx: AppContext,
  principal: Principal,
  input: BulkActionInput,
): Promise<{ results: BulkItemResult[] }> {
  let run: (requestId: string) => Promise<ActionResult>;
  if (input.action === 'assign') {
    if (input.agentId === undefined) throw invalidField('agentId', 'is required to assign (null unassigns)');
    const agentId = input.agentId;
    run = (requestId) => assignRequest(ctx, principal, { requestId, agentId });
  } else {
    if (!input.status) throw invalidField('status', 'is required for a transition');
    const status = input.status;
    run = (requestId) =>
      transitionRequest(ctx, principal, { requestId, status, comment: input.comment, reason: input.reason });
  }

  const results: BulkItemResult[] = [];
  for (const id of input.ids) {
    try {
      const result = await run(id);
      results.push({ id, ok: true, status: result.status });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ id, ok: false, error: { code: error.code, message: error.message } });
    }
  }
  return { results };
}
