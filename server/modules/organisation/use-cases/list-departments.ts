import type { AppContext } from '../../../app-context';
import { type Department, findDepartments } from '../departments.repository';
import type { Principal } from '../../../platform/auth/principal';

/** Every department of the tenant, active or not, by name. */
export async function listDepartments(
  ctx: Pick<AppContext, 'db'>,
  principal: Principal,
): Promise<Department[]> {
  const { tenantId } = principal;
  const { db } = ctx;
  const departments = await findDepartments(db, tenantId);
  const collator = new Intl.Collator('fr', { sensitivity: 'base' });
  return departments.sort((left, right) => collator.compare(left.name, right.name));
}
