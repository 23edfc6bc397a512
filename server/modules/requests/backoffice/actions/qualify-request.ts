import type { AppContext } from '../../../../app-context';
import type { Principal } from '../../../../platform/auth/principal';
import type { DbOrTx } from '../../../../platform/db/client';
import { transaction } from '../../../../platform/db/transaction';
import { invalidField } from '../../../../platform/http/app-error';
import { computeTenantDueDate, findCategoryById, findDepartmentById } from '../../../organisation';
import { changeRequest } from '../../change-request';
import { assertTransition } from '../../lifecycle';
import type { RequestPriority } from '../../requests.tables';
import { requireOriginalRequest } from './duplicate-original';
import {
  agentActorFor,
  loadRequestForChange,
  timelineActorOf,
  toActionResult,
  type ActionResult,
} from './request-change';

export interface QualifyRequestInput {
  requestId: string;
  categoryId: string;
  departmentId: string;
  priority: RequestPriority;
  /** Marks the request a duplicate of this one instead of qualifying it. */
  duplicateOf?: string | null;
  version?: number;
}

async function requireActiveCategory(tx: DbOrTx, tenantId: string, categoryId: string) {
  const category = await findCategoryById(tx, tenantId, categoryId);
  if (!category?.isActive) throw invalidField('categoryId', 'is not an active category of this town');
  return category;
}

async function requireActiveDepartment(tx: DbOrTx, tenantId: string, departmentId: string) {
  const department = await findDepartmentById(tx, tenantId, departmentId);
  if (!department?.isActive) throw invalidField('departmentId', 'is not an active department of this town');
  return department;
}

/**
 * Reception qualifies a `received` request: category, department and priority, and the due date
 * recomputed from the category's deadline in business days from receipt; the request becomes
 * `qualified` (public `qualified` event). With `duplicateOf` it becomes a `duplicate` of that
 * request instead (public `duplicate` event), keeping the classification for the statistics.
 */
export async function qualifyRequest(
  ctx: AppContext,
  principal: Principal,
  input: QualifyRequestInput,
): Promise<ActionResult> {
  const actor = await agentActorFor(ctx, principal);
  const tenantId = actor.scope.tenantId;

  const updated = await transaction(ctx.db, async (tx) => {
    const request = await loadRequestForChange(tx, actor, input.requestId, input.version);
    const from = request.status;
    // Qualifying is the first step, from `received` only, whatever the outcome.
    assertTransition(from, 'qualified', 'agent');
    const category = await requireActiveCategory(tx, tenantId, input.categoryId);
    const department = await requireActiveDepartment(tx, tenantId, input.departmentId);
    const before = {
      categoryId: request.categoryId,
      departmentId: request.departmentId,
      priority: request.priority,
      dueAt: request.dueAt?.toISOString() ?? null,
    };
    const classification = { categoryId: category.id, departmentId: department.id, priority: input.priority };

    if (input.duplicateOf) {
      const original = await requireOriginalRequest(tx, request, input.duplicateOf);
      const { request: saved } = await changeRequest(tx, ctx, request, timelineActorOf(actor), {
        status: 'duplicate',
        details: { duplicateOfId: original.id },
        set: { ...classification, duplicateOfId: original.id },
        events: [
          {
            type: 'duplicate',
            visibility: 'public',
            data: {
              from,
              to: 'duplicate',
              duplicateOfId: original.id,
              duplicateOfReference: original.reference,
              ...classification,
              before,
            },
          },
        ],
      });
      return saved;
    }

    const { dueAt } = await computeTenantDueDate(tx, tenantId, request.receivedAt, category.deadlineDays);
    const { request: saved } = await changeRequest(tx, ctx, request, timelineActorOf(actor), {
      status: 'qualified',
      set: { ...classification, dueAt },
      events: [
        {
          type: 'qualified',
          visibility: 'public',
          data: { from, to: 'qualified', ...classification, dueAt: dueAt.toISOString(), before },
        },
      ],
    });
    return saved;
  });

  return toActionResult(updated);
}
