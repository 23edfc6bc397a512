import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import { type LoggedInAccount, logInNewAgent } from '../../../../test/login';
import { createFixedClock } from '../../../platform/clock';
import { buildNamedDepartment, seedRequest } from './backoffice-test-setup';

/**
 * The department filter within the agent's scope: a department the agent sees whole is read as is
 * (its open requests in due-date order off requests_open_queue_idx); another department shows only
 * what the scope lets through (requests assigned to the agent, or awaiting qualification for
 * reception), in the same order and with the same count.
 */
describe('back-office queue: the department filter and the scope', () => {
  let t: TestContext;
  const clock = createFixedClock('2026-12-04T09:00:00Z');
  let voirieAgent: LoggedInAccount;
  let reception: LoggedInAccount;
  let manager: LoggedInAccount;
  let ids: { voirie: string; voirieNord: string; culture: string };

  beforeAll(async () => {
    t = await buildTestApp({ clock });
    const voirie = await buildNamedDepartment(t, 'Voirie');
    const voirieNord = await buildNamedDepartment(t, 'Voirie nord', voirie.id);
    const culture = await buildNamedDepartment(t, 'Culture');
    ids = { voirie: voirie.id, voirieNord: voirieNord.id, culture: culture.id };
    [voirieAgent, reception, manager] = await Promise.all([
      logInNewAgent(t, ['agent'], { departmentIds: [voirie.id] }),
      logInNewAgent(t, ['reception']),
      logInNewAgent(t, ['manager'], { departmentIds: [voirie.id] }),
    ]);
    const colleague = await logInNewAgent(t, ['agent'], { departmentIds: [voirie.id] });
    const due = (day: number) => new Date(`2026-12-${String(day).padStart(2, '0')}T22:59:59.999Z`);
    await seedRequest(t, {
      subject: 'Voirie sans échéance',
      departmentId: voirie.id,
      status: 'qualified',
      dueAt: null,
    });
    await seedRequest(t, {
      subject: 'Voirie le 20',
      departmentId: voirie.id,
      status: 'received',
      dueAt: due(20),
    });
    await seedRequest(t, {
      subject: 'Voirie le 10, à un collègue',
      departmentId: voirie.id,
      status: 'in_progress',
      assigneeId: colleague.id,
      dueAt: due(10),
    });
    await seedRequest(t, {
      subject: 'Voirie répondue',
      departmentId: voirie.id,
      status: 'answered',
      dueAt: due(5),
    });
    await seedRequest(t, {
      subject: 'Nord le 12',
      departmentId: voirieNord.id,
      status: 'qualified',
      dueAt: due(12),
    });
    await seedRequest(t, {
      subject: 'Culture le 15, à l’agent de voirie',
      departmentId: culture.id,
      status: 'waiting_citizen',
      assigneeId: voirieAgent.id,
      dueAt: due(15),
    });
    await seedRequest(t, {
      subject: 'Culture le 8',
      departmentId: culture.id,
      status: 'in_progress',
      dueAt: due(8),
    });
    await seedRequest(t, {
      subject: 'Culture reçue le 9',
      departmentId: culture.id,
      status: 'received',
      dueAt: due(9),
    });
  });
  afterAll(() => t.close());

  async function list(who: LoggedInAccount, query: string) {
    const response = await t.inject({
      method: 'GET',
      url: `/api/v1/backoffice/requests?sort=due&${query}`,
      headers: { cookie: who.cookie },
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { items: { subject: string }[]; total: number };
    return { subjects: body.items.map((item) => item.subject), total: body.total };
  }

  it('shows an agent’s own department whole, open requests by due date (none last)', async () => {
    expect(await list(voirieAgent, `departmentId=${ids.voirie}`)).toEqual({
      subjects: ['Voirie le 10, à un collègue', 'Voirie le 20', 'Voirie sans échéance'],
      total: 3,
    });
    expect(await list(voirieAgent, `departmentId=${ids.voirie}&pageSize=1&page=2`)).toEqual({
      subjects: ['Voirie le 20'],
      total: 3,
    });
  });

  it('shows another department only through the scope', async () => {
    expect(await list(voirieAgent, `departmentId=${ids.culture}`)).toEqual({
      subjects: ['Culture le 15, à l’agent de voirie'],
      total: 1,
    });
    expect(await list(reception, `departmentId=${ids.culture}`)).toEqual({
      subjects: ['Culture reçue le 9'],
      total: 1,
    });
    expect(await list(voirieAgent, `departmentId=${ids.voirieNord}`)).toEqual({ subjects: [], total: 0 });
  });

  it('shows a manager’s sub-department whole', async () => {
    expect(await list(manager, `departmentId=${ids.voirieNord}`)).toEqual({
      subjects: ['Nord le 12'],
      total: 1,
    });
  });

  it('keeps the status filter on a whole department', async () => {
    expect(await list(voirieAgent, `departmentId=${ids.voirie}&status=answered`)).toEqual({
      subjects: ['Voirie répondue'],
      total: 1,
    });
  });
});
