import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../test/build-test-app';
import { buildDepartment, buildTenant } from '../../../test/factories';
import { type LoggedIn, logInStaff } from '../../../test/login';
import { findCategories, insertCategory } from './categories.repository';
import type { Department } from './departments.repository';

describe('categories', () => {
  let t: TestContext;
  let admin: LoggedIn;
  let manager: LoggedIn;
  let agent: LoggedIn;
  let voirie: Department;

  beforeAll(async () => {
    t = await buildTestApp();
    ({ admin, manager, agent } = await logInStaff(t, ['agent']));
    voirie = await buildDepartment(t.app.ctx.db, t.tenant.id, { name: 'Voirie' });
  });
  afterAll(() => t.close());

  const create = (body: Record<string, unknown>, who: LoggedIn = admin) =>
    t.inject({ method: 'POST', url: '/api/v1/admin/categories', headers: who.headers, payload: body });
  const patch = (id: string, body: Record<string, unknown>, who: LoggedIn = admin) =>
    t.inject({ method: 'PATCH', url: `/api/v1/admin/categories/${id}`, headers: who.headers, payload: body });

  it('creates a category routed to a department and shows it publicly', async () => {
    const response = await create({
      code: 'nid-de-poule',
      name: 'Nid-de-poule',
      description: 'Un trou dans la chaussée.',
      departmentId: voirie.id,
      deadlineDays: 5,
    });
    expect(response.statusCode).toBe(201);
    const category = response.json();
    expect(category).toEqual({
      id: expect.any(String),
      code: 'nid-de-poule',
      name: 'Nid-de-poule',
      description: 'Un trou dans la chaussée.',
      departmentId: voirie.id,
      deadlineDays: 5,
      silenceRule: 'none',
      silencePeriodDays: null,
      isActive: true,
    });

    const publicList = await t.inject({ method: 'GET', url: '/api/v1/categories' });
    expect(publicList.statusCode).toBe(200);
    expect(publicList.json()).toContainEqual({
      id: category.id,
      code: 'nid-de-poule',
      name: 'Nid-de-poule',
      description: 'Un trou dans la chaussée.',
      departmentId: voirie.id,
      deadlineDays: 5,
      silenceRule: 'none',
      silencePeriodDays: null,
    });
  });

  it('hides inactive categories from the public list but not from the admin list', async () => {
    const category = (await create({ code: 'ancienne', name: 'Ancienne démarche', deadlineDays: 10 })).json();
    const deactivated = await patch(category.id, { isActive: false });
    expect(deactivated.statusCode).toBe(200);
    expect(deactivated.json().isActive).toBe(false);

    const publicList = await t.inject({ method: 'GET', url: '/api/v1/categories' });
    expect(publicList.json().map((item: { id: string }) => item.id)).not.toContain(category.id);
    const adminList = await t.inject({
      method: 'GET',
      url: '/api/v1/admin/categories',
      headers: manager.headers,
    });
    expect(adminList.statusCode).toBe(200);
    expect(adminList.json().items).toContainEqual(
      expect.objectContaining({ id: category.id, isActive: false }),
    );
  });

  it('sorts by name the French way and never shows another town’s categories', async () => {
    const other = await buildTenant(t.app.ctx.db);
    await insertCategory(t.app.ctx.db, other.id, { code: 'secret', name: 'Autre commune', deadlineDays: 5 });
    await create({ code: 'elagage', name: 'Élagage', deadlineDays: 20 });
    await create({ code: 'encombrants', name: 'Encombrants', deadlineDays: 10 });
    await create({ code: 'eau', name: 'eau potable', deadlineDays: 10 });
    const names: string[] = (await t.inject({ method: 'GET', url: '/api/v1/categories' }))
      .json()
      .map((item: { name: string }) => item.name);
    expect(names).not.toContain('Autre commune');
    const expectedOrder = ['eau potable', 'Élagage', 'Encombrants'];
    expect(names.filter((name) => expectedOrder.includes(name))).toEqual(expectedOrder);
  });

  it('refuses a duplicate code with 409', async () => {
    await create({ code: 'tags', name: 'Tags', deadlineDays: 10 });
    const duplicate = await create({ code: 'tags', name: 'Graffitis', deadlineDays: 10 });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ code: 'CATEGORY_CODE_TAKEN', errors: [{ field: 'code' }] });
    const rows = await findCategories(t.app.ctx.db, t.tenant.id);
    expect(rows.filter((row) => row.code === 'tags')).toHaveLength(1);
  });

  it('checks the deadline (1 to 365 business days) and names the field', async () => {
    for (const deadlineDays of [0, 366, 2.5, '10 jours']) {
      const response = await create({ code: 'delai', name: 'Délai', deadlineDays });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toContainEqual(expect.objectContaining({ field: 'deadlineDays' }));
    }
    const missing = await create({ code: 'delai', name: 'Délai' });
    expect(missing.json().errors).toContainEqual(expect.objectContaining({ field: 'deadlineDays' }));
    expect((await findCategories(t.app.ctx.db, t.tenant.id)).some((row) => row.code === 'delai')).toBe(false);
  });

  it('records what silence is worth, with its period in calendar days', async () => {
    const accepted = await create({
      code: 'terrasse',
      name: 'Occupation du domaine public',
      deadlineDays: 20,
      silenceRule: 'acceptance',
      silencePeriodDays: 60,
    });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json()).toMatchObject({ silenceRule: 'acceptance', silencePeriodDays: 60 });

    const edited = await patch(accepted.json().id, { silenceRule: 'rejection' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ silenceRule: 'rejection', silencePeriodDays: 60 });
    const longer = await patch(accepted.json().id, { silencePeriodDays: 120 });
    expect(longer.json()).toMatchObject({ silenceRule: 'rejection', silencePeriodDays: 120 });
    const cleared = await patch(accepted.json().id, { silenceRule: 'none' });
    expect(cleared.json()).toMatchObject({ silenceRule: 'none', silencePeriodDays: null });

    const adminList = await t.inject({
      method: 'GET',
      url: '/api/v1/admin/categories',
      headers: admin.headers,
    });
    expect(adminList.json().items).toContainEqual(
      expect.objectContaining({ code: 'terrasse', silenceRule: 'none', silencePeriodDays: null }),
    );
  });

  it('refuses a silence rule without its period, an unknown rule or a bad period, naming the field', async () => {
    const withoutPeriod = await create({
      code: 'muet',
      name: 'Muet',
      deadlineDays: 5,
      silenceRule: 'rejection',
    });
    expect(withoutPeriod.statusCode).toBe(400);
    expect(withoutPeriod.json().errors).toEqual([
      { field: 'silencePeriodDays', message: 'is required when silenceRule is "rejection"' },
    ]);
    const nullPeriod = await create({
      code: 'muet',
      name: 'Muet',
      deadlineDays: 5,
      silenceRule: 'acceptance',
      silencePeriodDays: null,
    });
    expect(nullPeriod.statusCode).toBe(400);
    expect(nullPeriod.json().errors).toContainEqual(expect.objectContaining({ field: 'silencePeriodDays' }));

    const badRule = await create({
      code: 'muet',
      name: 'Muet',
      deadlineDays: 5,
      silenceRule: 'maybe',
      silencePeriodDays: 30,
    });
    expect(badRule.statusCode).toBe(400);
    expect(badRule.json().errors).toContainEqual(expect.objectContaining({ field: 'silenceRule' }));
    for (const silencePeriodDays of [0, 366, 1.5]) {
      const badPeriod = await create({
        code: 'muet',
        name: 'Muet',
        deadlineDays: 5,
        silenceRule: 'acceptance',
        silencePeriodDays,
      });
      expect(badPeriod.statusCode).toBe(400);
      expect(badPeriod.json().errors).toContainEqual(expect.objectContaining({ field: 'silencePeriodDays' }));
    }
    expect((await findCategories(t.app.ctx.db, t.tenant.id)).some((row) => row.code === 'muet')).toBe(false);

    const category = (await create({ code: 'sans-regle', name: 'Sans règle', deadlineDays: 5 })).json();
    const ruleOnly = await patch(category.id, { silenceRule: 'acceptance' });
    expect(ruleOnly.statusCode).toBe(400);
    expect(ruleOnly.json().errors).toContainEqual(expect.objectContaining({ field: 'silencePeriodDays' }));
    const badPatch = await patch(category.id, { silenceRule: 'tacite', silencePeriodDays: 30 });
    expect(badPatch.statusCode).toBe(400);
    expect(badPatch.json().errors).toContainEqual(expect.objectContaining({ field: 'silenceRule' }));
    const unchanged = await t.inject({
      method: 'GET',
      url: '/api/v1/admin/categories',
      headers: admin.headers,
    });
    expect(unchanged.json().items).toContainEqual(
      expect.objectContaining({ id: category.id, silenceRule: 'none', silencePeriodDays: null }),
    );
  });

  it('refuses a default department of another town or an inactive one', async () => {
    const other = await buildTenant(t.app.ctx.db);
    const foreign = await buildDepartment(t.app.ctx.db, other.id);
    const response = await create({ code: 'vol', name: 'Vol', departmentId: foreign.id, deadlineDays: 5 });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { field: 'departmentId', message: 'no such department in this town' },
    ]);

    const closed = await buildDepartment(t.app.ctx.db, t.tenant.id);
    const deactivate = await t.inject({
      method: 'PATCH',
      url: `/api/v1/admin/departments/${closed.id}`,
      headers: admin.headers,
      payload: { isActive: false },
    });
    expect(deactivate.statusCode).toBe(200);
    const toInactive = await create({
      code: 'ferme',
      name: 'Fermé',
      departmentId: closed.id,
      deadlineDays: 5,
    });
    expect(toInactive.statusCode).toBe(400);
    expect(toInactive.json().errors).toEqual([
      { field: 'departmentId', message: 'this department is inactive' },
    ]);
  });

  it('edits a category: name, deadline, department, and refuses a taken code', async () => {
    const category = (await create({ code: 'bruit', name: 'Bruit', deadlineDays: 10 })).json();
    await create({ code: 'nuisances', name: 'Nuisances', deadlineDays: 10 });
    const edited = await patch(category.id, {
      name: 'Nuisances sonores',
      deadlineDays: 7,
      departmentId: voirie.id,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      name: 'Nuisances sonores',
      deadlineDays: 7,
      departmentId: voirie.id,
    });
    const unrouted = await patch(category.id, { departmentId: null });
    expect(unrouted.json().departmentId).toBeNull();
    const taken = await patch(category.id, { code: 'nuisances' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('CATEGORY_CODE_TAKEN');
    const empty = await patch(category.id, {});
    expect(empty.statusCode).toBe(400);
  });

  it('answers 404 for another town’s category', async () => {
    const other = await buildTenant(t.app.ctx.db);
    const foreign = await insertCategory(t.app.ctx.db, other.id, { code: 'x', name: 'X', deadlineDays: 5 });
    const response = await patch(foreign.id, { name: 'Piratée' });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('CATEGORY_NOT_FOUND');
  });

  it('keeps writes for administrators', async () => {
    const body = { code: 'interdit', name: 'Interdit', deadlineDays: 5 };
    const anonymous = await t.inject({ method: 'POST', url: '/api/v1/admin/categories', payload: body });
    expect(anonymous.statusCode).toBe(401);
    expect((await create(body, agent)).statusCode).toBe(403);
    expect((await create(body, manager)).statusCode).toBe(403);
    const adminList = await t.inject({
      method: 'GET',
      url: '/api/v1/admin/categories',
      headers: agent.headers,
    });
    expect(adminList.statusCode).toBe(403);
    expect((await findCategories(t.app.ctx.db, t.tenant.id)).some((row) => row.code === 'interdit')).toBe(
      false,
    );
  });
});
