import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../test/build-test-app';
import { buildAgent, buildCitizen, buildDepartment, buildTenant } from '../../../test/factories';
import { logIn } from '../../../test/login';
import { createFixedClock } from '../../platform/clock';
import { sessions, users } from './accounts.tables';
import { hashSecretToken } from './secret-token';

const hour = 3600_000;

describe('sessions: login, logout, expiry and CSRF', () => {
  const clock = createFixedClock('2031-03-03T08:00:00Z');
  let t: TestContext;
  beforeAll(async () => {
    t = await buildTestApp({ clock });
  });
  afterAll(() => t.close());

  const session = (cookie: string) =>
    t.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } });

  it('logs in with a hardened cookie and returns the user and a CSRF token', async () => {
    const department = await buildDepartment(t.app.ctx.db, t.tenant.id);
    const agent = await buildAgent(t.app.ctx.db, t.tenant.id, {
      roles: ['agent', 'manager'],
      departmentIds: [department.id],
    });
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: agent.email.toUpperCase(), password: agent.password },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user).toMatchObject({
      id: agent.id,
      kind: 'agent',
      roles: ['agent', 'manager'],
      departmentIds: [department.id],
      emailVerified: true,
    });
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);

    const cookie = response.cookies.find((c) => c.name === 'guichet_session')!;
    expect(cookie.value).toMatch(/^[\w-]{43}$/);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    expect(new Date(cookie.expires!).getTime()).toBe(clock.now().getTime() + 12 * hour);

    // Only the token's digest is stored.
    const [row] = await t.app.ctx.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, hashSecretToken(cookie.value)));
    expect(row).toMatchObject({ userId: agent.id, tenantId: t.tenant.id });
    const [clear] = await t.app.ctx.db.select().from(sessions).where(eq(sessions.id, cookie.value));
    expect(clear).toBeUndefined();

    const current = await session(`guichet_session=${cookie.value}`);
    expect(current.statusCode).toBe(200);
    expect(current.json()).toEqual({ user: body.user, csrfToken: body.csrfToken });
  });

  it('answers 204, no body, without a session and with a made-up cookie (an anonymous visit is no error)', async () => {
    const anonymous = await t.inject({ method: 'GET', url: '/api/v1/auth/session' });
    expect(anonymous.statusCode).toBe(204);
    expect(anonymous.body).toBe('');
    const forged = await session('guichet_session=forged-token');
    expect(forged.statusCode).toBe(204);
    // What needs a session still refuses with 401.
    const me = await t.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: 'guichet_session=forged-token' },
    });
    expect(me.statusCode).toBe(401);
    expect(me.json().code).toBe('UNAUTHENTICATED');
  });

  it('refuses a wrong password and an unknown account with the same answer', async () => {
    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    const wrong = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: citizen.email, password: 'not the right one' },
      remoteAddress: '10.20.0.1',
    });
    const unknown = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'personne@example.test', password: 'not the right one' },
      remoteAddress: '10.20.0.1',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const { requestId: _a, ...wrongBody } = wrong.json();
    const { requestId: _b, ...unknownBody } = unknown.json();
    expect(wrongBody).toEqual(unknownBody);
    expect(wrongBody.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.cookies.find((c) => c.name === 'guichet_session')).toBeUndefined();
  });

  it('logs out this session only', async () => {
    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    const first = await logIn(t, citizen.email, citizen.password);
    const second = await logIn(t, citizen.email, citizen.password);

    const logout = await t.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: first.headers });
    expect(logout.statusCode).toBe(204);
    expect(logout.body).toBe('');
    const cleared = logout.cookies.find((c) => c.name === 'guichet_session')!;
    expect(cleared.value).toBe('');

    expect((await session(first.cookie)).statusCode).toBe(204);
    expect((await session(second.cookie)).statusCode).toBe(200);
  });

  it('logs out everywhere', async () => {
    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    const laptop = await logIn(t, citizen.email, citizen.password);
    const phone = await logIn(t, citizen.email, citizen.password);
    const other = await buildCitizen(t.app.ctx.db, t.tenant.id);
    const someoneElse = await logIn(t, other.email, other.password);

    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/logout-everywhere',
      headers: phone.headers,
    });
    expect(response.statusCode).toBe(204);
    expect((await session(laptop.cookie)).statusCode).toBe(204);
    expect((await session(phone.cookie)).statusCode).toBe(204);
    expect((await session(someoneElse.cookie)).statusCode).toBe(200);

    const anonymous = await t.inject({ method: 'POST', url: '/api/v1/auth/logout-everywhere' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('expires an unused session after SESSION_TTL_HOURS', async () => {
    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    const { cookie } = await logIn(t, citizen.email, citizen.password);
    clock.advance(11 * hour);
    // Used at 11 h: extended to 11 h + 12 h.
    expect((await session(cookie)).statusCode).toBe(200);
    clock.advance(12 * hour - 60_000);
    expect((await session(cookie)).statusCode).toBe(200);
    clock.advance(12 * hour + 60_000);
    const expired = await session(cookie);
    expect(expired.statusCode).toBe(204);
    expect(expired.cookies.find((c) => c.name === 'guichet_session')?.value).toBe('');
  });

  it('does not let an expired session slide back to life', async () => {
    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    const { cookie } = await logIn(t, citizen.email, citizen.password);
    clock.advance(12 * hour);
    expect((await session(cookie)).statusCode).toBe(204);
    clock.advance(-11 * hour);
    expect((await session(cookie)).statusCode).toBe(204);
  });

  it('refuses a cookie-authenticated write without the CSRF token, or with another session’s', async () => {
    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    const mine = await logIn(t, citizen.email, citizen.password);
    const another = await logIn(t, citizen.email, citizen.password);

    const missing = await t.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { cookie: mine.cookie },
      payload: { firstName: 'Pirate' },
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().code).toBe('CSRF_TOKEN_INVALID');

    const foreign = await t.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { cookie: mine.cookie, 'x-csrf-token': another.csrfToken },
      payload: { firstName: 'Pirate' },
    });
    expect(foreign.statusCode).toBe(403);

    const logout = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: mine.cookie },
    });
    expect(logout.statusCode).toBe(403);
    expect((await session(mine.cookie)).statusCode).toBe(200);

    const me = await t.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: mine.cookie } });
    expect(me.json().user.firstName).toBe('Camille');

    const allowed = await t.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: mine.headers,
      payload: { firstName: 'Camilla' },
    });
    expect(allowed.statusCode).toBe(200);
  });

  it('ends the session of a deactivated account at its next request', async () => {
    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    const { cookie } = await logIn(t, citizen.email, citizen.password);
    await t.app.ctx.db
      .update(users)
      .set({ isActive: false })
      .where(and(eq(users.tenantId, t.tenant.id), eq(users.id, citizen.id)));
    expect((await session(cookie)).statusCode).toBe(204);
  });

  it('does not accept a session cookie on another town’s host', async () => {
    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    const { cookie } = await logIn(t, citizen.email, citizen.password);
    const otherTown = await buildTenant(t.app.ctx.db);
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: { host: otherTown.host, cookie },
    });
    expect(response.statusCode).toBe(204);
  });
});
