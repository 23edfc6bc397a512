import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../test/build-test-app';
import { buildCitizen } from '../../../test/factories';
import { type LoggedIn, logIn, logInAccount } from '../../../test/login';

describe('profile', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const newSession = async () => logInAccount(t, await buildCitizen(t.app.ctx.db, t.tenant.id));
  const patchMe = (session: LoggedIn, payload: Record<string, unknown>) =>
    t.inject({ method: 'PATCH', url: '/api/v1/me', headers: session.headers, payload });

  it('answers 401 to an anonymous visitor', async () => {
    expect((await t.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    const patch = await t.inject({ method: 'PATCH', url: '/api/v1/me', payload: { firstName: 'X' } });
    expect(patch.statusCode).toBe(401);
  });

  it('edits name, phone, postal address and preferred channel', async () => {
    const session = await newSession();
    const address = { line1: '3 rue des Lilas', line2: 'Bâtiment B', postcode: '69003', city: 'Lyon' };
    const response = await patchMe(session, {
      firstName: ' Camille ',
      lastName: 'Martin-Dupré',
      phone: '+33 6 12 34 56 78',
      postalAddress: address,
      preferredChannel: 'letter',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({
      firstName: 'Camille',
      lastName: 'Martin-Dupré',
      phone: '+33612345678',
      postalAddress: address,
      preferredChannel: 'letter',
    });
    const me = await t.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session.cookie } });
    expect(me.json().user).toEqual(response.json().user);

    const cleared = await patchMe(session, { phone: null, preferredChannel: 'portal' });
    expect(cleared.json().user).toMatchObject({
      phone: null,
      postalAddress: address,
      preferredChannel: 'portal',
    });
  });

  it('refuses invalid fields with a 400 naming them, and changes nothing', async () => {
    const session = await newSession();
    const cases: [Record<string, unknown>, string][] = [
      [{ firstName: '' }, 'firstName'],
      [{ firstName: '   ' }, 'firstName'],
      [{ phone: 'appelez-moi' }, 'phone'],
      [{ postalAddress: { line1: '1 rue', postcode: '123', city: 'Lyon' } }, 'postalAddress.postcode'],
      [{ postalAddress: { line1: '1 rue', postcode: '69003' } }, 'postalAddress.city'],
      [{ preferredChannel: 'pigeon' }, 'preferredChannel'],
      [{ preferredChannel: 'sms' }, 'phone'],
      [{ preferredChannel: 'letter' }, 'postalAddress'],
    ];
    for (const [payload, field] of cases) {
      const response = await patchMe(session, { lastName: 'Changé', ...payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      const fields = response.json().errors.map((error: { field: string }) => error.field);
      expect(fields, JSON.stringify(payload)).toContain(field);
    }
    const me = await t.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session.cookie } });
    expect(me.json().user.lastName).toBe('Martin');
  });

  it('refuses an attempt to change e-mail, roles or kind through the profile', async () => {
    const session = await newSession();
    const response = await patchMe(session, { roles: ['admin'], kind: 'agent' });
    expect(response.statusCode).toBe(400);
    const me = await t.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session.cookie } });
    expect(me.json().user).toMatchObject({ kind: 'citizen', roles: [] });
  });

  it('changes the password after checking the current one, ending the other sessions', async () => {
    const session = await newSession();
    const other = await logIn(t, session.email, session.password);
    const change = (payload: Record<string, unknown>) =>
      t.inject({ method: 'POST', url: '/api/v1/me/password', headers: session.headers, payload });

    const wrong = await change({
      currentPassword: 'pas le bon mot de passe',
      newPassword: 'nouveau secret long',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({
      code: 'CURRENT_PASSWORD_INCORRECT',
      errors: [{ field: 'currentPassword' }],
    });
    const weak = await change({ currentPassword: session.password, newPassword: 'azertyuiop' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'WEAK_PASSWORD', errors: [{ field: 'newPassword' }] });

    const done = await change({ currentPassword: session.password, newPassword: 'nouveau secret long' });
    expect(done.statusCode).toBe(204);
    const mine = await t.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session.cookie } });
    expect(mine.statusCode).toBe(200);
    const theirs = await t.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: other.cookie } });
    expect(theirs.statusCode).toBe(401);
    await logIn(t, session.email, 'nouveau secret long');
  });
});
