import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMailTestApp, type MailTestContext } from '../../../test/build-mail-test-app';
import { buildCitizen, uniqueSuffix } from '../../../test/factories';
import { logIn } from '../../../test/login';
import { type CaughtMessage, type SmtpSink, tokenOfLink } from '../../../test/smtp-sink';

describe('forgotten password', () => {
  let sink: SmtpSink;
  let t: MailTestContext;
  beforeAll(async () => {
    t = await buildMailTestApp();
    sink = t.sink;
  });
  afterAll(() => t.close());

  const newPassword = 'un tout nouveau secret';
  const forgot = (email: string) =>
    t.inject({ method: 'POST', url: '/api/v1/auth/password/forgot', payload: { email } });
  const reset = (token: string, password: string) =>
    t.inject({ method: 'POST', url: '/api/v1/auth/password/reset', payload: { token, password } });

  async function resetMailFor(email: string, after: CaughtMessage[] = []): Promise<CaughtMessage> {
    await t.app.ctx.jobs.runUntilIdle({ tenantId: t.tenant.id });
    return sink.waitForMessage((message) => message.to.includes(email) && !after.includes(message));
  }

  it('mails a reset link; the reset ends every session, and the link works once', async () => {
    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    const session = await logIn(t, citizen.email, citizen.password);

    const response = await forgot(citizen.email.toUpperCase());
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({});
    const mail = await resetMailFor(citizen.email);
    expect(mail.subject).toBe(`Réinitialisation de votre mot de passe – ${t.tenant.name}`);
    const token = tokenOfLink(mail, '/mot-de-passe/reinitialiser');

    const weak = await reset(token, 'court');
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'WEAK_PASSWORD', errors: [{ field: 'password' }] });

    const done = await reset(token, newPassword);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({});

    const old = await t.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: { cookie: session.cookie },
    });
    expect(old.statusCode).toBe(204);
    const oldPassword = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: citizen.email, password: citizen.password },
      remoteAddress: '10.99.0.1',
    });
    expect(oldPassword.statusCode).toBe(401);
    await logIn(t, citizen.email, newPassword);

    const reused = await reset(token, 'encore un autre secret');
    expect(reused.statusCode).toBe(400);
    expect(reused.json().code).toBe('INVALID_TOKEN');
  });

  it('answers 202 for an unknown address and sends nothing', async () => {
    const email = `inconnu-${uniqueSuffix()}@example.test`;
    const response = await forgot(email);
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({});
    await t.app.ctx.jobs.runUntilIdle({ tenantId: t.tenant.id });
    expect(sink.messages.some((message) => message.to.includes(email))).toBe(false);
  });

  it('keeps only the newest link valid', async () => {
    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    await forgot(citizen.email);
    const first = await resetMailFor(citizen.email);
    await forgot(citizen.email);
    const second = await resetMailFor(citizen.email, [first]);
    expect((await reset(tokenOfLink(first, '/mot-de-passe/reinitialiser'), newPassword)).statusCode).toBe(
      400,
    );
    expect((await reset(tokenOfLink(second, '/mot-de-passe/reinitialiser'), newPassword)).statusCode).toBe(
      200,
    );
  });

  it('confirms the e-mail of an account that had not confirmed it yet', async () => {
    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id, { confirmed: false });
    await forgot(citizen.email);
    const mail = await resetMailFor(citizen.email);
    expect((await reset(tokenOfLink(mail, '/mot-de-passe/reinitialiser'), newPassword)).statusCode).toBe(200);
    const session = await logIn(t, citizen.email, newPassword);
    const me = await t.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session.cookie } });
    expect(me.json().user.emailVerified).toBe(true);
  });

  it('refuses an unknown token', async () => {
    const response = await reset('inconnu', newPassword);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('INVALID_TOKEN');
  });
});
