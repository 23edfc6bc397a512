import type { AppContext } from '../../../app-context';
import { AppError } from '../../../platform/http/app-error';
import { isUniqueViolation } from '../../../platform/db/database-errors';
import { type Department, findDepartmentByCode, insertDepartment } from '../departments.repository';
import { optionalText, requireText } from '../input-rules';
import { lockTenant } from '../tenants.repository';
import { requireReferencedDepartment } from '../department-guards';
import type { Principal } from '../../../platform/auth/principal';

export interface CreateDepartmentInput {
  code: string;
  name: string;
  parentId?: string | null;
  email?: string | null;
  phone?: string | null;
  postalAddress?: string | null;
}

export function departmentCodeTaken(code: string): AppError {
  return new AppError('DEPARTMENT_CODE_TAKEN', `A department already uses the code "${code}".`, {
    errors: [{ field: 'code', message: 'is already used by another department' }],
  });
}

/** An administrator adds a department (service), possibly under a parent of the same town. */
export async function createDepartment(
  deps: Pick<AppContext, 'db'>,
  principal: Principal,
  input: CreateDepartmentInput,
): Promise<Department> {
  const { tenantId } = principal;
  const name = requireText('name', input.name);
  const phone = optionalText('phone', input.phone);
  const postalAddress = optionalText('postalAddress', input.postalAddress);
  return deps.db
    .transaction(async (tx) => {
      await lockTenant(tx, tenantId);
      if (await findDepartmentByCode(tx, tenantId, input.code)) throw departmentCodeTaken(input.code);
      if (input.parentId) await requireReferencedDepartment(tx, tenantId, 'parentId', input.parentId);
      return insertDepartment(tx, tenantId, {
        code: input.code,
        name,
        parentId: input.parentId ?? null,
        email: input.email ?? null,
        phone: phone ?? null,
        postalAddress: postalAddress ?? null,
      });
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error, 'departments_tenant_code_key')) throw departmentCodeTaken(input.code);
      throw error;
    });
}
