import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../test/build-test-app';
import { buildTenant } from '../../../test/factories';
import { buildAdminSession, type LoggedIn, logInNewAgent } from '../../../test/login';
import { createFixedClock } from '../../platform/clock';
import { findCalendarClosures, insertCalendarClosure } from './calendar-closures.repository';
import { computeTenantDueDate } from './use-cases/compute-due-date';

describe('business calendar API', () => {
  let t: TestContext;
  let admin: LoggedIn;
  let agent: LoggedIn;
  // Saturday 4 April 2026, 10:00 in Paris: the day before Easter.
  const clock = createFixedClock('2026-04-04T08:00:00Z');

  beforeAll(async () => {
    t = await buildTestApp({ clock });
    admin = await buildAdminSession(t);
    agent = await logInNewAgent(t, ['agent']);
  });
  afterAll(() => t.close());

  const closuresUrl = '/api/v1/admin/calendar/closures';
  const addClosure = (body: Record<string, unknown>, who: LoggedIn = admin) =>
    t.inject({ method: 'POST', url: closuresUrl, headers: who.headers, payload: body });
  const dueDate = async (query: string) => {
    const response = await t.inject({ method: 'GET', url: `/api/v1/calendar/due-date?${query}` });
    return response;
  };

  it('computes a due date publicly, skipping weekends and holidays', async () => {
    const response = await dueDate('from=2026-04-04&days=1');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ dueDate: '2026-04-07' });
    expect((await dueDate('from=2026-12-24&days=5')).json()).toEqual({ dueDate: '2027-01-04' });
    expect((await dueDate('from=2026-12-25&days=0')).json()).toEqual({ dueDate: '2026-12-25' });
  });

  it('counts from today in Paris when `from` is left out', async () => {
    expect((await dueDate('days=1')).json()).toEqual({ dueDate: '2026-04-07' });
  });

  it('answers 400 naming the field for a bad day or number', async () => {
    for (const [query, field] of [
      ['from=2026-02-30&days=1', 'from'],
      ['from=04/04/2026&days=1', 'from'],
      ['from=2026-04-04&days=-1', 'days'],
      ['from=2026-04-04&days=deux', 'days'],
      ['from=2026-04-04', 'days'],
    ] as const) {
      const response = await dueDate(query);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().errors, query).toContainEqual(expect.objectContaining({ field }));
    }
  });

  it('adds a closure, which due dates then skip, and removes it', async () => {
    // Tuesday 7 April 2026 closed: Saturday + 1 business day moves to Wednesday.
    const added = await addClosure({ day: '2026-04-07', label: 'Inventaire des archives' });
    expect(added.statusCode).toBe(201);
    const closure = added.json();
    expect(closure).toEqual({ id: expect.any(String), day: '2026-04-07', label: 'Inventaire des archives' });
    expect((await dueDate('from=2026-04-04&days=1')).json()).toEqual({ dueDate: '2026-04-08' });

    const due = await computeTenantDueDate(t.app.ctx.db, t.tenant.id, new Date('2026-04-04T08:00:00Z'), 1);
    expect(due.dueDay).toBe('2026-04-08');
    expect(due.dueAt.toISOString()).toBe('2026-04-08T21:59:59.999Z');

    const removed = await t.inject({
      method: 'DELETE',
      url: `${closuresUrl}/${closure.id}`,
      headers: admin.headers,
    });
    expect(removed.statusCode).toBe(204);
    expect((await dueDate('from=2026-04-04&days=1')).json()).toEqual({ dueDate: '2026-04-07' });
    const again = await t.inject({
      method: 'DELETE',
      url: `${closuresUrl}/${closure.id}`,
      headers: admin.headers,
    });
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('CALENDAR_CLOSURE_NOT_FOUND');
  });

  it('refuses a second closure on the same day with 409', async () => {
    expect((await addClosure({ day: '2026-05-15', label: 'Pont de l’Ascension' })).statusCode).toBe(201);
    const duplicate = await addClosure({ day: '2026-05-15', label: 'Autre' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ code: 'CALENDAR_CLOSURE_TAKEN', errors: [{ field: 'day' }] });
    const rows = await findCalendarClosures(t.app.ctx.db, t.tenant.id, {
      from: '2026-05-15',
      to: '2026-05-15',
    });
    expect(rows).toEqual([expect.objectContaining({ label: 'Pont de l’Ascension' })]);
  });

  it('validates closures: real day, non-blank label', async () => {
    const badDay = await addClosure({ day: '2026-13-01', label: 'Jamais' });
    expect(badDay.statusCode).toBe(400);
    expect(badDay.json().errors).toContainEqual(expect.objectContaining({ field: 'day' }));
    const blank = await addClosure({ day: '2026-06-01', label: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors).toEqual([{ field: 'label', message: 'must not be blank' }]);
    expect(
      await findCalendarClosures(t.app.ctx.db, t.tenant.id, { from: '2026-06-01', to: '2026-06-01' }),
    ).toEqual([]);
  });

  it('lists closures by year, and never another town’s', async () => {
    const other = await buildTenant(t.app.ctx.db);
    await insertCalendarClosure(t.app.ctx.db, other.id, { day: '2027-05-07', label: 'Ailleurs' });
    await addClosure({ day: '2027-05-07', label: 'Pont de l’Ascension 2027' });
    const response = await t.inject({
      method: 'GET',
      url: `${closuresUrl}?year=2027`,
      headers: admin.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toEqual([
      { id: expect.any(String), day: '2027-05-07', label: 'Pont de l’Ascension 2027' },
    ]);
    const all = await t.inject({ method: 'GET', url: closuresUrl, headers: admin.headers });
    const days: string[] = all.json().items.map((item: { day: string }) => item.day);
    expect(days).toContain('2027-05-07');
    expect(days).toEqual([...days].sort());
  });

  it('lists public holidays and closures of a year as days off', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/v1/calendar/days-off?year=2027' });
    expect(response.statusCode).toBe(200);
    const items = response.json().items;
    expect(items).toHaveLength(12);
    expect(items).toContainEqual({ day: '2027-05-06', label: 'Ascension', kind: 'holiday' });
    expect(items).toContainEqual({ day: '2027-05-07', label: 'Pont de l’Ascension 2027', kind: 'closure' });
  });

  it('keeps closures for administrators', async () => {
    const anonymous = await t.inject({
      method: 'POST',
      url: closuresUrl,
      payload: { day: '2026-08-14', label: 'x' },
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await addClosure({ day: '2026-08-14', label: 'x' }, agent)).statusCode).toBe(403);
    expect((await t.inject({ method: 'GET', url: closuresUrl, headers: agent.headers })).statusCode).toBe(
      403,
    );
    const closure = await insertCalendarClosure(t.app.ctx.db, t.tenant.id, {
      day: '2026-11-02',
      label: 'Pont',
    });
    const before = await findCalendarClosures(t.app.ctx.db, t.tenant.id);
    const deleteByAgent = await t.inject({
      method: 'DELETE',
      url: `${closuresUrl}/${closure.id}`,
      headers: agent.headers,
    });
    expect(deleteByAgent.statusCode).toBe(403);
    expect(await findCalendarClosures(t.app.ctx.db, t.tenant.id)).toEqual(before);
  });
});
