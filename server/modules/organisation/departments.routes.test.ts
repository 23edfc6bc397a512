import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../test/build-test-app';
import { buildDepartment, buildTenant } from '../../../test/factories';
import { type LoggedIn, logInStaff } from '../../../test/login';
import { insertCategory } from './categories.repository';
import { findDepartments } from './departments.repository';

describe('admin departments', () => {
  let t: TestContext;
  let admin: LoggedIn;
  let manager: LoggedIn;
  let agent: LoggedIn;

  beforeAll(async () => {
    t = await buildTestApp();
    ({ admin, manager, agent } = await logInStaff(t, ['agent', 'reception']));
  });
  afterAll(() => t.close());

  const create = (body: Record<string, unknown>, who: LoggedIn = admin) =>
    t.inject({ method: 'POST', url: '/api/v1/admin/departments', headers: who.headers, payload: body });
  const patch = (id: string, body: Record<string, unknown>, who: LoggedIn = admin) =>
    t.inject({
      method: 'PATCH',
      url: `/api/v1/admin/departments/${id}`,
      headers: who.headers,
      payload: body,
    });

  it('creates a department with its contact details and lists it', async () => {
    const response = await create({
      code: 'voirie',
      name: '  Voirie  ',
      email: 'voirie@mairie.test',
      phone: '01 99 00 12 34',
      postalAddress: 'Centre technique municipal\n12 rue des Ateliers',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      id: expect.any(String),
      code: 'voirie',
      name: 'Voirie',
      parentId: null,
      email: 'voirie@mairie.test',
      phone: '01 99 00 12 34',
      postalAddress: 'Centre technique municipal\n12 rue des Ateliers',
      isActive: true,
    });

    const list = await t.inject({
      method: 'GET',
      url: '/api/v1/admin/departments',
      headers: manager.headers,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((item: { code: string }) => item.code)).toContain('voirie');
  });

  it('creates a sub-department under a parent of the same town', async () => {
    const parent = await buildDepartment(t.app.ctx.db, t.tenant.id, { name: 'Services techniques' });
    const response = await create({ code: 'eclairage', name: 'Éclairage public', parentId: parent.id });
    expect(response.statusCode).toBe(201);
    expect(response.json().parentId).toBe(parent.id);
  });

  it('refuses a duplicate code with 409 and writes nothing', async () => {
    const before = (await findDepartments(t.app.ctx.db, t.tenant.id)).length;
    await create({ code: 'urbanisme', name: 'Urbanisme' });
    const duplicate = await create({ code: 'urbanisme', name: 'Urbanisme bis' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ code: 'DEPARTMENT_CODE_TAKEN', errors: [{ field: 'code' }] });
    expect((await findDepartments(t.app.ctx.db, t.tenant.id)).length).toBe(before + 1);
  });

  it('lets two towns use the same code', async () => {
    const other = await buildTenant(t.app.ctx.db);
    await buildDepartment(t.app.ctx.db, other.id, { code: 'etat-civil' });
    expect((await create({ code: 'etat-civil', name: 'État civil' })).statusCode).toBe(201);
  });

  it('answers 400 naming the field for bad input', async () => {
    const badCode = await create({ code: 'Voirie Nord', name: 'Voirie nord' });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().errors).toContainEqual(expect.objectContaining({ field: 'code' }));

    const badEmail = await create({ code: 'nord', name: 'Nord', email: 'not-an-email' });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().errors).toContainEqual(expect.objectContaining({ field: 'email' }));

    const blankName = await create({ code: 'nord', name: '   ' });
    expect(blankName.statusCode).toBe(400);
    expect(blankName.json().errors).toEqual([{ field: 'name', message: 'must not be blank' }]);

    const missing = await create({ name: 'Sans code' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toContainEqual(expect.objectContaining({ field: 'code' }));
    expect((await findDepartments(t.app.ctx.db, t.tenant.id)).some((d) => d.code === 'nord')).toBe(false);
  });

  it('refuses a parent from another town (400) and another town’s department (404)', async () => {
    const other = await buildTenant(t.app.ctx.db);
    const foreign = await buildDepartment(t.app.ctx.db, other.id);
    const withForeignParent = await create({ code: 'annexe', name: 'Annexe', parentId: foreign.id });
    expect(withForeignParent.statusCode).toBe(400);
    expect(withForeignParent.json().errors).toEqual([
      { field: 'parentId', message: 'no such department in this town' },
    ]);

    const patchForeign = await patch(foreign.id, { name: 'Piraté' });
    expect(patchForeign.statusCode).toBe(404);
    expect(patchForeign.json().code).toBe('DEPARTMENT_NOT_FOUND');
    expect((await findDepartments(t.app.ctx.db, other.id))[0]!.name).toBe(foreign.name);
  });

  it('refuses a cycle: a department under itself or under its own descendant', async () => {
    const top = (await create({ code: 'dgs', name: 'Direction générale' })).json();
    const middle = (await create({ code: 'dst', name: 'Services techniques', parentId: top.id })).json();
    const leaf = (await create({ code: 'garage', name: 'Garage', parentId: middle.id })).json();

    const self = await patch(top.id, { parentId: top.id });
    expect(self.statusCode).toBe(400);
    expect(self.json()).toMatchObject({ code: 'DEPARTMENT_CYCLE', errors: [{ field: 'parentId' }] });

    const underDescendant = await patch(top.id, { parentId: leaf.id });
    expect(underDescendant.statusCode).toBe(400);
    expect(underDescendant.json().code).toBe('DEPARTMENT_CYCLE');

    const moved = await patch(leaf.id, { parentId: top.id, name: 'Garage municipal' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ parentId: top.id, name: 'Garage municipal' });
    const detached = await patch(leaf.id, { parentId: null });
    expect(detached.json().parentId).toBeNull();
  });

  it('deactivates instead of deleting, unless active categories still route to it', async () => {
    const department = (await create({ code: 'proprete', name: 'Propreté' })).json();
    const category = await insertCategory(t.app.ctx.db, t.tenant.id, {
      code: 'depot-sauvage',
      name: 'Dépôt sauvage',
      deadlineDays: 3,
      defaultDepartmentId: department.id,
    });
    const refused = await patch(department.id, { isActive: false });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'DEPARTMENT_IN_USE', categoryIds: [category.id] });

    await t.inject({
      method: 'PATCH',
      url: `/api/v1/admin/categories/${category.id}`,
      headers: admin.headers,
      payload: { isActive: false },
    });
    const deactivated = await patch(department.id, { isActive: false });
    expect(deactivated.statusCode).toBe(200);
    expect(deactivated.json().isActive).toBe(false);
    const list = await t.inject({ method: 'GET', url: '/api/v1/admin/departments', headers: admin.headers });
    expect(list.json().items).toContainEqual(expect.objectContaining({ id: department.id, isActive: false }));
  });

  it('refuses a code change onto another department’s code', async () => {
    const first = (await create({ code: 'sports', name: 'Sports' })).json();
    await create({ code: 'culture', name: 'Culture' });
    const response = await patch(first.id, { code: 'culture' });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('DEPARTMENT_CODE_TAKEN');
  });

  it('keeps writes for administrators: 401 anonymous, 403 agent and manager, 403 without CSRF', async () => {
    const anonymous = await t.inject({
      method: 'POST',
      url: '/api/v1/admin/departments',
      payload: { code: 'x', name: 'X' },
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await create({ code: 'x', name: 'X' }, agent)).statusCode).toBe(403);
    expect((await create({ code: 'x', name: 'X' }, manager)).statusCode).toBe(403);
    const withoutCsrf = await t.inject({
      method: 'POST',
      url: '/api/v1/admin/departments',
      headers: { cookie: admin.cookie },
      payload: { code: 'x', name: 'X' },
    });
    expect(withoutCsrf.statusCode).toBe(403);
    expect(withoutCsrf.json().code).toBe('CSRF_TOKEN_INVALID');
    expect((await findDepartments(t.app.ctx.db, t.tenant.id)).some((d) => d.code === 'x')).toBe(false);
  });

  it('lets managers read but not agents or anonymous visitors', async () => {
    const url = '/api/v1/admin/departments';
    expect((await t.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await t.inject({ method: 'GET', url, headers: agent.headers })).statusCode).toBe(403);
    expect((await t.inject({ method: 'GET', url, headers: manager.headers })).statusCode).toBe(200);
  });
});
