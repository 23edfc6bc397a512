import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDepartment, buildTenant, type TestTenant } from '../../../test/factories';
import { getTestDatabase, testDatabaseUrl } from '../../../test/test-database';
import { openDatabase, type DatabaseHandle } from '../../platform/db/client';
import { deleteCalendarClosure, insertCalendarClosure } from './calendar-closures.repository';
import { insertCategory } from './categories.repository';
import { categories, departments, tenants } from './organisation.tables';
import { computeSnapshotDueDate, findTownSnapshot, townSnapshotCache } from './town-snapshot';
import { computeTenantDueDate } from './use-cases/compute-due-date';

describe('the town snapshot (cached per process, checked by the town’s version)', () => {
  let database: DatabaseHandle;
  let tenant: TestTenant;
  beforeAll(async () => {
    database = await getTestDatabase();
    tenant = await buildTenant(database.db);
  });

  const category = (code: string, departmentId: string | null) =>
    insertCategory(database.db, tenant.id, {
      code,
      name: `Catégorie ${code}`,
      defaultDepartmentId: departmentId,
      deadlineDays: 4,
    });

  it('holds the town, its settings, categories and departments', async () => {
    const department = await buildDepartment(database.db, tenant.id);
    const created = await category('voirie-1', department.id);
    const snapshot = await findTownSnapshot(database.db, tenant.id);
    expect(snapshot.tenant).toMatchObject({ id: tenant.id, name: tenant.name });
    expect(snapshot.settings.defaultDeadlineDays).toBe(15);
    expect(snapshot.categories.get(created.id)).toMatchObject({ code: 'voirie-1', deadlineDays: 4 });
    expect(snapshot.departments.get(department.id)).toMatchObject({ name: department.name });
    expect(Object.isFrozen(snapshot.categories.get(created.id))).toBe(true);
  });

  it('is served from memory while nothing changes', async () => {
    await findTownSnapshot(database.db, tenant.id);
    const loads = townSnapshotCache.loads;
    const again = await findTownSnapshot(database.db, tenant.id);
    expect(townSnapshotCache.loads).toBe(loads);
    expect(again).toBe(await findTownSnapshot(database.db, tenant.id));
  });

  it('is loaded again after any change of the town, its categories, departments or closures', async () => {
    const department = await buildDepartment(database.db, tenant.id);
    const created = await category('eclairage-1', department.id);
    const changes: [
      string,
      () => Promise<unknown>,
      (snapshot: Awaited<ReturnType<typeof findTownSnapshot>>) => void,
    ][] = [
      [
        'a category deactivated',
        () =>
          database.db
            .update(categories)
            .set({ isActive: false })
            .where(and(eq(categories.tenantId, tenant.id), eq(categories.id, created.id))),
        (snapshot) => expect(snapshot.categories.get(created.id)?.isActive).toBe(false),
      ],
      [
        'a department renamed',
        () =>
          database.db
            .update(departments)
            .set({ name: 'Service renommé' })
            .where(and(eq(departments.tenantId, tenant.id), eq(departments.id, department.id))),
        (snapshot) => expect(snapshot.departments.get(department.id)?.name).toBe('Service renommé'),
      ],
      [
        'the settings changed',
        () =>
          database.db
            .update(tenants)
            .set({ settings: { ...tenant.settings, defaultDeadlineDays: 9 } })
            .where(eq(tenants.id, tenant.id)),
        (snapshot) => expect(snapshot.settings.defaultDeadlineDays).toBe(9),
      ],
      [
        'a closure added',
        () => insertCalendarClosure(database.db, tenant.id, { day: '2031-03-04', label: 'Inventaire' }),
        (snapshot) => expect(snapshot.calendar.closedDays.has('2031-03-04')).toBe(true),
      ],
    ];
    for (const [, change, check] of changes) {
      await findTownSnapshot(database.db, tenant.id);
      const loads = townSnapshotCache.loads;
      await change();
      const snapshot = await findTownSnapshot(database.db, tenant.id);
      expect(townSnapshotCache.loads).toBe(loads + 1);
      check(snapshot);
    }
  });

  it('sees a closure removed', async () => {
    const closure = await insertCalendarClosure(database.db, tenant.id, { day: '2031-05-06', label: 'Pont' });
    expect((await findTownSnapshot(database.db, tenant.id)).calendar.closedDays.has('2031-05-06')).toBe(true);
    await deleteCalendarClosure(database.db, tenant.id, closure.id);
    expect((await findTownSnapshot(database.db, tenant.id)).calendar.closedDays.has('2031-05-06')).toBe(
      false,
    );
  });

  it('gives the due date computeTenantDueDate gives, closures and holidays included', async () => {
    await insertCalendarClosure(database.db, tenant.id, { day: '2030-12-24', label: 'Veille de Noël' });
    const snapshot = await findTownSnapshot(database.db, tenant.id);
    for (const receivedAt of ['2030-12-20T15:00:00Z', '2030-12-23T22:30:00Z', '2030-07-10T08:00:00Z']) {
      for (const days of [1, 3, 10]) {
        const at = new Date(receivedAt);
        expect(computeSnapshotDueDate(snapshot, at, days)).toEqual(
          await computeTenantDueDate(database.db, tenant.id, at, days),
        );
      }
    }
  });

  it('refuses a due date for a town that does not exist, as computeTenantDueDate does', async () => {
    const snapshot = await findTownSnapshot(database.db, '00000000-0000-4000-8000-000000000000');
    expect(snapshot.tenant).toBeUndefined();
    expect(() => computeSnapshotDueDate(snapshot, new Date(), 3)).toThrow(
      expect.objectContaining({ code: 'TENANT_NOT_FOUND' }),
    );
  });
});

describe.skipIf(!testDatabaseUrl())('the town snapshot across two processes (two PostgreSQL handles)', () => {
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  let tenant: TestTenant;
  beforeAll(async () => {
    first = await openDatabase({ databaseUrl: testDatabaseUrl()!, poolSize: 2 });
    second = await openDatabase({ databaseUrl: testDatabaseUrl()!, poolSize: 2 });
    tenant = await buildTenant(first.db);
  });
  afterAll(async () => {
    await first.close();
    await second.close();
  });

  it('shows on one handle a category changed through the other, on the next read', async () => {
    const created = await insertCategory(first.db, tenant.id, {
      code: 'proprete',
      name: 'Propreté',
      defaultDepartmentId: null,
      deadlineDays: 5,
    });
    expect((await findTownSnapshot(first.db, tenant.id)).categories.get(created.id)?.isActive).toBe(true);
    await second.db
      .update(categories)
      .set({ isActive: false })
      .where(and(eq(categories.tenantId, tenant.id), eq(categories.id, created.id)));
    expect((await findTownSnapshot(first.db, tenant.id)).categories.get(created.id)?.isActive).toBe(false);
  });
});
