import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import { buildAgent, buildCitizen, uniqueSuffix } from '../../../../test/factories';
import {
  logInThroughProvider,
  startTestIdentityProvider,
  TestBrowser,
  type TestIdentity,
  type TestIdentityProvider,
} from '../../../../test/oidc-provider';
import { users } from '../accounts.tables';
import { findUserByEmail, updateUser } from '../users.repository';
import { findExternalIdentitiesOfUser } from './external-identities.repository';
import { type IdentityProvider, insertIdentityProvider } from './identity-providers.repository';

/**
 * The whole OpenID Connect login against a real local provider (oidc-provider), with the app
 * listening on a real port. The browser reaches the app as `http://<tenant host>:<port>` (the
 * tenant comes from the Host header), so the redirect URI the app builds names the test tenant.
 */
describe('OpenID Connect login', () => {
  let t: TestContext;
  let idp: TestIdentityProvider;
  let appOrigin: string;
  const providers: Record<string, IdentityProvider> = {};

  beforeAll(async () => {
    t = await buildTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    appOrigin = `http://${t.tenant.host}:${(t.app.server.address() as AddressInfo).port}`;
    const slugs = ['mairie-connect', 'strict-connect', 'disabled-connect'];
    idp = await startTestIdentityProvider({
      redirectUris: slugs.map((slug) => `${appOrigin}/api/v1/auth/oidc/${slug}/callback`),
      acr: 'eidas1',
    });
    // One client at the provider serves every slug; `unreachable` points at a closed port.
    const rows = [
      { slug: 'mairie-connect', label: 'MairieConnect', acrValues: 'eidas1', isEnabled: true },
      { slug: 'strict-connect', label: 'Niveau substantiel', acrValues: 'eidas2', isEnabled: true },
      { slug: 'disabled-connect', label: 'Désactivé', acrValues: null, isEnabled: false },
      { slug: 'unreachable', label: 'Injoignable', acrValues: null, isEnabled: true },
    ];
    for (const row of rows) {
      providers[row.slug] = await insertIdentityProvider(t.app.ctx.db, {
        ...row,
        tenantId: t.tenant.id,
        issuerUrl: row.slug === 'unreachable' ? 'http://127.0.0.1:1' : idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        scopes: 'openid email profile',
      });
    }
  });
  afterAll(async () => {
    await idp?.close();
    await t?.close();
  });

  function identity(overrides: Partial<TestIdentity> = {}): TestIdentity {
    const suffix = uniqueSuffix();
    const value: TestIdentity = {
      sub: `sub-${suffix}`,
      email: `usager-${suffix}@example.test`,
      email_verified: true,
      given_name: 'Dominique',
      family_name: 'Lefèvre',
      ...overrides,
    };
    idp.addIdentity(value);
    return value;
  }

  function startUrl(slug: string, returnTo?: string): string {
    const query = returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
    return `${appOrigin}/api/v1/auth/oidc/${slug}/start${query}`;
  }

  async function currentSession(browser: TestBrowser) {
    const response = await browser.request('GET', `${appOrigin}/api/v1/auth/session`);
    return {
      status: response.status,
      body: JSON.parse(response.body) as { user: { id: string; email: string } },
    };
  }

  it('lists the enabled providers for the login page', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/v1/auth/providers' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      items: [
        { slug: 'unreachable', label: 'Injoignable' },
        { slug: 'mairie-connect', label: 'MairieConnect' },
        { slug: 'strict-connect', label: 'Niveau substantiel' },
      ],
    });
  });

  it('sends the browser to the provider with PKCE, state, nonce and acr_values', async () => {
    const browser = new TestBrowser();
    const response = await browser.request('GET', startUrl('mairie-connect', '/mes-demandes'));
    expect(response.status).toBe(302);
    const location = new URL(response.location!);
    expect(location.origin).toBe(idp.issuer);
    const parameters = Object.fromEntries(location.searchParams);
    expect(parameters).toMatchObject({
      client_id: idp.clientId,
      response_type: 'code',
      scope: 'openid email profile',
      redirect_uri: `${appOrigin}/api/v1/auth/oidc/mairie-connect/callback`,
      code_challenge_method: 'S256',
      acr_values: 'eidas1',
    });
    expect(parameters.code_challenge).toMatch(/^[\w-]{43}$/);
    expect(parameters.state).toBeTruthy();
    expect(parameters.nonce).toBeTruthy();
    expect(browser.cookie(t.tenant.host, 'guichet_oidc')).toBeTruthy();
  });

  it('creates a confirmed citizen on a first login, opens a session and lands on returnTo', async () => {
    const person = identity();
    const browser = new TestBrowser();
    const responses = await logInThroughProvider(
      browser,
      startUrl('mairie-connect', '/mes-demandes?vue=liste'),
      person.sub,
    );
    const last = responses.at(-1)!;
    expect(last.status).toBe(302);
    expect(last.location).toBe(`${appOrigin}/mes-demandes?vue=liste`);
    expect(browser.cookie(t.tenant.host, 'guichet_session')).toBeTruthy();
    expect(browser.cookie(t.tenant.host, 'guichet_oidc')).toBeUndefined();

    const session = await currentSession(browser);
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({
      kind: 'citizen',
      email: person.email,
      firstName: 'Dominique',
      lastName: 'Lefèvre',
      emailVerified: true,
    });
    const user = (await findUserByEmail(t.app.ctx.db, t.tenant.id, person.email!))!;
    expect(user.passwordHash).toBeNull();
    expect(await findExternalIdentitiesOfUser(t.app.ctx.db, t.tenant.id, user.id)).toEqual([
      { providerId: providers['mairie-connect']!.id, subject: person.sub },
    ]);
  });

  it('logs the same person into the same account the second time', async () => {
    const person = identity();
    await logInThroughProvider(new TestBrowser(), startUrl('mairie-connect'), person.sub);
    const browser = new TestBrowser();
    const responses = await logInThroughProvider(browser, startUrl('mairie-connect'), person.sub);
    expect(responses.at(-1)!.location).toBe(`${appOrigin}/mon-compte`);
    const session = await currentSession(browser);
    const user = (await findUserByEmail(t.app.ctx.db, t.tenant.id, person.email!))!;
    expect(session.body.user.id).toBe(user.id);
    const accounts = await t.app.ctx.db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, t.tenant.id), eq(users.email, person.email!)));
    expect(accounts).toHaveLength(1);
  });

  it('links an existing citizen whose e-mail the provider verified', async () => {
    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    const person = identity({ email: citizen.email.toUpperCase() });
    const browser = new TestBrowser();
    await logInThroughProvider(browser, startUrl('mairie-connect'), person.sub);
    const session = await currentSession(browser);
    expect(session.status).toBe(200);
    expect(session.body.user.id).toBe(citizen.id);
    expect(await findExternalIdentitiesOfUser(t.app.ctx.db, t.tenant.id, citizen.id)).toEqual([
      { providerId: providers['mairie-connect']!.id, subject: person.sub },
    ]);
    // A confirmed account keeps its password.
    expect((await findUserByEmail(t.app.ctx.db, t.tenant.id, citizen.email))!.passwordHash).toBe(
      citizen.passwordHash,
    );
  });

  it('confirms an unconfirmed account it links and drops the password nobody proved', async () => {
    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id, { confirmed: false });
    const person = identity({ email: citizen.email });
    const browser = new TestBrowser();
    await logInThroughProvider(browser, startUrl('mairie-connect'), person.sub);
    expect((await currentSession(browser)).body.user.id).toBe(citizen.id);
    const user = (await findUserByEmail(t.app.ctx.db, t.tenant.id, citizen.email))!;
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(user.passwordHash).toBeNull();
  });

  it('never takes over an account when the provider did not verify the e-mail', async () => {
    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    const person = identity({ email: citizen.email, email_verified: false });
    const browser = new TestBrowser();
    const responses = await logInThroughProvider(browser, startUrl('mairie-connect'), person.sub);
    expect(responses.at(-1)!.location).toBe(`${appOrigin}/connexion?erreur=oidc`);
    expect(browser.cookie(t.tenant.host, 'guichet_session')).toBeUndefined();
    expect(await findExternalIdentitiesOfUser(t.app.ctx.db, t.tenant.id, citizen.id)).toEqual([]);
  });

  it('lets an agent in through a verified e-mail and lands on the back office', async () => {
    const agent = await buildAgent(t.app.ctx.db, t.tenant.id);
    const person = identity({ email: agent.email });
    const browser = new TestBrowser();
    const responses = await logInThroughProvider(browser, startUrl('mairie-connect'), person.sub);
    expect(responses.at(-1)!.location).toBe(`${appOrigin}/agent`);
    expect((await currentSession(browser)).body.user).toMatchObject({ id: agent.id, kind: 'agent' });
  });

  it('refuses an inactive account', async () => {
    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    await updateUser(t.app.ctx.db, t.tenant.id, citizen.id, { isActive: false }, new Date());
    const person = identity({ email: citizen.email });
    const browser = new TestBrowser();
    const responses = await logInThroughProvider(browser, startUrl('mairie-connect'), person.sub);
    expect(responses.at(-1)!.location).toBe(`${appOrigin}/connexion?erreur=oidc`);
    expect(browser.cookie(t.tenant.host, 'guichet_session')).toBeUndefined();
  });

  it('refuses a callback whose state was altered, without opening a session', async () => {
    const person = identity();
    const browser = new TestBrowser();
    const responses = await logInThroughProvider(browser, startUrl('mairie-connect'), person.sub, {
      beforeCallback: (url) => url.searchParams.set('state', 'forged-state'),
    });
    const last = responses.at(-1)!;
    expect(last.url).toContain('state=forged-state');
    expect(last.status).toBe(302);
    expect(last.location).toBe(`${appOrigin}/connexion?erreur=oidc`);
    expect(browser.cookie(t.tenant.host, 'guichet_session')).toBeUndefined();
    expect(browser.cookie(t.tenant.host, 'guichet_oidc')).toBeUndefined();
    expect(await findUserByEmail(t.app.ctx.db, t.tenant.id, person.email!)).toBeUndefined();
  });

  it('comes back to the login page when the person cancels at the provider', async () => {
    const person = identity();
    const browser = new TestBrowser();
    const responses = await logInThroughProvider(browser, startUrl('mairie-connect'), person.sub, {
      beforeCallback: (url) => {
        url.searchParams.delete('code');
        url.searchParams.set('error', 'access_denied');
      },
    });
    expect(responses.at(-1)!.location).toBe(`${appOrigin}/connexion?erreur=oidc`);
    expect(browser.cookie(t.tenant.host, 'guichet_session')).toBeUndefined();
  });

  it('refuses a callback reaching a browser that did not start the login', async () => {
    const person = identity();
    const browser = new TestBrowser();
    const responses = await logInThroughProvider(browser, startUrl('mairie-connect'), person.sub, {
      beforeCallback: () => browser.forgetCookie(t.tenant.host, 'guichet_oidc'),
    });
    expect(responses.at(-1)!.location).toBe(`${appOrigin}/connexion?erreur=oidc`);
    expect(browser.cookie(t.tenant.host, 'guichet_session')).toBeUndefined();
  });

  it('refuses a login below the level of assurance asked (acr_values)', async () => {
    const person = identity();
    const browser = new TestBrowser();
    const responses = await logInThroughProvider(browser, startUrl('strict-connect'), person.sub);
    expect(responses.at(-1)!.location).toBe(`${appOrigin}/connexion?erreur=oidc`);
    expect(browser.cookie(t.tenant.host, 'guichet_session')).toBeUndefined();
  });

  it('answers 404 for a disabled or unknown provider', async () => {
    for (const slug of ['disabled-connect', 'nowhere']) {
      const response = await t.inject({ method: 'GET', url: `/api/v1/auth/oidc/${slug}/start` });
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('IDENTITY_PROVIDER_NOT_FOUND');
    }
  });

  it('sends the browser back to the login page when the provider does not answer', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/v1/auth/oidc/unreachable/start' });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/connexion?erreur=oidc');
  });

  it('ignores a returnTo leading off the site', async () => {
    for (const returnTo of [
      '//evil.example/x',
      'https://evil.example/',
      '/\\evil.example',
      '/.//evil.example',
    ]) {
      const person = identity();
      const responses = await logInThroughProvider(
        new TestBrowser(),
        startUrl('mairie-connect', returnTo),
        person.sub,
      );
      expect(responses.at(-1)!.location).toBe(`${appOrigin}/mon-compte`);
    }
  });
});
