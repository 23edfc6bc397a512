import type { AppContext } from '../../../app-context';
import { AppError } from '../../../platform/http/app-error';
import { optionalText, requireText } from '../input-rules';
import { mergeTenantSettings, type TenantSettingsChanges } from '../tenant-settings';
import { lockTenant, type Tenant, updateTenant as updateTenantRow } from '../tenants.repository';
import { transaction } from '../../../platform/db/transaction';
import type { Principal } from '../../../platform/auth/principal';

export interface UpdateTenantInput {
  name?: string;
  inseeCode?: string | null;
  settings?: TenantSettingsChanges;
}

/** An administrator changes the town's name, INSEE code or settings (merged, not replaced). */
export async function updateTenant(
  deps: Pick<AppContext, 'db' | 'clock'>,
  principal: Principal,
  input: UpdateTenantInput,
): Promise<Tenant> {
  const { tenantId } = principal;
  const name = input.name === undefined ? undefined : requireText('name', input.name);
  const settingsChanges: TenantSettingsChanges | undefined = input.settings && {
    ...input.settings,
    contactPhone: optionalText('settings.contactPhone', input.settings.contactPhone),
    postalAddress: optionalText('settings.postalAddress', input.settings.postalAddress),
  };
  return transaction(deps.db, async (tx) => {
    const current = await lockTenant(tx, tenantId);
    if (!current) throw new AppError('TENANT_NOT_FOUND', 'No town is served at this address.');
    const updated = await updateTenantRow(
      tx,
      tenantId,
      {
        name,
        inseeCode: input.inseeCode,
        settings: settingsChanges ? mergeTenantSettings(current.settings, settingsChanges) : undefined,
      },
      deps.clock.now(),
    );
    return updated!;
  });
}
