import type { AppContext } from '../../../app-context';
import { AppError } from '../../../platform/http/app-error';
import { findCategories } from '../categories.repository';
import { isUniqueViolation } from '../../../platform/db/database-errors';
import {
  findDepartmentByCode,
  findDepartments,
  updateDepartment as updateDepartmentRow,
  type Department,
  type DepartmentFields,
} from '../departments.repository';
import { optionalText } from '../input-rules';
import { lockTenant } from '../tenants.repository';
import { type CreateDepartmentInput, departmentCodeTaken } from './create-department';
import { assertNoCycle, getDepartment, requireReferencedDepartment } from '../department-guards';
import type { Principal } from '../../../platform/auth/principal';

export type UpdateDepartmentInput = Partial<CreateDepartmentInput> & { isActive?: boolean };

/**
 * An administrator edits a department. Departments are deactivated, never deleted; one still
 * routing active categories or heading active sub-departments cannot be deactivated.
 */
export async function updateDepartment(
  deps: Pick<AppContext, 'db' | 'clock'>,
  principal: Principal,
  id: string,
  input: UpdateDepartmentInput,
): Promise<Department> {
  const { tenantId } = principal;
  const changes: Partial<DepartmentFields> = {
    code: input.code,
    name: input.name === undefined ? undefined : (optionalText('name', input.name) ?? undefined),
    parentId: input.parentId,
    email: input.email,
    phone: optionalText('phone', input.phone),
    postalAddress: optionalText('postalAddress', input.postalAddress),
    isActive: input.isActive,
  };
  return deps.db
    .transaction(async (tx) => {
      await lockTenant(tx, tenantId);
      const department = await getDepartment(tx, tenantId, id);
      if (input.code !== undefined && input.code !== department.code) {
        if (await findDepartmentByCode(tx, tenantId, input.code)) throw departmentCodeTaken(input.code);
      }
      if (input.parentId) {
        await requireReferencedDepartment(tx, tenantId, 'parentId', input.parentId);
        await assertNoCycle(tx, tenantId, id, input.parentId);
      }
      if (input.isActive === false && department.isActive) await assertUnused(tx, tenantId, id);
      return (await updateDepartmentRow(tx, tenantId, id, changes, deps.clock.now()))!;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error, 'departments_tenant_code_key'))
        throw departmentCodeTaken(input.code ?? '');
      throw error;
    });
}

async function assertUnused(tx: Parameters<typeof findCategories>[0], tenantId: string, id: string) {
  const categories = (await findCategories(tx, tenantId, { activeOnly: true })).filter(
    (category) => category.defaultDepartmentId === id,
  );
  const children = (await findDepartments(tx, tenantId)).filter(
    (department) => department.parentId === id && department.isActive,
  );
  if (categories.length === 0 && children.length === 0) return;
  throw new AppError(
    'DEPARTMENT_IN_USE',
    'This department still receives active categories or heads active departments: reassign them first.',
    {
      categoryIds: categories.map((category) => category.id),
      childDepartmentIds: children.map((department) => department.id),
      errors: [{ field: 'isActive', message: 'the department is still in use' }],
    },
  );
}
