import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMailTestApp, type MailTestContext } from '../../../test/build-mail-test-app';
import { uniqueSuffix } from '../../../test/factories';
import { type SmtpSink, tokenOfLink } from '../../../test/smtp-sink';
import { jobs } from '../../platform/jobs/jobs.tables';
import { users } from './accounts.tables';

describe('citizen registration and e-mail confirmation', () => {
  let sink: SmtpSink;
  let t: MailTestContext;
  beforeAll(async () => {
    t = await buildMailTestApp();
    sink = t.sink;
  });
  afterAll(() => t.close());

  const password = 'tartine de confiture';
  const newEmail = () => `camille-${uniqueSuffix()}@example.test`;
  const register = (payload: Record<string, unknown>) =>
    t.inject({ method: 'POST', url: '/api/v1/auth/register', payload });
  const runJobs = () => t.app.ctx.jobs.runUntilIdle({ tenantId: t.tenant.id });
  const usersWithEmail = (email: string) =>
    t.app.ctx.db
      .select()
      .from(users)
      .where(and(eq(users.tenantId, t.tenant.id), eq(users.email, email)));

  it('creates an unconfirmed citizen, sends the confirmation link, and confirms it once', async () => {
    const email = newEmail();
    const response = await register({
      email,
      password,
      firstName: 'Camille',
      lastName: 'Martin',
      phone: '06 12 34 56 78',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().user).toEqual({
      id: expect.any(String),
      kind: 'citizen',
      email,
      firstName: 'Camille',
      lastName: 'Martin',
      phone: '0612345678',
      postalAddress: null,
      preferredChannel: 'email',
      roles: [],
      departmentIds: [],
      emailVerified: false,
    });
    expect(response.body).not.toContain('argon2');

    const refused = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('EMAIL_NOT_CONFIRMED');

    expect(await runJobs()).toBeGreaterThanOrEqual(1);
    const mail = await sink.waitForMessage((message) => message.to.includes(email));
    expect(mail.subject).toBe(`Confirmez votre adresse e-mail – ${t.tenant.name}`);
    expect(mail.text).toContain('Bonjour Camille Martin,');
    expect(mail.html).toContain('/confirmer-email?token=');
    expect(mail.text).toContain(`http://${t.tenant.host}:3000/confirmer-email?token=`);
    const token = tokenOfLink(mail, '/confirmer-email');

    const confirmed = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/confirm-email',
      payload: { token },
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().user).toMatchObject({ email, emailVerified: true });

    const again = await t.inject({ method: 'POST', url: '/api/v1/auth/confirm-email', payload: { token } });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ code: 'INVALID_TOKEN', errors: [{ field: 'token' }] });

    const login = await t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
    expect(login.statusCode).toBe(200);
  });

  it('refuses a malformed e-mail with a 400 naming email, and writes nothing', async () => {
    const response = await register({ email: 'pas-une-adresse', password, firstName: 'A', lastName: 'B' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().code).toBe('VALIDATION_FAILED');
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'email' })]);
    expect(await usersWithEmail('pas-une-adresse')).toHaveLength(0);
  });

  it('refuses a weak password with a 400 naming password, and writes nothing', async () => {
    for (const weak of ['court', 'azertyuiop']) {
      const email = newEmail();
      const response = await register({ email, password: weak, firstName: 'A', lastName: 'B' });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'WEAK_PASSWORD', errors: [{ field: 'password' }] });
      expect(await usersWithEmail(email)).toHaveLength(0);
    }
  });

  it('refuses a password containing the e-mail’s local part', async () => {
    const email = newEmail();
    const localPart = email.split('@')[0]!;
    const response = await register({ email, password: `${localPart}!2024`, firstName: 'A', lastName: 'B' });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('WEAK_PASSWORD');
  });

  it('refuses a missing name and unknown fields, naming them', async () => {
    const response = await register({ email: newEmail(), password, lastName: 'B', admin: true });
    expect(response.statusCode).toBe(400);
    const fields = response.json().errors.map((error: { field: string }) => error.field);
    expect(fields).toContain('firstName');
  });

  it('answers a duplicate e-mail (any case) with 409 and leaves the first account alone', async () => {
    const email = newEmail();
    expect((await register({ email, password, firstName: 'Un', lastName: 'Premier' })).statusCode).toBe(201);
    const jobsBefore = await t.app.ctx.db.select().from(jobs).where(eq(jobs.tenantId, t.tenant.id));

    const duplicate = await register({
      email: email.toUpperCase(),
      password,
      firstName: 'Deux',
      lastName: 'Second',
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe('EMAIL_TAKEN');
    expect(duplicate.body).not.toContain('Premier');

    const rows = await usersWithEmail(email);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.firstName).toBe('Un');
    const jobsAfter = await t.app.ctx.db.select().from(jobs).where(eq(jobs.tenantId, t.tenant.id));
    expect(jobsAfter).toHaveLength(jobsBefore.length);
  });

  it('resends a confirmation link (only the newest works) and answers 202 for unknown addresses', async () => {
    const email = newEmail();
    await register({ email, password, firstName: 'Dominique', lastName: 'Durand' });
    await runJobs();
    const first = await sink.waitForMessage((message) => message.to.includes(email));

    const resent = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/resend-confirmation',
      payload: { email },
    });
    expect(resent.statusCode).toBe(202);
    expect(resent.json()).toEqual({});
    await runJobs();
    const second = await sink.waitForMessage((message) => message.to.includes(email) && message !== first);

    const unknown = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/resend-confirmation',
      payload: { email: newEmail() },
    });
    expect(unknown.statusCode).toBe(202);

    const oldToken = tokenOfLink(first, '/confirmer-email');
    const newToken = tokenOfLink(second, '/confirmer-email');
    const old = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/confirm-email',
      payload: { token: oldToken },
    });
    expect(old.statusCode).toBe(400);
    const fresh = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/confirm-email',
      payload: { token: newToken },
    });
    expect(fresh.statusCode).toBe(200);
  });

  it('refuses an unknown confirmation token', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/confirm-email',
      payload: { token: 'nope' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('INVALID_TOKEN');
  });
});
