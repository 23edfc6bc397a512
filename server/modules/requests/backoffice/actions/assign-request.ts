import type { TimelineEventInput } from '../../../../../common/timeline-events';
import type { AppContext } from '../../../../app-context';
import type { Principal } from '../../../../platform/auth/principal';
import type { DbOrTx } from '../../../../platform/db/client';
import { transaction } from '../../../../platform/db/transaction';
import { AppError, invalidField } from '../../../../platform/http/app-error';
import { findDepartmentIdsOfUser, findUserById } from '../../../accounts';
import { changeRequest } from '../../change-request';
import { assertTransition, isTerminal } from '../../lifecycle';
import type { Request } from '../../requests.repository';
import {
  agentActorFor,
  loadRequestForChange,
  timelineActorOf,
  toActionResult,
  type ActionResult,
  type AgentActor,
} from './request-change';

export interface AssignRequestInput {
  requestId: string;
  /** The agent to entrust the request to; null takes it back from its assignee. */
  agentId: string | null;
  version?: number;
}

/**
 * Who may be assigned: an active agent of the town. An administrator or a manager may assign any
 * of them; anyone else may take the request themselves or give it to a member of its department.
 */
async function requireAssignableAgent(tx: DbOrTx, actor: AgentActor, request: Request, agentId: string) {
  const agent = await findUserById(tx, actor.scope.tenantId, agentId);
  if (!agent || agent.kind !== 'agent' || !agent.isActive) {
    throw invalidField('agentId', 'is not an active agent of this town');
  }
  const roles = actor.user.roles;
  if (roles.includes('admin') || roles.includes('manager') || agent.id === actor.user.id) return agent;
  const departmentIds = await findDepartmentIdsOfUser(tx, agent.tenantId, agent.id);
  if (request.departmentId === null || !departmentIds.includes(request.departmentId)) {
    throw invalidField(
      'agentId',
      'must be a member of the request’s department (only a manager or an administrator may assign anyone)',
    );
  }
  return agent;
}

/**
 * Entrusts a request to an agent (internal `assigned` event with the previous and new assignee),
 * or unassigns it. Assigning a `qualified` request starts its treatment (`in_progress`, public
 * `status_changed`). A finished request (closed, rejected, duplicate, cancelled) cannot be assigned:
 * 409 REQUEST_CLOSED. Assigning the current assignee again changes nothing.
 */
export async function assignRequest(
  ctx: AppContext,
  principal: Principal,
  input: AssignRequestInput,
): Promise<ActionResult> {
  const actor = await agentActorFor(ctx, principal);
  const updated = await transaction(ctx.db, async (tx) => {
    const request = await loadRequestForChange(tx, actor, input.requestId, input.version);
    if (isTerminal(request.status)) {
      throw new AppError(
        'REQUEST_CLOSED',
        `A ${request.status} request cannot be assigned; reopen it first.`,
        {
          requestStatus: request.status,
        },
      );
    }
    if (input.agentId) await requireAssignableAgent(tx, actor, request, input.agentId);
    const startsTreatment = input.agentId !== null && request.status === 'qualified';
    if (input.agentId === request.assigneeId && !startsTreatment) return request;
    if (startsTreatment) assertTransition(request.status, 'in_progress', 'agent');

    const events: TimelineEventInput[] =
      input.agentId !== request.assigneeId
        ? [
            {
              type: 'assigned',
              visibility: 'internal',
              data: { from: request.assigneeId, to: input.agentId },
            },
          ]
        : [];
    const { request: saved } = await changeRequest(tx, ctx, request, timelineActorOf(actor), {
      ...(startsTreatment ? { status: 'in_progress' as const } : {}),
      set: { assigneeId: input.agentId },
      events,
      notify: [input.agentId, request.assigneeId],
    });
    return saved;
  });

  return toActionResult(updated);
}
