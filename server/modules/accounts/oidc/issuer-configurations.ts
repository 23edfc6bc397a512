import { createHash } from 'node:crypto';
import { allowInsecureRequests, type Configuration, discovery } from 'openid-client';
import { AppError } from '../../../platform/http/app-error';
import type { IdentityProvider } from './identity-providers.repository';

/** Discovery documents change rarely; a few minutes spares a round trip per login. */
const defaultTtlMs = 5 * 60_000;
/** Seconds, for discovery and every later request made with the configuration. */
const requestTimeoutSeconds = 10;

export interface IssuerConfigurations {
  /** The discovered client configuration of `provider`; IDENTITY_PROVIDER_UNAVAILABLE when unreachable. */
  get(provider: IdentityProvider): Promise<Configuration>;
  forget(providerId: string): void;
}

/**
 * A per-app cache of discovered issuer configurations. The key covers every field discovery
 * depends on, so an edited provider is discovered again at once, even on another app instance
 * (each reads the provider row per request). Failures are not cached.
 */
export function createIssuerConfigurations(
  options: { ttlMs?: number; now?: () => number } = {},
): IssuerConfigurations {
  const ttlMs = options.ttlMs ?? defaultTtlMs;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { key: string; expiresAt: number; configuration: Promise<Configuration> }>();

  function keyOf(provider: IdentityProvider): string {
    return createHash('sha256')
      .update(JSON.stringify([provider.issuerUrl, provider.clientId, provider.clientSecret]))
      .digest('base64url');
  }

  async function discover(provider: IdentityProvider): Promise<Configuration> {
    const issuer = new URL(provider.issuerUrl);
    try {
      return await discovery(issuer, provider.clientId, provider.clientSecret, undefined, {
        // http issuers are refused in production by issuerUrlProblem, except on loopback.
        execute: issuer.protocol === 'http:' ? [allowInsecureRequests] : [],
        timeout: requestTimeoutSeconds,
      });
    } catch (error) {
      // The cause is logged, never shown: it may name internal hosts.
      throw Object.assign(
        new AppError('IDENTITY_PROVIDER_UNAVAILABLE', 'The identity provider does not answer.'),
        { cause: error },
      );
    }
  }

  return {
    get(provider) {
      const key = keyOf(provider);
      const cached = cache.get(provider.id);
      if (cached && cached.key === key && cached.expiresAt > now()) return cached.configuration;
      const configuration = discover(provider);
      cache.set(provider.id, { key, expiresAt: now() + ttlMs, configuration });
      configuration.catch(() => {
        if (cache.get(provider.id)?.configuration === configuration) cache.delete(provider.id);
      });
      return configuration;
    },
    forget(providerId) {
      cache.delete(providerId);
    },
  };
}
