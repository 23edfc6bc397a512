import { systemPrincipal } from '../../../platform/auth/principal';
import { and, asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import { buildCitizen } from '../../../../test/factories';
import { logInAccount } from '../../../../test/login';
import { createFixedClock } from '../../../platform/clock';
import { enqueue } from '../../../platform/jobs/job-runner';
import { jobs } from '../../../platform/jobs/jobs.tables';
import { outboundMessages } from '../../messaging/messaging.tables';
import { tenants } from '../../organisation/organisation.tables';
import { withDefaultSettings } from '../../organisation/tenant-settings';
import { insertRequestWithUniqueTrackingCode, type Request } from '../requests.repository';
import { type RequestContact, requestEvents, requests } from '../requests.tables';
import { autoCloseAnsweredRequests, autoCloseCutoff, autoCloseJobType } from './auto-close';

describe('auto-close cutoff', () => {
  it('counts Paris calendar days: answered on the 1st with 15 days closes from the 16th at midnight', () => {
    expect(autoCloseCutoff(new Date('2026-03-16T10:00:00Z'), 15)).toEqual(new Date('2026-03-01T23:00:00Z'));
    // Summer time: midnight in Paris is 22:00 UTC.
    // 16 July 23:59 in Paris: answers of 1 July close, not those of 2 July.
    expect(autoCloseCutoff(new Date('2026-07-16T21:59:00Z'), 15)).toEqual(new Date('2026-07-01T22:00:00Z'));
    // 17 July 00:01 in Paris: answers of 2 July close too.
    expect(autoCloseCutoff(new Date('2026-07-16T22:01:00Z'), 15)).toEqual(new Date('2026-07-02T22:00:00Z'));
  });
});

describe('closing answered requests by themselves', () => {
  let t: TestContext;
  // 10:00 in Paris on Tuesday 10 March 2026.
  const answeredAt = new Date('2026-03-10T09:00:00Z');
  const clock = createFixedClock(answeredAt);
  let count = 0;

  beforeAll(async () => {
    t = await buildTestApp({ clock });
    await t.app.ctx.db
      .update(tenants)
      .set({ settings: withDefaultSettings({ ...t.tenant.settings, autoCloseDays: 3 }) })
      .where(eq(tenants.id, t.tenant.id));
  });
  afterAll(() => t.close());

  const addAnswered = (options: { citizenId?: string; contact?: RequestContact | null } = {}) => {
    count += 1;
    return insertRequestWithUniqueTrackingCode(t.app.ctx.db, {
      tenantId: t.tenant.id,
      reference: `2026-${String(count).padStart(6, '0')}`,
      channel: 'web',
      subject: `Lampadaire ${count}`,
      description: 'Le lampadaire ne s’allume plus.',
      status: 'answered',
      answeredAt,
      citizenId: options.citizenId ?? null,
      contact:
        options.contact === undefined
          ? { name: 'Dominique', email: `d${count}@example.test` }
          : options.contact,
    });
  };
  const reload = async (request: Request) =>
    (await t.app.ctx.db.select().from(requests).where(eq(requests.id, request.id)))[0]!;
  /** The invitations queued in the messaging pipeline for a request. */
  const invitationsFor = (request: Request) =>
    t.app.ctx.db
      .select()
      .from(outboundMessages)
      .where(
        and(
          eq(outboundMessages.subjectId, request.id),
          like(outboundMessages.messageKey, 'satisfaction-invitation:%'),
        ),
      )
      .orderBy(asc(outboundMessages.queuedAt));

  it('closes after the tenant’s number of calendar days, not before, and invites to the survey', async () => {
    clock.set(answeredAt);
    const request = await addAnswered();

    // Thursday 12 March, 23:59 in Paris: two calendar days after the answer day.
    clock.set(new Date('2026-03-12T22:59:00Z'));
    await autoCloseAnsweredRequests(t.app.ctx, systemPrincipal(t.tenant.id, 'test'));
    expect((await reload(request)).status).toBe('answered');
    expect(await invitationsFor(request)).toEqual([]);

    // Friday 13 March, 00:01 in Paris: three calendar days after the 10th.
    clock.set(new Date('2026-03-12T23:01:00Z'));
    const outcome = await autoCloseAnsweredRequests(t.app.ctx, systemPrincipal(t.tenant.id, 'test'));
    expect(outcome.closed).toBeGreaterThanOrEqual(1);
    const closed = await reload(request);
    expect(closed).toMatchObject({ status: 'closed', closedAt: clock.now(), version: request.version + 1 });
    const events = await t.app.ctx.db
      .select()
      .from(requestEvents)
      .where(eq(requestEvents.requestId, request.id));
    const [invitation, ...more] = await invitationsFor(request);
    expect(more).toEqual([]);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'status_changed',
        actorKind: 'system',
        actorId: null,
        visibility: 'public',
        data: { from: 'answered', to: 'closed', automatic: true },
      }),
      // The invitation's delivery, tracked on the timeline for the agents.
      expect.objectContaining({
        type: 'message_status',
        visibility: 'internal',
        data: expect.objectContaining({
          messageId: invitation!.id,
          status: 'queued',
          templateKey: 'closure',
        }),
      }),
    ]);
    expect(invitation).toMatchObject({
      messageKey: `satisfaction-invitation:${request.id}:${closed.version}`,
      templateKey: 'closure',
      channel: 'email',
      toAddress: request.contact!.email,
      status: 'queued',
    });
    expect(invitation!.subject).toBe(
      `Votre demande ${request.reference} est clôturée\u00a0: donnez-nous votre avis`,
    );
    expect(invitation!.bodyText).toContain('Bonjour Dominique,');
    expect(invitation!.bodyText).toContain('de 1 (très insatisfait) à 5 (très satisfait)');
    expect(invitation!.bodyText).toContain(`/suivi/${request.trackingCode}`);

    // The tracking view now offers the survey.
    const view = await t.inject({ method: 'GET', url: `/api/v1/track/${request.trackingCode}` });
    expect(view.json()).toMatchObject({ status: 'closed', canRate: true, satisfaction: null });
    expect(view.json().timeline.at(-1)).toMatchObject({
      type: 'status_changed',
      text: expect.stringContaining('Clôturée'),
    });

    // Nothing more on the next run.
    await autoCloseAnsweredRequests(t.app.ctx, systemPrincipal(t.tenant.id, 'test'));
    expect(await invitationsFor(request)).toHaveLength(1);
  });

  it('leaves a request the citizen replied to (reopened) open, and mails an account holder at their address', async () => {
    clock.set(answeredAt);
    const replier = await buildCitizen(t.app.ctx.db, t.tenant.id);
    const quiet = await buildCitizen(t.app.ctx.db, t.tenant.id);
    const reopened = await addAnswered({ citizenId: replier.id, contact: null });
    const accepted = await addAnswered({ citizenId: quiet.id, contact: null });
    const session = await logInAccount(t, replier);
    const reply = await t.inject({
      method: 'POST',
      url: `/api/v1/requests/${reopened.id}/messages`,
      headers: session.headers,
      payload: { body: 'Le lampadaire est toujours éteint.' },
    });
    expect(reply.statusCode).toBe(201);

    clock.set(new Date('2026-03-20T10:00:00Z'));
    await autoCloseAnsweredRequests(t.app.ctx, systemPrincipal(t.tenant.id, 'test'));
    expect((await reload(reopened)).status).toBe('in_progress');
    expect(await invitationsFor(reopened)).toEqual([]);
    expect((await reload(accepted)).status).toBe('closed');
    const [invitation, ...more] = await invitationsFor(accepted);
    expect(more).toEqual([]);
    expect(invitation).toMatchObject({ recipientUserId: quiet.id, channel: 'email', toAddress: quiet.email });
    expect(invitation!.bodyText).toContain(`Bonjour ${quiet.firstName} ${quiet.lastName},`);
  });

  it('invites nobody when the request is already rated', async () => {
    clock.set(answeredAt);
    const rated = await addAnswered();
    await t.app.ctx.db.update(requests).set({ satisfactionRating: 4 }).where(eq(requests.id, rated.id));
    clock.set(new Date('2026-03-20T10:00:00Z'));
    await autoCloseAnsweredRequests(t.app.ctx, systemPrincipal(t.tenant.id, 'test'));
    expect((await reload(rated)).status).toBe('closed');
    expect(await invitationsFor(rated)).toEqual([]);
  });

  it('closes without an invitation when nobody can be reached (a mobile, no SMS gateway), through the scheduled job', async () => {
    clock.set(answeredAt);
    const byPhone = await addAnswered({ contact: { name: 'Claude', phone: '06 00 00 00 00' } });
    clock.set(new Date('2026-03-20T10:00:00Z'));
    await enqueue(t.app.ctx.db, {
      type: autoCloseJobType,
      tenantId: t.tenant.id,
      payload: { tenantId: t.tenant.id },
    });
    await t.app.ctx.jobs.runUntilIdle();
    expect((await reload(byPhone)).status).toBe('closed');
    expect(await invitationsFor(byPhone)).toEqual([]);
    const notes = await t.app.ctx.db
      .select()
      .from(requestEvents)
      .where(and(eq(requestEvents.requestId, byPhone.id), eq(requestEvents.type, 'message_status')));
    expect(notes).toEqual([
      expect.objectContaining({
        visibility: 'internal',
        data: expect.objectContaining({ templateKey: 'closure', status: 'failed', channel: null }),
      }),
    ]);
    const [job] = await t.app.ctx.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.tenantId, t.tenant.id), eq(jobs.type, autoCloseJobType)));
    expect(job).toMatchObject({ status: 'done', lastError: null });
  });
});
