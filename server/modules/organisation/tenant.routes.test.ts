import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../test/build-test-app';
import { logInStaff, type LoggedIn } from '../../../test/login';
import { findTenantById } from './tenants.repository';

describe('tenant and its settings', () => {
  let t: TestContext;
  let admin: LoggedIn;
  let manager: LoggedIn;
  let agent: LoggedIn;

  beforeAll(async () => {
    t = await buildTestApp();
    ({ admin, manager, agent } = await logInStaff(t, ['signatory']));
  });
  afterAll(() => t.close());

  const patch = (body: Record<string, unknown>, who: LoggedIn = admin) =>
    t.inject({ method: 'PATCH', url: '/api/v1/admin/tenant', headers: who.headers, payload: body });

  it('tells anyone which town is served at this address', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/v1/tenant' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id: t.tenant.id,
      slug: t.tenant.slug,
      name: t.tenant.name,
      inseeCode: null,
    });
  });

  it('shows the settings with every channel’s unit cost to managers', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/v1/admin/tenant', headers: manager.headers });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: t.tenant.id,
      hostNames: [t.tenant.host],
      isDefault: false,
      settings: {
        unitCosts: { web: 3, email: 0, sms: 0.05, phone: 5, counter: 12, letter: 2.7, api: 3 },
        defaultDeadlineDays: 15,
        autoCloseDays: 15,
      },
    });
  });

  it('updates name, INSEE code and settings, merging unit costs', async () => {
    const response = await patch({
      name: 'Ville de Test-sur-Mer',
      inseeCode: '57463',
      settings: {
        unitCosts: { counter: 14.5, letter: 3 },
        defaultDeadlineDays: 10,
        contactEmail: 'contact@test-sur-mer.fr',
        contactPhone: '01 99 00 00 00',
        postalAddress: 'Hôtel de ville\n1 place de la Mairie',
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      name: 'Ville de Test-sur-Mer',
      inseeCode: '57463',
      settings: {
        unitCosts: { web: 3, email: 0, sms: 0.05, phone: 5, counter: 14.5, letter: 3, api: 3 },
        defaultDeadlineDays: 10,
        autoCloseDays: 15,
        contactEmail: 'contact@test-sur-mer.fr',
        contactPhone: '01 99 00 00 00',
      },
    });
    const publicView = await t.inject({ method: 'GET', url: '/api/v1/tenant' });
    expect(publicView.json()).toMatchObject({ name: 'Ville de Test-sur-Mer', inseeCode: '57463' });

    // Moselle: Good Friday is now a holiday for this town's deadlines.
    const due = await t.inject({ method: 'GET', url: '/api/v1/calendar/due-date?from=2026-04-02&days=1' });
    expect(due.json()).toEqual({ dueDate: '2026-04-07' });

    const cleared = await patch({ settings: { contactPhone: null } });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().settings.contactPhone).toBeUndefined();
    expect(cleared.json().settings.contactEmail).toBe('contact@test-sur-mer.fr');
  });

  it('refuses bad settings, naming the field, and writes nothing', async () => {
    const before = await findTenantById(t.app.ctx.db, t.tenant.id);
    const cases: [Record<string, unknown>, string][] = [
      [{ settings: { unitCosts: { sms: -0.1 } } }, 'settings.unitCosts.sms'],
      [{ settings: { unitCosts: { pigeon: 1 } } }, 'settings.unitCosts'],
      [{ settings: { unitCosts: { web: 'gratuit' } } }, 'settings.unitCosts.web'],
      [{ settings: { defaultDeadlineDays: 0 } }, 'settings.defaultDeadlineDays'],
      [{ settings: { contactEmail: 'mairie' } }, 'settings.contactEmail'],
      [{ inseeCode: '1234' }, 'inseeCode'],
      [{ name: '' }, 'name'],
    ];
    for (const [body, field] of cases) {
      const response = await patch({ ...body, name: (body.name as string | undefined) ?? 'Nouveau nom' });
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().errors, JSON.stringify(body)).toContainEqual(expect.objectContaining({ field }));
    }
    const blank = await patch({ name: '   ' });
    expect(blank.json().errors).toEqual([{ field: 'name', message: 'must not be blank' }]);
    expect(await findTenantById(t.app.ctx.db, t.tenant.id)).toEqual(before);
  });

  it('saves the town’s order of digital channels, and refuses an order that is not the three once each', async () => {
    const initial = await t.inject({ method: 'GET', url: '/api/v1/admin/tenant', headers: admin.headers });
    expect(initial.json().settings.channelOrder).toEqual(['sms', 'email', 'portal']);

    const saved = await patch({ settings: { channelOrder: ['portal', 'email', 'sms'] } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().settings.channelOrder).toEqual(['portal', 'email', 'sms']);
    const stored = await findTenantById(t.app.ctx.db, t.tenant.id);
    expect(stored!.settings.channelOrder).toEqual(['portal', 'email', 'sms']);
    // Other settings are left as they were.
    expect(saved.json().settings.unitCosts).toEqual(initial.json().settings.unitCosts);

    const before = await findTenantById(t.app.ctx.db, t.tenant.id);
    for (const channelOrder of [
      ['sms', 'sms', 'email'],
      ['sms', 'email', 'letter'],
      ['sms', 'email', 'pigeon'],
      ['sms', 'email'],
      ['sms', 'email', 'portal', 'portal'],
      [],
      'sms,email,portal',
    ]) {
      const response = await patch({ settings: { channelOrder } });
      expect(response.statusCode, JSON.stringify(channelOrder)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const fields = (response.json().errors as { field: string }[]).map((error) => error.field);
      expect(
        fields.every((field) => field.startsWith('settings.channelOrder')),
        JSON.stringify(fields),
      ).toBe(true);
      expect(fields.length).toBeGreaterThan(0);
    }
    expect(await findTenantById(t.app.ctx.db, t.tenant.id)).toEqual(before);
  });

  it('keeps the settings for administrators', async () => {
    const before = await findTenantById(t.app.ctx.db, t.tenant.id);
    expect((await t.inject({ method: 'GET', url: '/api/v1/admin/tenant' })).statusCode).toBe(401);
    expect(
      (await t.inject({ method: 'GET', url: '/api/v1/admin/tenant', headers: agent.headers })).statusCode,
    ).toBe(403);
    expect((await patch({ name: 'Prise' }, manager)).statusCode).toBe(403);
    expect((await patch({ name: 'Prise' }, agent)).statusCode).toBe(403);
    const anonymous = await t.inject({
      method: 'PATCH',
      url: '/api/v1/admin/tenant',
      payload: { name: 'Prise' },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await findTenantById(t.app.ctx.db, t.tenant.id)).toEqual(before);
  });
});
