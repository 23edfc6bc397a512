import { systemPrincipal } from '../../../platform/auth/principal';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import { buildAgent, buildDepartment, buildTenant } from '../../../../test/factories';
import { createFixedClock } from '../../../platform/clock';
import { enqueue } from '../../../platform/jobs/job-runner';
import { jobs } from '../../../platform/jobs/jobs.tables';
import { insertUser, updateUser } from '../../accounts/users.repository';
import { dispatchStateOf, letterAddress } from '../../messaging/messaging-test-setup';
import { outboundMessages } from '../../messaging/messaging.tables';
import type { RequestStatus } from '../lifecycle';
import { insertRequestWithUniqueTrackingCode, type Request } from '../requests.repository';
import { requestEvents, requests } from '../requests.tables';
import { markOverdueJobType, markOverdueRequests } from './mark-overdue';

const hour = 3_600_000;
const start = new Date('2026-03-10T09:00:00Z');

describe('marking overdue requests', () => {
  let t: TestContext;
  const clock = createFixedClock(start);

  beforeAll(async () => {
    t = await buildTestApp({ clock });
  });
  afterAll(() => t.close());

  /** A town of its own per test: the use case marks a whole tenant. */
  async function buildTown() {
    const db = t.app.ctx.db;
    const tenant = await buildTenant(db, { name: 'Ville de Retard' });
    let count = 0;
    const addRequest = (overrides: {
      status?: RequestStatus;
      dueAt?: Date | null;
      departmentId?: string | null;
      citizenId?: string | null;
      contact?: Request['contact'];
    }) => {
      count += 1;
      return insertRequestWithUniqueTrackingCode(db, {
        tenantId: tenant.id,
        reference: `2026-${String(count).padStart(6, '0')}`,
        channel: 'web',
        subject: `Demande ${count}`,
        description: 'Une description.',
        status: overrides.status ?? 'in_progress',
        dueAt: overrides.dueAt === undefined ? new Date(clock.now().getTime() - hour) : overrides.dueAt,
        departmentId: overrides.departmentId ?? null,
        citizenId: overrides.citizenId ?? null,
        contact: overrides.contact ?? null,
      });
    };
    return { tenant, addRequest };
  }

  const eventsOf = (request: Request) =>
    t.app.ctx.db
      .select()
      .from(requestEvents)
      .where(eq(requestEvents.requestId, request.id))
      .orderBy(asc(requestEvents.sequence));
  const missedEventsOf = async (request: Request) =>
    (await eventsOf(request)).filter((event) => event.type === 'deadline_missed');
  const reload = async (request: Request) =>
    (await t.app.ctx.db.select().from(requests).where(eq(requests.id, request.id)))[0]!;
  const messagesOf = (tenantId: string, templateKey: 'deadline_digest' | 'deadline_missed') =>
    t.app.ctx.db
      .select()
      .from(outboundMessages)
      .where(and(eq(outboundMessages.tenantId, tenantId), eq(outboundMessages.templateKey, templateKey)))
      .orderBy(asc(outboundMessages.queuedAt), asc(outboundMessages.messageKey));
  const digestsOf = async (tenantId: string) =>
    (await messagesOf(tenantId, 'deadline_digest')).map((message) => {
      expect(message.channel).toBe('email');
      return {
        to: message.toAddress!,
        subject: message.subject!,
        text: message.bodyText,
        key: message.messageKey,
      };
    });

  it('marks an open request past its due date once, with an internal deadline_missed event', async () => {
    clock.set(start);
    const { tenant, addRequest } = await buildTown();
    const request = await addRequest({ status: 'in_progress' });

    expect(await markOverdueRequests(t.app.ctx, systemPrincipal(tenant.id, 'test'))).toEqual({ marked: 1 });
    const marked = await reload(request);
    expect(marked.overdueMarkedAt).toEqual(start);
    expect(marked.version).toBe(request.version + 1);
    const events = await missedEventsOf(request);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'deadline_missed',
      actorKind: 'system',
      actorId: null,
      visibility: 'internal',
      data: { dueAt: request.dueAt!.toISOString() },
    });

    clock.advance(hour);
    expect(await markOverdueRequests(t.app.ctx, systemPrincipal(tenant.id, 'test'))).toEqual({ marked: 0 });
    expect(await missedEventsOf(request)).toHaveLength(1);
  });

  it('marks again once a due date that moved later has passed too', async () => {
    clock.set(start);
    const { tenant, addRequest } = await buildTown();
    const request = await addRequest({});
    await markOverdueRequests(t.app.ctx, systemPrincipal(tenant.id, 'test'));

    const newDueAt = new Date(start.getTime() + 24 * hour);
    await t.app.ctx.db.update(requests).set({ dueAt: newDueAt }).where(eq(requests.id, request.id));
    clock.set(new Date(start.getTime() + 12 * hour));
    expect(await markOverdueRequests(t.app.ctx, systemPrincipal(tenant.id, 'test'))).toEqual({ marked: 0 });

    clock.set(new Date(start.getTime() + 25 * hour));
    expect(await markOverdueRequests(t.app.ctx, systemPrincipal(tenant.id, 'test'))).toEqual({ marked: 1 });
    const events = await missedEventsOf(request);
    expect(events.map((event) => event.data)).toEqual([
      { dueAt: request.dueAt!.toISOString() },
      { dueAt: newDueAt.toISOString() },
    ]);
    expect((await reload(request)).overdueMarkedAt).toEqual(clock.now());
  });

  it('leaves answered, terminal, not yet due and undated requests alone', async () => {
    clock.set(start);
    const { tenant, addRequest } = await buildTown();
    const untouched = [
      await addRequest({ status: 'answered' }),
      await addRequest({ status: 'closed' }),
      await addRequest({ status: 'rejected' }),
      await addRequest({ status: 'cancelled' }),
      await addRequest({ status: 'duplicate' }),
      await addRequest({ status: 'received', dueAt: new Date(start.getTime() + hour) }),
      await addRequest({ status: 'received', dueAt: null }),
    ];
    const overdue = [
      await addRequest({ status: 'received' }),
      await addRequest({ status: 'qualified' }),
      await addRequest({ status: 'waiting_citizen' }),
      await addRequest({ status: 'awaiting_approval' }),
    ];

    expect(await markOverdueRequests(t.app.ctx, systemPrincipal(tenant.id, 'test'))).toEqual({
      marked: overdue.length,
    });
    for (const request of untouched) {
      const row = await reload(request);
      expect(row.overdueMarkedAt).toBeNull();
      expect(row.version).toBe(request.version);
      expect(await eventsOf(request)).toEqual([]);
    }
    for (const request of overdue) expect((await reload(request)).overdueMarkedAt).toEqual(start);
  });

  it('mails one digest per department to its active managers, or to the admins when it has none', async () => {
    clock.set(start);
    const db = t.app.ctx.db;
    const { tenant, addRequest } = await buildTown();
    const roads = await buildDepartment(db, tenant.id, { name: 'Voirie' });
    const parks = await buildDepartment(db, tenant.id, { name: 'Espaces verts' });
    const registry = await buildDepartment(db, tenant.id, { name: 'État civil' });
    const roadsManager = await buildAgent(db, tenant.id, { roles: ['manager'], departmentIds: [roads.id] });
    const roadsManager2 = await buildAgent(db, tenant.id, {
      roles: ['agent', 'manager'],
      departmentIds: [roads.id, parks.id],
    });
    const inactiveManager = await buildAgent(db, tenant.id, {
      roles: ['manager'],
      departmentIds: [roads.id],
    });
    await updateUser(db, tenant.id, inactiveManager.id, { isActive: false }, start);
    await buildAgent(db, tenant.id, { roles: ['agent'], departmentIds: [roads.id] });
    await buildAgent(db, tenant.id, { roles: ['manager'], departmentIds: [registry.id] });
    const admin = await buildAgent(db, tenant.id, { roles: ['admin'] });

    const pothole = await addRequest({ departmentId: roads.id });
    const signpost = await addRequest({ departmentId: roads.id });
    await addRequest({ departmentId: roads.id, dueAt: new Date(start.getTime() + hour) });
    const tree = await addRequest({ departmentId: parks.id });
    const unrouted = await addRequest({ departmentId: null });
    await addRequest({ departmentId: registry.id, status: 'answered' });

    await markOverdueRequests(t.app.ctx, systemPrincipal(tenant.id, 'test'));
    const digests = await digestsOf(tenant.id);
    const byRecipient = (email: string) => digests.filter((mail) => mail.to === email);

    expect(digests.map((mail) => mail.to).sort()).toEqual(
      [roadsManager.email, roadsManager2.email, roadsManager2.email, admin.email].sort(),
    );
    const [roadsDigest] = byRecipient(roadsManager.email);
    expect(roadsDigest!.subject).toBe('Voirie\u00a0: 2 demandes en retard');
    expect(roadsDigest!.text).toContain(`Bonjour ${roadsManager.firstName} ${roadsManager.lastName},`);
    expect(roadsDigest!.text).toContain(`${pothole.reference} – «\u00a0${pothole.subject}\u00a0»`);
    expect(roadsDigest!.text).toContain(`${signpost.reference} – «\u00a0${signpost.subject}\u00a0»`);
    expect(roadsDigest!.text).toContain(`http://t-`);
    expect(roadsDigest!.text).toContain(`/agent/demandes/${pothole.id}`);
    expect(roadsDigest!.text).not.toContain(tree.reference);
    expect(
      byRecipient(roadsManager2.email)
        .map((mail) => mail.subject)
        .sort(),
    ).toEqual(['Espaces verts\u00a0: 1 demande en retard', 'Voirie\u00a0: 2 demandes en retard']);
    const [adminDigest] = byRecipient(admin.email);
    expect(adminDigest!.subject).toBe('sans service désigné\u00a0: 1 demande en retard');
    expect(adminDigest!.text).toContain(unrouted.reference);

    // The same requests give the same digests: a second run queues nothing more.
    clock.advance(hour);
    await markOverdueRequests(t.app.ctx, systemPrincipal(tenant.id, 'test'));
    expect(await digestsOf(tenant.id)).toHaveLength(digests.length);
  });

  it('tells each requester once per due date, by a digital channel, never by letter, not while waiting for them', async () => {
    clock.set(start);
    const db = t.app.ctx.db;
    const { tenant, addRequest } = await buildTown();
    const lettersOnly = await insertUser(db, {
      tenantId: tenant.id,
      kind: 'citizen',
      email: `lettre-${tenant.slug}@example.test`,
      emailVerifiedAt: start,
      firstName: 'Louise',
      lastName: 'Papier',
      postalAddress: letterAddress,
      preferredChannel: 'letter',
    });
    const withAccount = await addRequest({ citizenId: lettersOnly.id });
    const byMail = await addRequest({ contact: { name: 'Paul Courriel', email: 'paul@example.test' } });
    const byPost = await addRequest({
      contact: { name: 'Jeanne Timbre', postalAddress: letterAddress },
    });
    // The town waits for this requester's information: no apology for a delay that is not its own.
    const waiting = await addRequest({
      status: 'waiting_citizen',
      contact: { name: 'Max Attente', email: 'max@example.test' },
    });

    await markOverdueRequests(t.app.ctx, systemPrincipal(tenant.id, 'test'));
    expect((await eventsOf(waiting)).map((event) => event.type)).toEqual(['deadline_missed']);
    const apologies = await messagesOf(tenant.id, 'deadline_missed');
    expect(apologies.map((m) => [m.subjectId, m.channel, m.toAddress])).toEqual(
      expect.arrayContaining([
        [withAccount.id, 'email', lettersOnly.email],
        [byMail.id, 'email', 'paul@example.test'],
      ]),
    );
    expect(apologies).toHaveLength(2);
    const [first] = apologies.filter((m) => m.subjectId === withAccount.id);
    expect(first!.messageKey).toBe(`deadline-missed:${withAccount.id}:${withAccount.dueAt!.toISOString()}`);
    expect(first!.bodyText).toContain('Bonjour Louise Papier,');
    expect(first!.bodyText).toContain(`/suivi/${withAccount.trackingCode}`);
    expect((await dispatchStateOf(t, first!.id)).only).toEqual(['email', 'sms', 'portal']);
    // Nobody reachable without a letter: no message, the timeline says why.
    const timeline = await eventsOf(byPost);
    expect(timeline.map((event) => event.type)).toEqual(['deadline_missed', 'message_status']);
    expect(timeline[1]!.data).toMatchObject({ templateKey: 'deadline_missed', channel: null });

    // The same due date is not told twice; a new due date, once passed, is.
    clock.advance(hour);
    await markOverdueRequests(t.app.ctx, systemPrincipal(tenant.id, 'test'));
    expect(await messagesOf(tenant.id, 'deadline_missed')).toHaveLength(2);
    const newDueAt = new Date(start.getTime() + 24 * hour);
    await db.update(requests).set({ dueAt: newDueAt }).where(eq(requests.id, byMail.id));
    clock.set(new Date(start.getTime() + 25 * hour));
    await markOverdueRequests(t.app.ctx, systemPrincipal(tenant.id, 'test'));
    const again = (await messagesOf(tenant.id, 'deadline_missed')).filter((m) => m.subjectId === byMail.id);
    expect(again.map((m) => m.messageKey).sort()).toEqual(
      [
        `deadline-missed:${byMail.id}:${byMail.dueAt!.toISOString()}`,
        `deadline-missed:${byMail.id}:${newDueAt.toISOString()}`,
      ].sort(),
    );
    expect(await messagesOf(tenant.id, 'deadline_missed')).not.toContainEqual(
      expect.objectContaining({ channel: 'letter' }),
    );
  });

  it('works through every batch and runs as the scheduled job of the tenant', async () => {
    clock.set(start);
    const { tenant, addRequest } = await buildTown();
    const created = [];
    for (let index = 0; index < 5; index += 1) created.push(await addRequest({}));
    expect(
      await markOverdueRequests(t.app.ctx, systemPrincipal(tenant.id, 'test'), { batchSize: 2 }),
    ).toEqual({ marked: 5 });

    const late = await addRequest({});
    await enqueue(t.app.ctx.db, {
      type: markOverdueJobType,
      tenantId: tenant.id,
      payload: { tenantId: tenant.id },
    });
    await t.app.ctx.jobs.runUntilIdle({ tenantId: tenant.id });
    const [job] = await t.app.ctx.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.tenantId, tenant.id), eq(jobs.type, markOverdueJobType)));
    expect(job).toMatchObject({ status: 'done', lastError: null });
    expect((await reload(late)).overdueMarkedAt).toEqual(start);
  });
});
