import type { AppContext } from '../../../app-context';
import { type Category, findCategories } from '../categories.repository';
import type { Principal } from '../../../platform/auth/principal';

/** The tenant's categories by name; `activeOnly` for what citizens may choose. */
export async function listCategories(
  ctx: Pick<AppContext, 'db'>,
  principal: Principal,
  options: { activeOnly?: boolean } = {},
): Promise<Category[]> {
  const { tenantId } = principal;
  const { db } = ctx;
  const categories = await findCategories(db, tenantId, options);
  const collator = new Intl.Collator('fr', { sensitivity: 'base' });
  return categories.sort((left, right) => collator.compare(left.name, right.name));
}
