import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../test/build-test-app';
import { type LoggedIn, logInStaff } from '../../../test/login';
import { tenants, type TenantSettings } from './organisation.tables';
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

  it('shows the settings with every channel’s unit cost in cents to managers', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/v1/admin/tenant', headers: manager.headers });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: t.tenant.id,
      hostNames: [t.tenant.host],
      isDefault: false,
      settings: {
        unitCostsCents: { web: 300, email: 0, sms: 5, phone: 500, counter: 1200, letter: 270, api: 300 },
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
        unitCostsCents: { counter: 1450, letter: 300 },
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
        unitCostsCents: { web: 300, email: 0, sms: 5, phone: 500, counter: 1450, letter: 300, api: 300 },
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
      [{ settings: { unitCostsCents: { sms: -10 } } }, 'settings.unitCostsCents.sms'],
      [{ settings: { unitCostsCents: { letter: 2.7 } } }, 'settings.unitCostsCents.letter'],
      [{ settings: { unitCostsCents: { counter: 1_000_001 } } }, 'settings.unitCostsCents.counter'],
      [{ settings: { unitCostsCents: { pigeon: 100 } } }, 'settings.unitCostsCents'],
      [{ settings: { unitCostsCents: { web: 'gratuit' } } }, 'settings.unitCostsCents.web'],
      // The euros of before: a client still sending them learns the field is gone.
      [{ settings: { unitCosts: { letter: 2.7 } } }, 'settings'],
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
    const fraction = await patch({ settings: { unitCostsCents: { letter: 2.7 } } });
    expect(fraction.json().errors).toEqual([
      { field: 'settings.unitCostsCents.letter', message: 'must be integer' },
    ]);
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
    expect(saved.json().settings.unitCostsCents).toEqual(initial.json().settings.unitCostsCents);

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

  it('reads unit costs still kept in euros under the old key in cents, and saves them in cents', async () => {
    const current = await findTenantById(t.app.ctx.db, t.tenant.id);
    const { unitCostsCents: _cents, ...withoutCents } = current!.settings;
    const legacy = {
      ...withoutCents,
      unitCosts: { counter: 12, sms: 0.05, letter: 2.7, phone: 0.15000000000000002 },
    };
    await t.app.ctx.db
      .update(tenants)
      .set({ settings: legacy as unknown as TenantSettings })
      .where(eq(tenants.id, t.tenant.id));

    const shown = await t.inject({ method: 'GET', url: '/api/v1/admin/tenant', headers: admin.headers });
    expect(shown.json().settings.unitCostsCents).toEqual({
      counter: 1200,
      sms: 5,
      letter: 270,
      phone: 15,
      web: 300,
      api: 300,
      email: 0,
    });
    expect(shown.json().settings).not.toHaveProperty('unitCosts');

    const saved = await patch({ settings: { unitCostsCents: { web: 250 } } });
    expect(saved.statusCode).toBe(200);
    const stored = await findTenantById(t.app.ctx.db, t.tenant.id);
    expect(stored!.settings).not.toHaveProperty('unitCosts');
    expect(stored!.settings.unitCostsCents).toMatchObject({
      counter: 1200,
      sms: 5,
      letter: 270,
      phone: 15,
      web: 250,
    });
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
