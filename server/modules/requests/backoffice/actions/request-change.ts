/**
 * What every back-office action shares: loading the request in the agent's scope inside the
 * transaction, the optimistic version check against the version the agent's page showed, and
 * the row the UI refreshes from. The change itself goes through `changeRequest`.
 */
import type { AppContext } from '../../../../app-context';
import { requireAgentRole, type Principal } from '../../../../platform/auth/principal';
import type { DbOrTx } from '../../../../platform/db/client';
import { invalidField } from '../../../../platform/http/app-error';
import type { AuthUser } from '../../../../platform/http/request-context';
import { agentScopeOf, requireVisibleRequest, type AgentScope } from '../../backoffice.policy';
import { requestChanged } from '../../change-request';
import type { RequestStatus } from '../../lifecycle';
import { findRequestById, type Request } from '../../requests.repository';
import type { RequestActor } from '../../timeline';

/** The agent acting, with the requests they may act on. */
export interface AgentActor {
  user: AuthUser;
  scope: AgentScope;
}

/** The scope of each principal, computed once (a bulk action reuses it for every request). */
const actors = new WeakMap<Principal, Promise<AgentActor>>();

/**
 * The logged-in agent behind `principal` and their scope (401 for nobody, 403 for a citizen).
 * Back-office use cases act for agents only; API keys will get their own scope here.
 */
export function agentActorFor(ctx: Pick<AppContext, 'db'>, principal: Principal): Promise<AgentActor> {
  const user = requireAgentRole(principal);
  let actor = actors.get(principal);
  if (!actor) {
    actor = agentScopeOf(ctx.db, user).then((scope) => ({ user, scope }));
    actors.set(principal, actor);
  }
  return actor;
}

/** The agent as the timeline names them. */
export function timelineActorOf(actor: AgentActor): RequestActor {
  return { kind: 'agent', id: actor.user.id };
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

/** A required free text (body, reason): trimmed, and a 400 naming the field when blank. */
export function requireText(field: string, value: string | undefined | null): string {
  const text = value?.trim() ?? '';
  if (!text) throw invalidField(field, 'is required');
  return text;
}
