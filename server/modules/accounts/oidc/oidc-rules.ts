/**
 * Pure rules of OpenID Connect login: where a browser may be sent back to, which issuer URLs an
 * administrator may register, what the scopes must contain.
 */

const returnToMaxLength = 2000;

/**
 * `returnTo` when it is a path of this site (`/mes-demandes?page=2`), else `fallback`: never an
 * absolute URL, a scheme-relative `//host`, a backslash trick (`/\host`) or control characters,
 * so the login cannot be used as an open redirect.
 */
export function safeReturnTo(returnTo: string | undefined, fallback: string): string {
  if (!returnTo || returnTo.length > returnToMaxLength) return fallback;
  if (!returnTo.startsWith('/') || returnTo.startsWith('//')) return fallback;
  // Browsers treat `\` like `/` and drop tabs and newlines inside URLs.
  if (
    returnTo.includes('\\') ||
    [...returnTo].some((character) => character < ' ' || character === '\u007f')
  ) {
    return fallback;
  }
  const base = 'http://guichet.invalid';
  let url: URL;
  try {
    url = new URL(returnTo, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  // Never send the browser back into the login flow itself.
  if (url.pathname.startsWith('/api/')) return fallback;
  const path = url.pathname + url.search + url.hash;
  // `/.//host` normalises to `//host`: check the result again.
  return path.startsWith('//') ? fallback : path;
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Why `issuerUrl` cannot be an identity provider's issuer, or undefined when it can: http(s)
 * only, no credentials, query or fragment (the issuer identifier is compared exactly), and plain
 * http only for a provider on this machine when running in production (the client secret and
 * tokens would otherwise cross the network in clear).
 */
export function issuerUrlProblem(issuerUrl: string, isProduction: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(issuerUrl);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must use https (or http)';
  if (url.username || url.password) return 'must not contain credentials';
  if (url.search || url.hash) return 'must not contain a query or a fragment';
  if (isProduction && url.protocol === 'http:' && !loopbackHosts.has(url.hostname)) {
    return 'must use https';
  }
  return undefined;
}

/** Scopes as a space-separated list without repeats; OpenID Connect needs `openid` among them. */
export function normaliseScopes(scopes: string): string {
  return [...new Set(scopes.split(/\s+/).filter(Boolean))].join(' ');
}

export function hasOpenidScope(scopes: string): boolean {
  return normaliseScopes(scopes).split(' ').includes('openid');
}

/**
 * Whether the ID token's `acr` satisfies the level of assurance asked with `acr_values`
 * (space-separated). Nothing asked: anything goes. Asked: the provider must answer one of them.
 */
export function isAcceptedAcr(acrValues: string | null, acr: unknown): boolean {
  const asked = (acrValues ?? '').split(/\s+/).filter(Boolean);
  if (asked.length === 0) return true;
  return typeof acr === 'string' && asked.includes(acr);
}
