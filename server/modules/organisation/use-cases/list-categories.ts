import type { DbOrTx } from '../../../platform/db/client';
import { type Category, findCategories } from '../categories.repository';

/** The tenant's categories by name; `activeOnly` for what citizens may choose. */
export async function listCategories(
  db: DbOrTx,
  tenantId: string,
  options: { activeOnly?: boolean } = {},
): Promise<Category[]> {
  const categories = await findCategories(db, tenantId, options);
  const collator = new Intl.Collator('fr', { sensitivity: 'base' });
  return categories.sort((left, right) => collator.compare(left.name, right.name));
}
