import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import { departments } from './organisation.tables';

export type Department = typeof departments.$inferSelect;

export interface DepartmentFields {
  code: string;
  name: string;
  parentId: string | null;
  email: string | null;
  phone: string | null;
  postalAddress: string | null;
  isActive: boolean;
}

export async function findDepartments(db: DbOrTx, tenantId: string): Promise<Department[]> {
  return db
    .select()
    .from(departments)
    .where(eq(departments.tenantId, tenantId))
    .orderBy(asc(departments.name), asc(departments.id));
}

export async function findDepartmentById(
  db: DbOrTx,
  tenantId: string,
  id: string,
): Promise<Department | undefined> {
  const [department] = await db
    .select()
    .from(departments)
    .where(and(eq(departments.tenantId, tenantId), eq(departments.id, id)))
    .limit(1);
  return department;
}

export async function findDepartmentByCode(
  db: DbOrTx,
  tenantId: string,
  code: string,
): Promise<Department | undefined> {
  const [department] = await db
    .select()
    .from(departments)
    .where(and(eq(departments.tenantId, tenantId), eq(departments.code, code)))
    .limit(1);
  return department;
}

/** The ids among `ids` that are departments of the tenant. */
export async function findDepartmentIdsOfTenant(
  db: DbOrTx,
  tenantId: string,
  ids: string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.tenantId, tenantId), inArray(departments.id, ids)));
  return rows.map((row) => row.id);
}

export async function insertDepartment(
  db: DbOrTx,
  tenantId: string,
  fields: Partial<DepartmentFields> & Pick<DepartmentFields, 'code' | 'name'>,
): Promise<Department> {
  const [department] = await db
    .insert(departments)
    .values({ ...fields, tenantId })
    .returning();
  return department!;
}

export async function updateDepartment(
  db: DbOrTx,
  tenantId: string,
  id: string,
  changes: Partial<DepartmentFields>,
  updatedAt: Date,
): Promise<Department | undefined> {
  const [department] = await db
    .update(departments)
    .set({ ...changes, updatedAt })
    .where(and(eq(departments.tenantId, tenantId), eq(departments.id, id)))
    .returning();
  return department;
}

/** The names of some of a town's departments, by id (unknown ids and nulls are left out). */
export async function findDepartmentNames(
  db: DbOrTx,
  tenantId: string,
  ids: readonly (string | null | undefined)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(and(eq(departments.tenantId, tenantId), inArray(departments.id, wanted)));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The town's active departments by name. */
export async function findActiveDepartments(db: DbOrTx, tenantId: string) {
  return db
    .select({ id: departments.id, name: departments.name, parentId: departments.parentId })
    .from(departments)
    .where(and(eq(departments.tenantId, tenantId), eq(departments.isActive, true)))
    .orderBy(asc(departments.name), asc(departments.id));
}
