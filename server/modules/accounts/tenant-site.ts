import type { AppContext } from '../../app-context';
import { AppError } from '../../platform/http/app-error';
import { findTenantById } from '../organisation';
import { tenantBaseUrl } from './links';

/** What an account mail says about the town: its name and the base URL of its links. */
export interface TenantSite {
  name: string;
  baseUrl: string;
}

export async function getTenantSite(ctx: AppContext, tenantId: string): Promise<TenantSite> {
  const tenant = await findTenantById(ctx.db, tenantId);
  if (!tenant) throw new AppError('TENANT_NOT_FOUND', 'No such town.');
  return { name: tenant.name, baseUrl: tenantBaseUrl(ctx.config.publicUrl, tenant) };
}
