import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import { buildCitizen } from '../../../../test/factories';
import { logInAccount } from '../../../../test/login';
import { type SmtpSink, startSmtpSink } from '../../../../test/smtp-sink';
import { createFixedClock } from '../../../platform/clock';
import { categories, departments } from '../../organisation/organisation.tables';
import {
  anonymousContact,
  buildRoutedCategory,
  countRequestsAndJobs,
} from '../../requests/intake-test-setup';

describe('citizen intake: POST/GET /api/v1/requests', () => {
  let t: TestContext;
  let sink: SmtpSink;
  let category: Awaited<ReturnType<typeof buildRoutedCategory>>['category'];
  // Friday 4 December 2026, 10:00 in Paris: three business days later is Wednesday 9 December.
  const clock = createFixedClock('2026-12-04T09:00:00Z');

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await buildTestApp({ env: { SMTP_URL: sink.url }, clock });
    ({ category } = await buildRoutedCategory(t, { deadlineDays: 3 }));
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  const submission = (overrides: Record<string, unknown> = {}) => ({
    categoryId: category.id,
    subject: 'Nid-de-poule rue des Lilas',
    description: 'Un trou profond devant le numéro 12.',
    location: { address: '12 rue des Lilas', latitude: 48.85, longitude: 2.35 },
    ...overrides,
  });

  it('files an anonymous request with a contact and e-mails the acknowledgement', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/requests',
      payload: submission({ contact: anonymousContact }),
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(Object.keys(body).sort()).toEqual(['dueAt', 'id', 'reference', 'status', 'trackingCode']);
    expect(body.reference).toMatch(/^2026-\d{6}$/);
    expect(body.trackingCode).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{8}$/);
    expect(body.status).toBe('received');
    expect(body.dueAt).toBe('2026-12-09T22:59:59.999Z');

    await t.app.ctx.jobs.runUntilIdle({ tenantId: t.tenant.id });
    const mail = await sink.waitForMessage((message) => message.to.includes(anonymousContact.email));
    expect(mail.subject).toContain(body.reference);
    expect(mail.text).toContain(`Référence\u00a0: ${body.reference}`);
    expect(mail.text).toContain('vendredi 4 décembre 2026 à 10 h 00');
    expect(mail.text).toContain('Service Voirie');
    expect(mail.text).toContain('1 place de la Mairie, 75001 Paris');
    expect(mail.text).toContain('voirie@mairie.test');
    expect(mail.text).toContain('01 23 45 67 89');
    expect(mail.text).toContain('mercredi 9 décembre 2026');
    expect(mail.text).toMatch(new RegExp(`https?://\\S+/suivi/${body.trackingCode}`));
    expect(mail.text).toContain('ne donne pas lieu à une décision implicite');
  });

  it('states in the acknowledgement that silence is worth rejection, with the appeal channels', async () => {
    const { category: tacit } = await buildRoutedCategory(t, {
      deadlineDays: 3,
      silenceRule: 'rejection',
      silencePeriodDays: 60,
    });
    const email = 'camille.rejet@example.test';
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/requests',
      payload: submission({ categoryId: tacit.id, contact: { ...anonymousContact, email } }),
    });
    expect(response.statusCode).toBe(201);
    await t.app.ctx.jobs.runUntilIdle({ tenantId: t.tenant.id });
    const mail = await sink.waitForMessage((message) => message.to.includes(email));
    // Received on Friday 4 December 2026: sixty calendar days later is Tuesday 2 February 2027.
    expect(mail.text).toContain(
      'Sans réponse de notre part au mardi 2 février 2027, votre demande sera réputée rejetée.',
    );
    expect(mail.text).toContain('recours gracieux auprès du maire');
    expect(mail.text).toContain('tribunal administratif');
  });

  it('lets a logged-in citizen file without a contact, then list and read their own requests', async () => {
    const citizen = await logInAccount(t, await buildCitizen(t.app.ctx.db, t.tenant.id));
    const first = await t.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: citizen.headers,
      payload: submission({ subject: 'Première demande' }),
    });
    expect(first.statusCode).toBe(201);
    clock.advance(60_000);
    const second = await t.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: citizen.headers,
      payload: submission({ subject: 'Seconde demande', location: undefined }),
    });
    expect(second.statusCode).toBe(201);

    await t.app.ctx.jobs.runUntilIdle({ tenantId: t.tenant.id });
    const mail = await sink.waitForMessage((message) => message.to.includes(citizen.email));
    expect(mail.text).toContain('/suivi/');

    const list = await t.inject({
      method: 'GET',
      url: '/api/v1/requests',
      headers: { cookie: citizen.cookie },
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().map((request: { subject: string }) => request.subject)).toEqual([
      'Seconde demande',
      'Première demande',
    ]);

    const detail = await t.inject({
      method: 'GET',
      url: `/api/v1/requests/${first.json().id}`,
      headers: { cookie: citizen.cookie },
    });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      reference: first.json().reference,
      status: 'received',
      phase: 'qualification',
      category: { id: category.id, name: 'Nid-de-poule' },
      location: { address: '12 rue des Lilas', latitude: 48.85, longitude: 2.35 },
      timeline: [{ type: 'created', text: 'Demande reçue' }],
    });

    const other = await logInAccount(t, await buildCitizen(t.app.ctx.db, t.tenant.id));
    const hidden = await t.inject({
      method: 'GET',
      url: `/api/v1/requests/${first.json().id}`,
      headers: { cookie: other.cookie },
    });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('REQUEST_NOT_FOUND');
    expect(hidden.body).not.toContain(first.json().reference);
    const otherList = await t.inject({
      method: 'GET',
      url: '/api/v1/requests',
      headers: { cookie: other.cookie },
    });
    expect(otherList.json()).toEqual([]);
  });

  it('answers 401 to an anonymous listing', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/v1/requests' });
    expect(response.statusCode).toBe(401);
  });

  it('refuses an unknown or inactive category with 400 and writes nothing', async () => {
    const { category: inactive } = await buildRoutedCategory(t, { isActive: false });
    const before = await countRequestsAndJobs(t);
    for (const categoryId of [inactive.id, '00000000-0000-4000-8000-000000000000']) {
      const response = await t.inject({
        method: 'POST',
        url: '/api/v1/requests',
        payload: submission({ categoryId, contact: anonymousContact }),
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toContainEqual(expect.objectContaining({ field: 'categoryId' }));
    }
    expect(await countRequestsAndJobs(t)).toEqual(before);
  });

  it('follows the town’s changes at once: a category closed after use, a department renamed', async () => {
    const { category: closing, department } = await buildRoutedCategory(t);
    const post = () =>
      t.inject({
        method: 'POST',
        url: '/api/v1/requests',
        payload: submission({ categoryId: closing.id, contact: anonymousContact }),
      });
    // The first intake puts the town in this process's cache.
    expect((await post()).statusCode).toBe(201);
    await t.app.ctx.db
      .update(departments)
      .set({ name: 'Service Espaces publics' })
      .where(and(eq(departments.tenantId, t.tenant.id), eq(departments.id, department.id)));
    const renamed = await post();
    expect(renamed.statusCode).toBe(201);
    await t.app.ctx.jobs.runUntilIdle({ tenantId: t.tenant.id });
    const mail = await sink.waitForMessage((message) => message.subject.includes(renamed.json().reference));
    expect(mail.text).toContain('Service Espaces publics');
    await t.app.ctx.db
      .update(categories)
      .set({ isActive: false })
      .where(and(eq(categories.tenantId, t.tenant.id), eq(categories.id, closing.id)));
    const refused = await post();
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toContainEqual(expect.objectContaining({ field: 'categoryId' }));
  });

  it('refuses an over-long description and a too-short subject with 400', async () => {
    const before = await countRequestsAndJobs(t);
    const long = await t.inject({
      method: 'POST',
      url: '/api/v1/requests',
      payload: submission({ description: 'x'.repeat(10_001), contact: anonymousContact }),
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().errors).toContainEqual(expect.objectContaining({ field: 'description' }));
    const short = await t.inject({
      method: 'POST',
      url: '/api/v1/requests',
      payload: submission({ subject: '  a ', contact: anonymousContact }),
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors).toContainEqual(expect.objectContaining({ field: 'subject' }));
    expect(await countRequestsAndJobs(t)).toEqual(before);
  });

  it('requires a contact with an e-mail or a phone when nobody is logged in', async () => {
    const before = await countRequestsAndJobs(t);
    const missing = await t.inject({ method: 'POST', url: '/api/v1/requests', payload: submission() });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toContainEqual(expect.objectContaining({ field: 'contact' }));
    const unreachable = await t.inject({
      method: 'POST',
      url: '/api/v1/requests',
      payload: submission({ contact: { name: 'Sans moyen de contact' } }),
    });
    expect(unreachable.statusCode).toBe(400);
    expect(unreachable.json().errors).toContainEqual(expect.objectContaining({ field: 'contact' }));
    expect(await countRequestsAndJobs(t)).toEqual(before);
  });

  it('accepts a phone-only contact, with no acknowledgement e-mail to send', async () => {
    const before = await countRequestsAndJobs(t);
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/requests',
      payload: submission({ contact: { name: 'Claude', phone: '+33 6 11 22 33 44' } }),
    });
    expect(response.statusCode).toBe(201);
    expect(await countRequestsAndJobs(t)).toEqual({ requests: before.requests + 1, jobs: before.jobs });
  });
});
