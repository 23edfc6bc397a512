import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import { buildCitizen } from '../../../../test/factories';
import { type LoggedInAccount, logInAccount, logInNewAgent } from '../../../../test/login';
import { createFixedClock } from '../../../platform/clock';
import type { Request } from '../requests.repository';
import { requests } from '../requests.tables';
import { buildNamedCategory, buildNamedDepartment, seedRequest } from './backoffice-test-setup';

describe('back-office queue: GET /api/v1/backoffice/requests', () => {
  let t: TestContext;
  // Friday 4 December 2026, 10:00 in Paris.
  const clock = createFixedClock('2026-12-04T09:00:00Z');
  let voirieAgent: LoggedInAccount;
  let cultureAgent: LoggedInAccount;
  let reception: LoggedInAccount;
  let manager: LoggedInAccount;
  let admin: LoggedInAccount;
  let ids: { voirie: string; voirieNord: string; culture: string; lighting: string; library: string };
  const seeded: Record<string, Request> = {};

  beforeAll(async () => {
    t = await buildTestApp({ clock });
    const voirie = await buildNamedDepartment(t, 'Voirie');
    const voirieNord = await buildNamedDepartment(t, 'Voirie nord', voirie.id);
    const culture = await buildNamedDepartment(t, 'Culture');
    const lighting = await buildNamedCategory(t, 'Éclairage public', voirie.id);
    const library = await buildNamedCategory(t, 'Médiathèque', culture.id);
    ids = {
      voirie: voirie.id,
      voirieNord: voirieNord.id,
      culture: culture.id,
      lighting: lighting.id,
      library: library.id,
    };
    [voirieAgent, cultureAgent, reception, manager, admin] = await Promise.all([
      logInNewAgent(t, ['agent'], { departmentIds: [voirie.id] }),
      logInNewAgent(t, ['agent'], { departmentIds: [culture.id] }),
      logInNewAgent(t, ['reception']),
      logInNewAgent(t, ['manager'], { departmentIds: [voirie.id] }),
      logInNewAgent(t, ['admin']),
    ]);

    seeded.overdue = await seedRequest(t, {
      subject: 'Lampadaire éteint rue de la Chaussée',
      description: 'Plus de lumière depuis lundi.',
      departmentId: voirie.id,
      categoryId: lighting.id,
      status: 'in_progress',
      channel: 'phone',
      priority: 'high',
      assigneeId: voirieAgent.id,
      dueAt: new Date('2026-12-03T22:59:59.999Z'),
      receivedAt: new Date('2026-11-20T09:00:00Z'),
    });
    seeded.dueSoon = await seedRequest(t, {
      subject: 'Nid-de-poule',
      description: 'Un trou profond dans la chaussée devant l’école.',
      departmentId: voirie.id,
      categoryId: lighting.id,
      status: 'qualified',
      dueAt: new Date('2026-12-06T22:59:59.999Z'),
      receivedAt: new Date('2026-11-25T09:00:00Z'),
    });
    seeded.later = await seedRequest(t, {
      subject: 'Trottoir abîmé',
      departmentId: voirie.id,
      status: 'received',
      dueAt: new Date('2026-12-20T22:59:59.999Z'),
      receivedAt: new Date('2026-12-02T09:00:00Z'),
      contact: { name: 'Hélène Durand', email: 'helene@example.test' },
    });
    seeded.closed = await seedRequest(t, {
      subject: 'Ancienne demande clôturée',
      departmentId: voirie.id,
      status: 'closed',
      dueAt: new Date('2026-11-01T22:59:59.999Z'),
      receivedAt: new Date('2026-10-01T09:00:00Z'),
    });
    seeded.cultureReceived = await seedRequest(t, {
      subject: 'Horaires de la médiathèque',
      departmentId: culture.id,
      categoryId: library.id,
      status: 'received',
      channel: 'email',
      dueAt: new Date('2026-12-10T22:59:59.999Z'),
      receivedAt: new Date('2026-12-03T09:00:00Z'),
    });
    seeded.cultureInProgress = await seedRequest(t, {
      subject: 'Inscription atelier',
      departmentId: culture.id,
      categoryId: library.id,
      status: 'in_progress',
      dueAt: new Date('2026-12-11T22:59:59.999Z'),
      receivedAt: new Date('2026-11-28T09:00:00Z'),
    });
    seeded.nord = await seedRequest(t, {
      subject: 'Banc cassé au parc',
      departmentId: voirieNord.id,
      status: 'in_progress',
      dueAt: null,
      receivedAt: new Date('2026-11-30T09:00:00Z'),
    });
  });
  afterAll(() => t.close());

  async function list(who: LoggedInAccount, query = '') {
    const response = await t.inject({
      method: 'GET',
      url: `/api/v1/backoffice/requests${query}`,
      headers: { cookie: who.cookie },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as {
      items: Array<Record<string, unknown> & { id: string; subject: string }>;
      total: number;
      page: number;
      pageSize: number;
    };
  }
  const subjects = (page: { items: Array<{ subject: string }> }) => page.items.map((item) => item.subject);

  it('lists the open requests of the agent’s department by due date, with names and deadline flags', async () => {
    const page = await list(voirieAgent);
    expect(subjects(page)).toEqual([
      'Lampadaire éteint rue de la Chaussée',
      'Nid-de-poule',
      'Trottoir abîmé',
    ]);
    expect(page).toMatchObject({ total: 3, page: 1, pageSize: 25 });
    const [overdue, dueSoon, later] = page.items;
    expect(overdue).toEqual({
      id: seeded.overdue!.id,
      reference: seeded.overdue!.reference,
      trackingCode: seeded.overdue!.trackingCode,
      status: 'in_progress',
      phase: 'treatment',
      channel: 'phone',
      priority: 'high',
      subject: 'Lampadaire éteint rue de la Chaussée',
      category: { id: ids.lighting, name: 'Éclairage public' },
      department: { id: ids.voirie, name: 'Voirie' },
      assignee: { id: voirieAgent.id, name: 'Alex Agent' },
      requesterName: 'Dominique Lefèvre',
      receivedAt: '2026-11-20T09:00:00.000Z',
      dueAt: '2026-12-03T22:59:59.999Z',
      updatedAt: expect.any(String),
      overdue: true,
      dueSoon: false,
      version: 1,
    });
    expect(dueSoon).toMatchObject({ overdue: false, dueSoon: true, assignee: null });
    expect(later).toMatchObject({
      overdue: false,
      dueSoon: false,
      category: null,
      requesterName: 'Hélène Durand',
    });
  });

  it('moves the deadline flags with the app clock', async () => {
    clock.set('2026-12-07T09:00:00Z');
    try {
      // A session of its own: moving the clock three days ends the others'.
      const later = await logInNewAgent(t, ['agent'], { departmentIds: [ids.voirie] });
      const page = await list(later);
      expect(page.items.map((item) => [item.subject, item.overdue, item.dueSoon])).toEqual([
        ['Lampadaire éteint rue de la Chaussée', true, false],
        ['Nid-de-poule', true, false],
        ['Trottoir abîmé', false, false],
      ]);
    } finally {
      clock.set('2026-12-04T09:00:00Z');
    }
  });

  it('filters by status list, all statuses, department, category, channel and assignee', async () => {
    expect(subjects(await list(voirieAgent, '?status=closed'))).toEqual(['Ancienne demande clôturée']);
    expect(subjects(await list(voirieAgent, '?status=received,qualified'))).toEqual([
      'Nid-de-poule',
      'Trottoir abîmé',
    ]);
    expect((await list(voirieAgent, '?status=all')).total).toBe(4);
    expect(subjects(await list(admin, `?departmentId=${ids.culture}`))).toEqual([
      'Horaires de la médiathèque',
      'Inscription atelier',
    ]);
    expect(subjects(await list(admin, `?categoryId=${ids.library}&status=received`))).toEqual([
      'Horaires de la médiathèque',
    ]);
    expect(subjects(await list(admin, '?channel=phone'))).toEqual(['Lampadaire éteint rue de la Chaussée']);
    expect(subjects(await list(voirieAgent, '?assignee=me'))).toEqual([
      'Lampadaire éteint rue de la Chaussée',
    ]);
    expect(subjects(await list(admin, `?assignee=${voirieAgent.id}`))).toEqual([
      'Lampadaire éteint rue de la Chaussée',
    ]);
    expect(subjects(await list(voirieAgent, '?assignee=none'))).toEqual(['Nid-de-poule', 'Trottoir abîmé']);
  });

  it('filters overdue requests and those due within N days', async () => {
    expect(subjects(await list(admin, '?overdue=true&status=all'))).toEqual([
      'Lampadaire éteint rue de la Chaussée',
    ]);
    expect(subjects(await list(admin, '?dueWithinDays=0'))).toEqual(['Lampadaire éteint rue de la Chaussée']);
    expect(subjects(await list(admin, '?dueWithinDays=2'))).toEqual([
      'Lampadaire éteint rue de la Chaussée',
      'Nid-de-poule',
    ]);
    expect(subjects(await list(admin, '?dueWithinDays=6'))).toEqual([
      'Lampadaire éteint rue de la Chaussée',
      'Nid-de-poule',
      'Horaires de la médiathèque',
    ]);
  });

  it('sorts by due date (nulls last) or newest received, and pages', async () => {
    expect(subjects(await list(admin))).toEqual([
      'Lampadaire éteint rue de la Chaussée',
      'Nid-de-poule',
      'Horaires de la médiathèque',
      'Inscription atelier',
      'Trottoir abîmé',
      'Banc cassé au parc',
    ]);
    expect(subjects(await list(admin, '?sort=received'))).toEqual([
      'Horaires de la médiathèque',
      'Trottoir abîmé',
      'Banc cassé au parc',
      'Inscription atelier',
      'Nid-de-poule',
      'Lampadaire éteint rue de la Chaussée',
    ]);
    const second = await list(admin, '?page=2&pageSize=4');
    expect(subjects(second)).toEqual(['Trottoir abîmé', 'Banc cassé au parc']);
    expect(second).toMatchObject({ total: 6, page: 2, pageSize: 4 });
    expect((await list(admin, '?page=3&pageSize=4')).items).toEqual([]);
  });

  it('searches in French without accents or plurals, combined with filters', async () => {
    expect(subjects(await list(admin, '?q=chaussee&sort=due'))).toEqual([
      'Lampadaire éteint rue de la Chaussée',
      'Nid-de-poule',
    ]);
    expect(subjects(await list(admin, '?q=lampadaires'))).toEqual(['Lampadaire éteint rue de la Chaussée']);
    expect(subjects(await list(admin, '?q=chaussee&assignee=none'))).toEqual(['Nid-de-poule']);
    expect(
      subjects(await list(admin, `?q=${encodeURIComponent('médiathèque')}&departmentId=${ids.voirie}`)),
    ).toEqual([]);
    expect(subjects(await list(admin, `?q=helene`))).toEqual(['Trottoir abîmé']);
    // Messages and the account holder's name reach the search through search_extra.
    await t.app.ctx.db
      .update(requests)
      .set({ searchExtra: 'Réponse : les parkings seront refaits' })
      .where(eq(requests.id, seeded.nord!.id));
    expect(subjects(await list(admin, '?q=parking'))).toEqual(['Banc cassé au parc']);
    // Relevance (default with q): the subject (weight A) outranks the description (weight B).
    expect(subjects(await list(admin, '?q=chaussee'))).toEqual([
      'Lampadaire éteint rue de la Chaussée',
      'Nid-de-poule',
    ]);
  });

  it('finds a request by its reference or tracking code typed as is', async () => {
    const byReference = await list(admin, `?q=${seeded.later!.reference}`);
    expect(subjects(byReference)[0]).toBe('Trottoir abîmé');
    const byCode = await list(admin, `?q=${seeded.nord!.trackingCode.toLowerCase()}`);
    expect(subjects(byCode)).toEqual(['Banc cassé au parc']);
  });

  it('keeps each agent to their scope', async () => {
    expect(subjects(await list(cultureAgent))).toEqual(['Horaires de la médiathèque', 'Inscription atelier']);
    // Reception: every request awaiting qualification, whatever its department.
    expect(subjects(await list(reception))).toEqual(['Horaires de la médiathèque', 'Trottoir abîmé']);
    expect(subjects(await list(reception, '?status=all'))).toEqual([
      'Horaires de la médiathèque',
      'Trottoir abîmé',
    ]);
    // A manager sees the sub-departments too.
    expect(subjects(await list(manager))).toEqual([
      'Lampadaire éteint rue de la Chaussée',
      'Nid-de-poule',
      'Trottoir abîmé',
      'Banc cassé au parc',
    ]);
    expect(subjects(await list(voirieAgent, `?departmentId=${ids.culture}`))).toEqual([]);
    expect((await list(admin)).total).toBe(6);
  });

  it('documents its routes in the OpenAPI document, with their security', async () => {
    const spec = (await t.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const queue = spec.paths['/api/v1/backoffice/requests'];
    expect(queue.get.security).toEqual([{ session: [] }]);
    expect(queue.post.security).toEqual([{ session: [], csrf: [] }]);
    expect(queue.get.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(
      expect.arrayContaining([
        'status',
        'assignee',
        'overdue',
        'dueWithinDays',
        'q',
        'sort',
        'page',
        'pageSize',
      ]),
    );
    expect(Object.keys(spec.paths['/api/v1/backoffice/requests/{id}'].get.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404']),
    );
    for (const path of ['citizens', 'contacts', 'departments', 'assignees']) {
      expect(spec.paths[`/api/v1/backoffice/${path}`], path).toBeDefined();
    }
  });

  it('refuses citizens (403), anonymous callers (401) and bad filters (400)', async () => {
    const citizen = await logInAccount(t, await buildCitizen(t.app.ctx.db, t.tenant.id));
    const forbidden = await t.inject({
      method: 'GET',
      url: '/api/v1/backoffice/requests',
      headers: { cookie: citizen.cookie },
    });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('FORBIDDEN');
    const anonymous = await t.inject({ method: 'GET', url: '/api/v1/backoffice/requests' });
    expect(anonymous.statusCode).toBe(401);

    for (const [query, field] of [
      ['?status=open', 'status'],
      ['?pageSize=101', 'pageSize'],
      ['?page=0', 'page'],
      ['?dueWithinDays=400', 'dueWithinDays'],
      ['?sort=name', 'sort'],
      ['?assignee=someone', 'assignee'],
      ['?assignee=------------------------------------', 'assignee'],
      ['?departmentId=nope', 'departmentId'],
    ] as const) {
      const response = await t.inject({
        method: 'GET',
        url: `/api/v1/backoffice/requests${query}`,
        headers: { cookie: admin.cookie },
      });
      expect(response.statusCode, query).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(response.json().errors), query).toContain(field);
    }
  });
});
