import { AppError } from '../../../../platform/http/app-error';
import { deleteIdentityProvider as deleteRow } from '../identity-providers.repository';
import type { OidcDependencies } from './oidc-dependencies';
import type { Principal } from '../../../../platform/auth/principal';

/**
 * Removes a provider of the tenant with the links of accounts to it. The accounts themselves
 * stay: their owners log in with a password (reset by e-mail) or another provider.
 */
export async function deleteIdentityProvider(
  deps: OidcDependencies,
  principal: Principal,
  input: { id: string },
): Promise<void> {
  const deleted = await deleteRow(deps.ctx.db, principal.tenantId, input.id);
  if (!deleted) throw new AppError('IDENTITY_PROVIDER_NOT_FOUND', 'No such identity provider.');
  deps.issuers.forget(input.id);
}
