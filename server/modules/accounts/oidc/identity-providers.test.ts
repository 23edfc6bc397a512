import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import { buildAgent, buildCitizen, buildTenant } from '../../../../test/factories';
import { buildAdminSession, type LoggedIn, logIn, logInNewAgent } from '../../../../test/login';
import { findIdentityProviderById } from './identity-providers.repository';

const url = '/api/v1/admin/identity-providers';

describe('administration of identity providers', () => {
  let t: TestContext;
  let admin: LoggedIn;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await buildAdminSession(t);
  });
  afterAll(() => t.close());

  const franceConnect = {
    slug: 'franceconnect',
    label: 'FranceConnect',
    issuerUrl: 'https://fcp.integ01.dev-franceconnect.fr/api/v1',
    clientId: 'client-fc',
    clientSecret: 'très-secret',
    acrValues: 'eidas1',
  };

  async function create(payload: Record<string, unknown>) {
    return t.inject({ method: 'POST', url, headers: admin.headers, payload });
  }

  it('adds, lists, edits and removes a provider, never showing the client secret', async () => {
    const created = await create(franceConnect);
    expect(created.statusCode).toBe(201);
    const provider = created.json();
    expect(provider).toEqual({
      id: expect.any(String),
      slug: 'franceconnect',
      label: 'FranceConnect',
      issuerUrl: franceConnect.issuerUrl,
      clientId: 'client-fc',
      scopes: 'openid email profile',
      acrValues: 'eidas1',
      isEnabled: true,
      callbackUrl: `http://${t.tenant.host}/api/v1/auth/oidc/franceconnect/callback`,
      createdAt: expect.any(String),
    });

    const listed = await t.inject({ method: 'GET', url, headers: { cookie: admin.cookie } });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toEqual([provider]);
    expect(listed.body).not.toContain('très-secret');
    const providers = await t.inject({ method: 'GET', url: '/api/v1/auth/providers' });
    expect(providers.json()).toEqual({ items: [{ slug: 'franceconnect', label: 'FranceConnect' }] });

    const edited = await t.inject({
      method: 'PATCH',
      url: `${url}/${provider.id}`,
      headers: admin.headers,
      payload: {
        label: 'FranceConnect+',
        scopes: 'openid  email',
        clientSecret: 'nouveau-secret',
        isEnabled: false,
        acrValues: null,
      },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      label: 'FranceConnect+',
      scopes: 'openid email',
      isEnabled: false,
      acrValues: null,
    });
    expect(edited.body).not.toContain('secret');
    const stored = await findIdentityProviderById(t.app.ctx.db, t.tenant.id, provider.id);
    expect(stored?.clientSecret).toBe('nouveau-secret');
    const afterDisable = await t.inject({ method: 'GET', url: '/api/v1/auth/providers' });
    expect(afterDisable.json()).toEqual({ items: [] });

    const removed = await t.inject({
      method: 'DELETE',
      url: `${url}/${provider.id}`,
      headers: admin.headers,
    });
    expect(removed.statusCode).toBe(204);
    expect((await t.inject({ method: 'GET', url, headers: { cookie: admin.cookie } })).json().items).toEqual(
      [],
    );
    const again = await t.inject({ method: 'DELETE', url: `${url}/${provider.id}`, headers: admin.headers });
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('IDENTITY_PROVIDER_NOT_FOUND');
  });

  it('refuses a slug already used', async () => {
    const first = await create({ ...franceConnect, slug: 'agents-sso' });
    expect(first.statusCode).toBe(201);
    const second = await create({ ...franceConnect, slug: 'agents-sso' });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({
      code: 'IDENTITY_PROVIDER_SLUG_TAKEN',
      errors: [{ field: 'slug' }],
    });
  });

  it.each([
    ['issuerUrl', { issuerUrl: 'ftp://idp.example' }],
    ['issuerUrl', { issuerUrl: 'javascript:alert(1)' }],
    ['issuerUrl', { issuerUrl: 'pas une adresse' }],
    ['scopes', { scopes: 'email profile' }],
    ['slug', { slug: 'Avec Espaces' }],
    ['clientSecret', { clientSecret: '' }],
  ])('refuses a bad %s with a 400 naming the field', async (field, change) => {
    const response = await create({ ...franceConnect, slug: 'bad-input', ...change });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
    expect(response.json().errors.map((error: { field: string }) => error.field)).toContain(field);
  });

  it('refuses a bad issuer URL on edit too, and answers 404 for an unknown provider', async () => {
    const created = (await create({ ...franceConnect, slug: 'to-edit' })).json();
    const bad = await t.inject({
      method: 'PATCH',
      url: `${url}/${created.id}`,
      headers: admin.headers,
      payload: { issuerUrl: 'file:///etc/passwd' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'issuerUrl', message: 'must use https (or http)' }]);
    const unknown = await t.inject({
      method: 'PATCH',
      url: `${url}/00000000-0000-4000-8000-000000000000`,
      headers: admin.headers,
      payload: { label: 'X' },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('is for administrators only', async () => {
    const anonymous = await t.inject({ method: 'GET', url });
    expect(anonymous.statusCode).toBe(401);

    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    const citizenSession = await logIn(t, citizen.email, citizen.password);
    const asCitizen = await t.inject({ method: 'GET', url, headers: { cookie: citizenSession.cookie } });
    expect(asCitizen.statusCode).toBe(403);

    const managerSession = await logInNewAgent(t, ['manager']);
    const asManager = await t.inject({
      method: 'POST',
      url,
      headers: managerSession.headers,
      payload: { ...franceConnect, slug: 'by-manager' },
    });
    expect(asManager.statusCode).toBe(403);
    expect(asManager.json().code).toBe('FORBIDDEN');

    const withoutCsrf = await t.inject({
      method: 'POST',
      url,
      headers: { cookie: admin.cookie },
      payload: { ...franceConnect, slug: 'no-csrf' },
    });
    expect(withoutCsrf.statusCode).toBe(403);
    expect(withoutCsrf.json().code).toBe('CSRF_TOKEN_INVALID');
  });

  it("never shows or changes another town's providers", async () => {
    const mine = (await create({ ...franceConnect, slug: 'isolated' })).json();
    const otherTenant = await buildTenant(t.app.ctx.db);
    const otherAdmin = await buildAgent(t.app.ctx.db, otherTenant.id, { roles: ['admin'] });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { host: otherTenant.host },
      payload: { email: otherAdmin.email, password: otherAdmin.password },
    });
    const cookie = `guichet_session=${response.cookies.find((c) => c.name === 'guichet_session')!.value}`;
    const headers = { host: otherTenant.host, cookie, 'x-csrf-token': response.json().csrfToken as string };

    const listed = await t.app.inject({ method: 'GET', url, headers });
    expect(listed.json().items).toEqual([]);
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${mine.id}`,
      headers,
      payload: { label: 'Piraté' },
    });
    expect(patched.statusCode).toBe(404);
    const deleted = await t.app.inject({ method: 'DELETE', url: `${url}/${mine.id}`, headers });
    expect(deleted.statusCode).toBe(404);
    expect((await findIdentityProviderById(t.app.ctx.db, t.tenant.id, mine.id))?.label).toBe('FranceConnect');
  });
});
