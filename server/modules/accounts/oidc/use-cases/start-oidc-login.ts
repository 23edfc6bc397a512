import {
  buildAuthorizationUrl,
  calculatePKCECodeChallenge,
  randomNonce,
  randomPKCECodeVerifier,
  randomState,
} from 'openid-client';
import { getEnabledIdentityProvider } from '../identity-providers.repository';
import { type PendingLogin, pendingLoginTtlMs } from '../pending-login';
import type { OidcDependencies } from './oidc-dependencies';
import type { Principal } from '../../../../platform/auth/principal';

export interface StartOidcLoginInput {
  slug: string;
  /** This tenant's callback URL for the provider, as registered at the provider. */
  redirectUri: string;
  /** Already checked by safeReturnTo. */
  returnTo: string | undefined;
}

/**
 * Prepares the redirection of a browser to the provider, as FranceConnect expects it:
 * authorization code with PKCE (S256), a fresh state and nonce, and `acr_values` when the
 * provider is configured with a level of assurance. Returns the URL and the pending login the
 * caller keeps in the browser's cookie.
 */
export async function startOidcLogin(
  deps: OidcDependencies,
  principal: Principal,
  input: StartOidcLoginInput,
): Promise<{ authorizationUrl: string; pendingLogin: PendingLogin }> {
  const provider = await getEnabledIdentityProvider(deps.ctx.db, principal.tenantId, input.slug);
  const configuration = await deps.issuers.get(provider);

  const codeVerifier = randomPKCECodeVerifier();
  const state = randomState();
  const nonce = randomNonce();
  const parameters: Record<string, string> = {
    redirect_uri: input.redirectUri,
    scope: provider.scopes,
    code_challenge: await calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  };
  if (provider.acrValues) parameters.acr_values = provider.acrValues;

  return {
    authorizationUrl: buildAuthorizationUrl(configuration, parameters).href,
    pendingLogin: {
      tenantId: principal.tenantId,
      providerId: provider.id,
      state,
      nonce,
      codeVerifier,
      redirectUri: input.redirectUri,
      returnTo: input.returnTo,
      expiresAt: deps.ctx.clock.now().getTime() + pendingLoginTtlMs,
    },
  };
}
