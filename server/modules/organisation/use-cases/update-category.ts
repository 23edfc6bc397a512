import type { AppContext } from '../../../app-context';
import { AppError } from '../../../platform/http/app-error';
import {
  findCategoryByCode,
  findCategoryById,
  updateCategory as updateCategoryRow,
  type Category,
} from '../categories.repository';
import { isUniqueViolation } from '../../../platform/db/database-errors';
import { requireReferencedDepartment } from '../department-guards';
import { requireText, resolveSilenceSetting } from '../input-rules';
import { categoryCodeTaken, type CreateCategoryInput } from './create-category';
import type { Principal } from '../../../platform/auth/principal';

export type UpdateCategoryInput = Partial<CreateCategoryInput> & { isActive?: boolean };

/** An administrator edits a category, or deactivates it (it then leaves the citizens' list). */
export async function updateCategory(
  deps: Pick<AppContext, 'db' | 'clock'>,
  principal: Principal,
  id: string,
  input: UpdateCategoryInput,
): Promise<Category> {
  const { tenantId } = principal;
  const name = input.name === undefined ? undefined : requireText('name', input.name);
  return deps.db
    .transaction(async (tx) => {
      const category = await findCategoryById(tx, tenantId, id);
      if (!category) throw new AppError('CATEGORY_NOT_FOUND', 'No such category in this town.');
      if (input.code !== undefined && input.code !== category.code) {
        if (await findCategoryByCode(tx, tenantId, input.code)) throw categoryCodeTaken(input.code);
      }
      // An active category must route to an existing, active department of this town.
      const departmentId =
        input.departmentId === undefined ? category.defaultDepartmentId : input.departmentId;
      const isChangingRoute =
        input.departmentId !== undefined && departmentId !== category.defaultDepartmentId;
      const isReactivating = input.isActive === true && !category.isActive;
      if (departmentId && (isChangingRoute || isReactivating)) {
        await requireReferencedDepartment(tx, tenantId, 'departmentId', departmentId, {
          mustBeActive: input.isActive ?? category.isActive,
        });
      }
      const silence = resolveSilenceSetting(category, input);
      const updated = await updateCategoryRow(
        tx,
        tenantId,
        id,
        {
          code: input.code,
          name,
          description: input.description?.trim(),
          defaultDepartmentId: input.departmentId,
          deadlineDays: input.deadlineDays,
          ...silence,
          isActive: input.isActive,
        },
        deps.clock.now(),
      );
      return updated!;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error, 'categories_tenant_code_key')) throw categoryCodeTaken(input.code ?? '');
      throw error;
    });
}
