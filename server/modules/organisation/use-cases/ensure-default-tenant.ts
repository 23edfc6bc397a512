import type { AppContext } from '../../../app-context';
import { transaction } from '../../../platform/db/transaction';
import {
  findDefaultTenant,
  findTenantBySlug,
  insertTenant,
  lockTenantProvisioning,
  updateTenant,
  type Tenant,
} from '../tenants.repository';

const defaultTown = { slug: 'default', name: 'Ma commune' };

/**
 * Makes sure a default town exists, so that localhost answers: the existing one, a town with the
 * default slug made the default, or a new « Ma commune ». Serialised with the other provisioning
 * (several instances may start together).
 */
export async function ensureDefaultTenant(
  ctx: Pick<AppContext, 'db' | 'clock'>,
): Promise<{ tenant: Tenant; created: boolean }> {
  const existing = await findDefaultTenant(ctx.db);
  if (existing) return { tenant: existing, created: false };
  return transaction(ctx.db, async (tx) => {
    await lockTenantProvisioning(tx);
    const createdMeanwhile = await findDefaultTenant(tx);
    if (createdMeanwhile) return { tenant: createdMeanwhile, created: false };
    const sameSlug = await findTenantBySlug(tx, defaultTown.slug);
    if (sameSlug) {
      return {
        tenant: (await updateTenant(tx, sameSlug.id, { isDefault: true }, ctx.clock.now()))!,
        created: true,
      };
    }
    return { tenant: await insertTenant(tx, { ...defaultTown, isDefault: true }), created: true };
  });
}
