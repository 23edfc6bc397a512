import { AppError } from '../../../../platform/http/app-error';
import { isUniqueViolation } from '../../../../platform/db/database-errors';
import { type IdentityProvider, insertIdentityProvider } from '../identity-providers.repository';
import { checkIdentityProviderFields } from './identity-provider-checks';
import type { OidcDependencies } from './oidc-dependencies';
import type { Principal } from '../../../../platform/auth/principal';

export interface IdentityProviderFields {
  slug: string;
  label: string;
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  scopes?: string;
  acrValues?: string | null;
  isEnabled?: boolean;
}

/** Registers an OpenID Connect provider for the tenant; IDENTITY_PROVIDER_SLUG_TAKEN when the slug is used. */
export async function createIdentityProvider(
  deps: OidcDependencies,
  principal: Principal,
  input: { fields: IdentityProviderFields },
): Promise<IdentityProvider> {
  const fields = checkIdentityProviderFields(deps.ctx, input.fields);
  try {
    return await insertIdentityProvider(deps.ctx.db, {
      tenantId: principal.tenantId,
      slug: fields.slug,
      label: fields.label.trim(),
      issuerUrl: fields.issuerUrl,
      clientId: fields.clientId,
      clientSecret: fields.clientSecret,
      scopes: fields.scopes ?? 'openid email profile',
      acrValues: fields.acrValues ?? null,
      isEnabled: fields.isEnabled ?? true,
    });
  } catch (error) {
    if (isUniqueViolation(error, 'identity_providers_tenant_slug_key')) {
      throw new AppError('IDENTITY_PROVIDER_SLUG_TAKEN', `The slug "${fields.slug}" is already used.`, {
        errors: [{ field: 'slug', message: 'is already used' }],
      });
    }
    throw error;
  }
}
