import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

/**
 * A real OpenID Connect provider (panva's oidc-provider, the one FranceConnect-like stacks are
 * certified against) on 127.0.0.1 with a random port, for tests. One confidential client with
 * PKCE required; first-party consent (no consent screen); a bare login page of our own at
 * `/interaction/:uid` that a test drives with plain HTTP (see TestBrowser and logInThroughProvider).
 */

export interface TestIdentity {
  sub: string;
  email?: string;
  email_verified?: boolean;
  given_name?: string;
  family_name?: string;
}

export interface TestIdentityProvider {
  /** `http://127.0.0.1:<port>` */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Accounts the login page accepts, by `sub` (typed in the login field). */
  addIdentity(identity: TestIdentity): void;
  close(): Promise<void>;
}

export interface StartTestIdentityProviderOptions {
  /** The relying party's callback URLs (exact match, as the provider enforces). */
  redirectUris: string[];
  /** The `acr` the provider puts in ID tokens after a login (FranceConnect: `eidas1`). */
  acr?: string;
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

export async function startTestIdentityProvider(
  options: StartTestIdentityProviderOptions,
): Promise<TestIdentityProvider> {
  const identities = new Map<string, TestIdentity>();
  const clientId = `guichet-${randomBytes(4).toString('hex')}`;
  const clientSecret = randomBytes(24).toString('base64url');

  // Listen first: the issuer identifier carries the port.
  let handle: http.RequestListener = (_request, response) => response.writeHead(503).end();
  const server = http.createServer((request, response) => handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...signingKey, use: 'sig', alg: 'RS256', kid: 'test-signing-key' }] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['given_name', 'family_name'],
    },
    acrValues: options.acr ? [options.acr] : [],
    features: { devInteractions: { enabled: false } },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 3600,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
    },
    pkce: { required: () => true },
    async findAccount(_context: KoaContextWithOIDC, sub: string) {
      const identity = identities.get(sub);
      if (!identity) return undefined;
      return { accountId: sub, claims: () => ({ ...identity }) };
    },
    // First-party client: every scope asked is granted, no consent screen.
    async loadExistingGrant(context: KoaContextWithOIDC) {
      const { oidc } = context;
      const accountId = oidc.session?.accountId;
      if (!oidc.client || !accountId) return undefined;
      const grantId = oidc.session.grantIdFor(oidc.client.clientId);
      if (grantId) {
        const existing = await oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId });
      grant.addOIDCScope(String(oidc.params?.scope ?? 'openid'));
      await grant.save();
      oidc.session.grantIdFor(oidc.client.clientId, grant.jti);
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  const providerCallback = provider.callback();

  async function interaction(request: http.IncomingMessage, response: http.ServerResponse, uid: string) {
    const details = await provider.interactionDetails(request, response);
    if (request.method === 'GET') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        `<form method="post" action="/interaction/${escapeHtml(uid)}">` +
          `<label>Identifiant <input name="login"></label><button>Se connecter</button></form>`,
      );
      return;
    }
    const login = new URLSearchParams(await readBody(request)).get('login') ?? '';
    if (details.prompt.name !== 'login' || !identities.has(login)) {
      response.writeHead(400, { 'content-type': 'text/plain' }).end(`cannot log in "${login}"`);
      return;
    }
    await provider.interactionFinished(
      request,
      response,
      { login: { accountId: login, ...(options.acr ? { acr: options.acr } : {}) } },
      { mergeWithLastSubmission: false },
    );
  }

  handle = (request, response) => {
    const match = /^\/interaction\/([\w-]+)$/.exec(new URL(request.url ?? '/', issuer).pathname);
    if (!match) {
      void providerCallback(request, response);
      return;
    }
    interaction(request, response, match[1]!).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    });
  };

  return {
    issuer,
    clientId,
    clientSecret,
    addIdentity(identity) {
      identities.set(identity.sub, identity);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export interface BrowserResponse {
  status: number;
  location: string | undefined;
  body: string;
  url: string;
}

/**
 * A minimal browser over plain HTTP: a cookie jar per host name, and every host name resolved
 * to 127.0.0.1 (test tenants are named `t-….test`, which no DNS knows), the Host header kept.
 */
export class TestBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  cookie(hostname: string, name: string): string | undefined {
    return this.jar.get(hostname)?.get(name);
  }

  forgetCookie(hostname: string, name: string): void {
    this.jar.get(hostname)?.delete(name);
  }

  cookieHeader(hostname: string): string {
    return [...(this.jar.get(hostname) ?? new Map<string, string>())]
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
  }

  request(
    method: 'GET' | 'POST',
    url: string,
    options: { form?: Record<string, string>; headers?: Record<string, string> } = {},
  ): Promise<BrowserResponse> {
    const target = new URL(url);
    const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
    const headers: Record<string, string> = { host: target.host, ...options.headers };
    const cookies = this.cookieHeader(target.hostname);
    if (cookies) headers.cookie = cookies;
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    return new Promise((resolve, reject) => {
      const outgoing = http.request(
        {
          host: '127.0.0.1',
          port: Number(target.port || 80),
          method,
          path: target.pathname + target.search,
          headers,
        },
        (incoming) => {
          this.storeCookies(target.hostname, incoming.headers['set-cookie'] ?? []);
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () => {
            const location = incoming.headers.location;
            resolve({
              status: incoming.statusCode ?? 0,
              location: location ? new URL(location, target).href : undefined,
              body: Buffer.concat(chunks).toString('utf8'),
              url: target.href,
            });
          });
          incoming.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  private storeCookies(hostname: string, setCookies: string[]): void {
    const cookies = this.jar.get(hostname) ?? new Map<string, string>();
    this.jar.set(hostname, cookies);
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key = '', raw = ''] = attribute.split('=').map((part) => part.trim());
        if (/^max-age$/i.test(key)) return Number(raw) <= 0;
        if (/^expires$/i.test(key)) return new Date(raw).getTime() <= Date.now();
        return false;
      });
      if (expired || value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
  }
}

/**
 * Drives a login from the app's start URL through the provider's login page (as `login`) back
 * to the app's callback, following redirects. Returns every response, the callback's last.
 */
export async function logInThroughProvider(
  browser: TestBrowser,
  startUrl: string,
  login: string,
  options: { beforeCallback?: (callbackUrl: URL) => void } = {},
): Promise<BrowserResponse[]> {
  const responses: BrowserResponse[] = [];
  let response = await browser.request('GET', startUrl);
  responses.push(response);
  for (let step = 0; step < 10 && response.location; step += 1) {
    const next = new URL(response.location);
    if (next.pathname.endsWith('/callback')) options.beforeCallback?.(next);
    const isInteraction = next.pathname.startsWith('/interaction/');
    if (isInteraction) {
      const page = await browser.request('GET', next.href);
      responses.push(page);
      response = await browser.request('POST', next.href, { form: { login } });
    } else {
      response = await browser.request('GET', next.href);
    }
    responses.push(response);
    // Stop at the app's answer to the callback: its redirection is the app's own page.
    if (next.pathname.endsWith('/callback')) break;
  }
  return responses;
}
