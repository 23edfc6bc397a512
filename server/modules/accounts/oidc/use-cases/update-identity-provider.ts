import { AppError } from '../../../../platform/http/app-error';
import { isUniqueViolation } from '../../../../platform/db/database-errors';
import {
  findIdentityProviderById,
  updateIdentityProvider as updateRow,
  type IdentityProvider,
} from '../identity-providers.repository';
import type { IdentityProviderFields } from './create-identity-provider';
import { checkIdentityProviderFields } from './identity-provider-checks';
import type { OidcDependencies } from './oidc-dependencies';
import type { Principal } from '../../../../platform/auth/principal';

/**
 * Changes a provider of the tenant (an omitted clientSecret keeps the stored one) and forgets
 * its cached discovery. Identities already linked stay linked, even across a slug change.
 */
export async function updateIdentityProvider(
  deps: OidcDependencies,
  principal: Principal,
  input: { id: string; changes: Partial<IdentityProviderFields> },
): Promise<IdentityProvider> {
  const changes = checkIdentityProviderFields(deps.ctx, input.changes);
  if (changes.label !== undefined) changes.label = changes.label.trim();
  let provider: IdentityProvider | undefined;
  try {
    provider =
      Object.keys(changes).length === 0
        ? await findIdentityProviderById(deps.ctx.db, principal.tenantId, input.id)
        : await updateRow(deps.ctx.db, principal.tenantId, input.id, changes);
  } catch (error) {
    if (isUniqueViolation(error, 'identity_providers_tenant_slug_key')) {
      throw new AppError('IDENTITY_PROVIDER_SLUG_TAKEN', `The slug "${changes.slug}" is already used.`, {
        errors: [{ field: 'slug', message: 'is already used' }],
      });
    }
    throw error;
  }
  if (!provider) throw new AppError('IDENTITY_PROVIDER_NOT_FOUND', 'No such identity provider.');
  deps.issuers.forget(provider.id);
  return provider;
}
