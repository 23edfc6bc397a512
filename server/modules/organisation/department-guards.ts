import type { DbOrTx } from '../../platform/db/client';
import { AppError, invalidField } from '../../platform/http/app-error';
import { type Department, findDepartmentById, findDepartments } from './departments.repository';

/** The department of this tenant, else DEPARTMENT_NOT_FOUND (another tenant's id included). */
export async function getDepartment(db: DbOrTx, tenantId: string, id: string): Promise<Department> {
  const department = await findDepartmentById(db, tenantId, id);
  if (!department) throw new AppError('DEPARTMENT_NOT_FOUND', 'No such department in this town.');
  return department;
}

/** A department named in a body (parent, default department) must be one of this tenant's. */
export async function requireReferencedDepartment(
  db: DbOrTx,
  tenantId: string,
  field: string,
  id: string,
  options: { mustBeActive?: boolean } = {},
): Promise<Department> {
  const department = await findDepartmentById(db, tenantId, id);
  if (!department) throw invalidField(field, 'no such department in this town');
  if (options.mustBeActive && !department.isActive) throw invalidField(field, 'this department is inactive');
  return department;
}

/** Refuses a parent that is the department itself or one of its descendants. */
export async function assertNoCycle(
  db: DbOrTx,
  tenantId: string,
  departmentId: string,
  parentId: string,
): Promise<void> {
  const parentOf = new Map(
    (await findDepartments(db, tenantId)).map((department) => [department.id, department.parentId]),
  );
  let ancestor: string | null | undefined = parentId;
  const seen = new Set<string>();
  while (ancestor && !seen.has(ancestor)) {
    if (ancestor === departmentId) {
      throw new AppError(
        'DEPARTMENT_CYCLE',
        'A department cannot be placed under itself or its sub-departments.',
        {
          errors: [{ field: 'parentId', message: 'would make the department its own ancestor' }],
        },
      );
    }
    seen.add(ancestor);
    ancestor = parentOf.get(ancestor);
  }
}
