import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import { buildCitizen } from '../../../../test/factories';
import { type LoggedInAccount, logInAccount, logInNewAgent } from '../../../../test/login';
import { type SmtpSink, startSmtpSink } from '../../../../test/smtp-sink';
import { createFixedClock } from '../../../platform/clock';
import { realtimeChannels } from '../../../platform/events/channels';
import { buildRoutedCategory, countRequestsAndJobs } from '../../requests/intake-test-setup';

describe('desk intake: POST /api/v1/backoffice/requests', () => {
  let t: TestContext;
  let sink: SmtpSink;
  // Friday 4 December 2026, 10:00 in Paris.
  const clock = createFixedClock('2026-12-04T09:00:00Z');
  let reception: LoggedInAccount;
  let admin: LoggedInAccount;
  let routed: Awaited<ReturnType<typeof buildRoutedCategory>>;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await buildTestApp({ env: { SMTP_URL: sink.url }, clock });
    routed = await buildRoutedCategory(t, { deadlineDays: 3 });
    [reception, admin] = await Promise.all([logInNewAgent(t, ['reception']), logInNewAgent(t, ['admin'])]);
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  function file(who: LoggedInAccount, payload: Record<string, unknown>) {
    return t.inject({ method: 'POST', url: '/api/v1/backoffice/requests', headers: who.headers, payload });
  }
  async function detailOf(id: string) {
    const response = await t.inject({
      method: 'GET',
      url: `/api/v1/backoffice/requests/${id}`,
      headers: { cookie: admin.cookie },
    });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  it('records a phone call for a citizen account: routed, due, acknowledged, the agent as actor, agents told', async () => {
    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    const heard: unknown[] = [];
    const unsubscribe = t.app.ctx.bus.subscribe(realtimeChannels.tenantAgents(t.tenant.id), (event) => {
      heard.push(event);
    });
    const response = await file(reception, {
      channel: 'phone',
      categoryId: routed.category.id,
      priority: 'urgent',
      subject: 'Fuite d’eau sur la chaussée',
      description: 'Appel de Mme Martin : fuite importante.',
      citizenId: citizen.id,
    });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    expect(Object.keys(body).sort()).toEqual(['dueAt', 'id', 'reference', 'status', 'trackingCode']);
    expect(body).toMatchObject({ status: 'received', dueAt: '2026-12-09T22:59:59.999Z' });
    expect(body.reference).toMatch(/^2026-\d{6}$/);

    const detail = await detailOf(body.id);
    expect(detail).toMatchObject({
      channel: 'phone',
      priority: 'urgent',
      status: 'received',
      category: { id: routed.category.id },
      department: { id: routed.department.id },
      requesterName: 'Camille Martin',
      receivedAt: '2026-12-04T09:00:00.000Z',
      requester: { citizenId: citizen.id, email: citizen.email },
    });
    expect(detail.timeline).toHaveLength(2);
    expect(detail.timeline).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'created',
          actor: { id: reception.id, name: 'Alex Agent', kind: 'agent' },
          data: expect.objectContaining({ channel: 'phone', categoryId: routed.category.id }),
        }),
        // The acknowledgement, queued on the account's preferred channel and tracked for the agents.
        expect.objectContaining({
          type: 'message_status',
          visibility: 'internal',
          data: expect.objectContaining({
            channel: 'email',
            status: 'queued',
            templateKey: 'acknowledgement',
          }),
        }),
      ]),
    );

    await t.app.ctx.jobs.runUntilIdle({ tenantId: t.tenant.id });
    const mail = await sink.waitForMessage((message) => message.to.includes(citizen.email));
    expect(mail.subject).toContain(body.reference);
    expect(mail.text).toContain('Service Voirie');
    // On PostgreSQL the event comes back through NOTIFY: wait for it rather than for a delay.
    await vi.waitFor(() =>
      expect(heard).toContainEqual(
        expect.objectContaining({ type: 'request.created', data: { id: body.id } }),
      ),
    );
    unsubscribe();
  });

  it('records a letter from someone without an account: postal address only, no category yet, dated receipt', async () => {
    const before = await countRequestsAndJobs(t);
    const response = await file(reception, {
      channel: 'letter',
      subject: 'Demande de banc public',
      description: 'Courrier manuscrit reçu le 30 novembre.',
      contact: {
        name: 'Jeanne Petit',
        postalAddress: { line1: '8 rue Haute', postcode: '75002', city: 'Paris' },
      },
      receivedAt: '2026-11-30T08:00:00.000Z',
    });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    // The town's default deadline (15 business days) runs from the letter's receipt: Monday 30 November.
    expect(body.dueAt).toBe('2026-12-21T22:59:59.999Z');
    // A postal letter may be acknowledged by letter: one message queued, with its dispatch job.
    const after = await countRequestsAndJobs(t);
    expect(after).toEqual({ requests: before.requests + 1, jobs: before.jobs + 1 });

    const detail = await detailOf(body.id);
    expect(detail).toMatchObject({
      channel: 'letter',
      priority: 'normal',
      category: null,
      department: null,
      receivedAt: '2026-11-30T08:00:00.000Z',
      requester: {
        citizenId: null,
        name: 'Jeanne Petit',
        email: null,
        phone: null,
        postalAddress: { line1: '8 rue Haute', postcode: '75002', city: 'Paris' },
      },
    });
  });

  it.each(['counter', 'email', 'sms', 'api'] as const)(
    'records a %s request with a contact',
    async (channel) => {
      const email = `${channel}-${randomUUID()}@example.test`;
      const response = await file(admin, {
        channel,
        categoryId: routed.category.id,
        subject: `Demande par ${channel}`,
        description: 'Texte de la demande.',
        contact: { name: 'Paul Roux', email, phone: '06 98 76 54 32' },
      });
      expect(response.statusCode, response.body).toBe(201);
      const detail = await detailOf(response.json().id);
      expect(detail).toMatchObject({
        channel,
        requesterName: 'Paul Roux',
        requester: { email, phone: '06 98 76 54 32' },
      });
      await t.app.ctx.jobs.runUntilIdle({ tenantId: t.tenant.id });
      await sink.waitForMessage((message) => message.to.includes(email));
    },
  );

  it('refuses bad input with a 400 naming the field, and writes nothing', async () => {
    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    const valid = {
      channel: 'phone',
      subject: 'Demande valide',
      description: 'Texte.',
      contact: { name: 'Paul Roux', phone: '06 98 76 54 32' },
    };
    const before = await countRequestsAndJobs(t);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...valid, contact: undefined }, 'contact'],
      [{ ...valid, citizenId: citizen.id }, 'contact'],
      [{ ...valid, contact: undefined, citizenId: reception.id }, 'citizenId'],
      [{ ...valid, contact: undefined, citizenId: randomUUID() }, 'citizenId'],
      [{ ...valid, contact: { name: 'Paul Roux' } }, 'contact'],
      [{ ...valid, receivedAt: '2026-12-05T09:00:00.000Z' }, 'receivedAt'],
      [{ ...valid, receivedAt: '30/11/2026' }, 'receivedAt'],
      [{ ...valid, categoryId: randomUUID() }, 'categoryId'],
      [{ ...valid, channel: 'web' }, 'channel'],
      [{ ...valid, priority: 'critical' }, 'priority'],
      [{ ...valid, subject: 'ab' }, 'subject'],
      [
        {
          ...valid,
          contact: { name: 'X', postalAddress: { line1: '1 rue', postcode: '123', city: 'Paris' } },
        },
        'postcode',
      ],
    ];
    for (const [payload, field] of cases) {
      const response = await file(reception, payload);
      expect(response.statusCode, `${field}: ${response.body}`).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(response.json().errors), response.body).toContain(field);
    }
    expect(await countRequestsAndJobs(t)).toEqual(before);
  });

  it('is for agents only (403 for a citizen) and needs the CSRF token', async () => {
    const citizen = await logInAccount(t, await buildCitizen(t.app.ctx.db, t.tenant.id));
    const payload = {
      channel: 'phone',
      subject: 'Demande',
      description: 'Texte.',
      contact: { name: 'Paul Roux', phone: '06 98 76 54 32' },
    };
    expect((await file(citizen, payload)).statusCode).toBe(403);
    const noCsrf = await t.inject({
      method: 'POST',
      url: '/api/v1/backoffice/requests',
      headers: { cookie: reception.cookie },
      payload,
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('CSRF_TOKEN_INVALID');
  });
});
