import type { AppContext } from '../../../app-context';
import { AppError } from '../../../platform/http/app-error';
import { type Category, findCategoryByCode, insertCategory } from '../categories.repository';
import { isUniqueViolation } from '../../../platform/db/database-errors';
import { requireReferencedDepartment } from '../department-guards';
import { requireText, resolveSilenceSetting } from '../input-rules';
import type { SilenceRule } from '../organisation.tables';
import type { Principal } from '../../../platform/auth/principal';

export interface CreateCategoryInput {
  code: string;
  name: string;
  description?: string;
  /** The department a new request of this category goes to. */
  departmentId?: string | null;
  deadlineDays: number;
  /** What silence at the end of the period is worth; `none` by default. */
  silenceRule?: SilenceRule;
  /** Calendar days after receipt; required unless the rule is `none`. */
  silencePeriodDays?: number | null;
}

export function categoryCodeTaken(code: string): AppError {
  return new AppError('CATEGORY_CODE_TAKEN', `A category already uses the code "${code}".`, {
    errors: [{ field: 'code', message: 'is already used by another category' }],
  });
}

/** An administrator adds a category (nature de demande) with its deadline in business days. */
export async function createCategory(
  deps: Pick<AppContext, 'db'>,
  principal: Principal,
  input: CreateCategoryInput,
): Promise<Category> {
  const { tenantId } = principal;
  const name = requireText('name', input.name);
  const silence = resolveSilenceSetting({ silenceRule: 'none', silencePeriodDays: null }, input);
  return deps.db
    .transaction(async (tx) => {
      if (await findCategoryByCode(tx, tenantId, input.code)) throw categoryCodeTaken(input.code);
      if (input.departmentId) {
        await requireReferencedDepartment(tx, tenantId, 'departmentId', input.departmentId, {
          mustBeActive: true,
        });
      }
      return insertCategory(tx, tenantId, {
        code: input.code,
        name,
        description: input.description?.trim() ?? '',
        defaultDepartmentId: input.departmentId ?? null,
        deadlineDays: input.deadlineDays,
        ...silence,
      });
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error, 'categories_tenant_code_key')) throw categoryCodeTaken(input.code);
      throw error;
    });
}
