import type { AppContext } from '../../../app-context';
import { AppError } from '../../../platform/http/app-error';
import { findTenantById, type Tenant } from '../tenants.repository';
import type { Principal } from '../../../platform/auth/principal';

/** The tenant with its settings; TENANT_NOT_FOUND if it vanished. */
export async function getTenant(ctx: Pick<AppContext, 'db'>, principal: Principal): Promise<Tenant> {
  const { tenantId } = principal;
  const { db } = ctx;
  const tenant = await findTenantById(db, tenantId);
  if (!tenant) throw new AppError('TENANT_NOT_FOUND', 'No town is served at this address.');
  return tenant;
}
