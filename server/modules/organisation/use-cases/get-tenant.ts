import type { DbOrTx } from '../../../platform/db/client';
import { AppError } from '../../../platform/http/app-error';
import { findTenantById, type Tenant } from '../tenants.repository';

/** The tenant with its settings; TENANT_NOT_FOUND if it vanished. */
export async function getTenant(db: DbOrTx, tenantId: string): Promise<Tenant> {
  const tenant = await findTenantById(db, tenantId);
  if (!tenant) throw new AppError('TENANT_NOT_FOUND', 'No town is served at this address.');
  return tenant;
}
