import { authorizationCodeGrant, fetchUserInfo } from 'openid-client';
import { AppError } from '../../../../platform/http/app-error';
import type { User } from '../../users.repository';
import { getEnabledIdentityProvider } from '../identity-providers.repository';
import { readOidcClaims } from '../oidc-login.policy';
import { isAcceptedAcr } from '../oidc-rules';
import type { PendingLogin } from '../pending-login';
import type { OidcDependencies } from './oidc-dependencies';
import { resolveOidcAccount } from './resolve-oidc-account';
import type { Principal } from '../../../../platform/auth/principal';

export interface CompleteOidcLoginInput {
  slug: string;
  /** From this browser's cookie; undefined when missing, expired or tampered with. */
  pendingLogin: PendingLogin | undefined;
  /** The callback's query string as received (`?code=…&state=…&iss=…`). */
  callbackSearch: string;
}

function refuse(reason: string): AppError {
  return new AppError('OIDC_LOGIN_FAILED', reason);
}

/**
 * Completes the login when the provider sends the browser back: checks the pending login,
 * exchanges the code (PKCE verifier, state, nonce and issuer checked by openid-client), reads the
 * ID token and userinfo claims, and returns the account to open a session for (found, linked or
 * created by resolveOidcAccount).
 */
export async function completeOidcLogin(
  deps: OidcDependencies,
  principal: Principal,
  input: CompleteOidcLoginInput,
): Promise<User> {
  const { ctx } = deps;
  const provider = await getEnabledIdentityProvider(ctx.db, principal.tenantId, input.slug);
  const pending = input.pendingLogin;
  if (!pending) throw refuse('no pending login in this browser (cookie missing, expired or altered)');
  if (pending.tenantId !== principal.tenantId || pending.providerId !== provider.id) {
    throw refuse('the pending login was started for another provider');
  }
  if (pending.expiresAt <= ctx.clock.now().getTime()) throw refuse('the pending login has expired');

  const configuration = await deps.issuers.get(provider);
  const currentUrl = new URL(pending.redirectUri);
  currentUrl.search = input.callbackSearch;
  const tokens = await authorizationCodeGrant(configuration, currentUrl, {
    pkceCodeVerifier: pending.codeVerifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
  });
  const idToken = tokens.claims();
  if (!idToken) throw refuse('the provider returned no ID token');
  if (!isAcceptedAcr(provider.acrValues, idToken.acr)) {
    throw refuse(`the provider answered acr "${String(idToken.acr)}", "${provider.acrValues}" was asked`);
  }

  // Providers in the FranceConnect mould put the identity in userinfo, not in the ID token.
  let claims: Record<string, unknown> = { ...idToken };
  if (configuration.serverMetadata().userinfo_endpoint) {
    const userInfo = await fetchUserInfo(configuration, tokens.access_token, idToken.sub);
    claims = { ...userInfo, ...idToken };
  }

  return resolveOidcAccount(ctx, {
    tenantId: principal.tenantId,
    providerId: provider.id,
    claims: readOidcClaims(claims),
  });
}
