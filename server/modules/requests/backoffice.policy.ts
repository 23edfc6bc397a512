import { and, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import type { AuthUser } from '../../platform/http/request-context';
import { findDepartments } from '../organisation';
import { requestNotFound } from './requests.policy';
import type { Request } from './requests.repository';
import { requests } from './requests.tables';

/**
 * Which requests an agent may see in the back office (and so act on, within the lifecycle):
 * - an admin sees every request of the town;
 * - a manager sees the requests of their departments and of the departments beneath them;
 * - an agent (or signatory) sees the requests of the departments they belong to;
 * - reception sees every request that awaits qualification (status `received`);
 * - everyone sees the requests assigned to them, wherever they sit.
 * Roles add up. Anything outside the scope answers 404 (REQUEST_NOT_FOUND), revealing nothing.
 */
export interface AgentScope {
  tenantId: string;
  /** The agent: requests assigned to them stay visible whatever their department. */
  userId: string;
  all: boolean;
  /** Departments whose requests the agent sees in every status. */
  departmentIds: string[];
  /** Sees every request waiting for qualification, whatever its department. */
  qualificationQueue: boolean;
}

/** The departments beneath `rootIds` (and themselves), walking the parent links. */
export function withDescendants(
  departments: ReadonlyArray<{ id: string; parentId: string | null }>,
  rootIds: readonly string[],
): string[] {
  const children = new Map<string, string[]>();
  for (const department of departments) {
    if (!department.parentId) continue;
    const siblings = children.get(department.parentId) ?? [];
    siblings.push(department.id);
    children.set(department.parentId, siblings);
  }
  const seen = new Set<string>();
  const stack = [...rootIds];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return [...seen];
}

/** The scope of a logged-in agent; a citizen gets an empty scope (they use the citizen API). */
export async function agentScopeOf(db: DbOrTx, user: AuthUser): Promise<AgentScope> {
  const empty: AgentScope = {
    tenantId: user.tenantId,
    userId: user.id,
    all: false,
    departmentIds: [],
    qualificationQueue: false,
  };
  if (user.kind !== 'agent') return empty;
  if (user.roles.includes('admin')) return { ...empty, all: true, qualificationQueue: true };
  let departmentIds = [...user.departmentIds];
  if (user.roles.includes('manager') && departmentIds.length > 0) {
    departmentIds = withDescendants(await findDepartments(db, user.tenantId), departmentIds);
  }
  return { ...empty, departmentIds, qualificationQueue: user.roles.includes('reception') };
}

/** Whether the scope covers this request (the request must already be of the scope's tenant). */
export function scopeCovers(
  scope: AgentScope,
  request: Pick<Request, 'tenantId' | 'departmentId' | 'status' | 'assigneeId'>,
) {
  if (request.tenantId !== scope.tenantId) return false;
  if (scope.all) return true;
  if (request.assigneeId !== null && request.assigneeId === scope.userId) return true;
  if (scope.qualificationQueue && request.status === 'received') return true;
  return request.departmentId !== null && scope.departmentIds.includes(request.departmentId);
}

/** The request if the scope covers it; otherwise the same 404 as for a request that does not exist. */
export function requireVisibleRequest(scope: AgentScope, request: Request | undefined): Request {
  if (!request || !scopeCovers(scope, request)) throw requestNotFound();
  return request;
}

/** The SQL condition selecting exactly the requests `scope` covers (tenant included). */
export function scopeCondition(scope: AgentScope): SQL {
  const tenant = eq(requests.tenantId, scope.tenantId);
  if (scope.all) return tenant;
  const reach: SQL[] = [eq(requests.assigneeId, scope.userId)];
  if (scope.departmentIds.length > 0) reach.push(inArray(requests.departmentId, scope.departmentIds));
  if (scope.qualificationQueue) reach.push(eq(requests.status, 'received'));
  return and(tenant, reach.length === 1 ? reach[0]! : or(...reach)!)!;
}
