import type { DbOrTx } from '../../../platform/db/client';
import { type Department, findDepartments } from '../departments.repository';

/** Every department of the tenant, active or not, by name. */
export async function listDepartments(db: DbOrTx, tenantId: string): Promise<Department[]> {
  const departments = await findDepartments(db, tenantId);
  const collator = new Intl.Collator('fr', { sensitivity: 'base' });
  return departments.sort((left, right) => collator.compare(left.name, right.name));
}
