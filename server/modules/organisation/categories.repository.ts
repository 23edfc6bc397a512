import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import { categories, type SilenceRule } from './organisation.tables';

export type Category = typeof categories.$inferSelect;

export interface CategoryFields {
  code: string;
  name: string;
  description: string;
  defaultDepartmentId: string | null;
  deadlineDays: number;
  silenceRule: SilenceRule;
  silencePeriodDays: number | null;
  isActive: boolean;
}

export async function findCategories(
  db: DbOrTx,
  tenantId: string,
  options: { activeOnly?: boolean } = {},
): Promise<Category[]> {
  const conditions = [eq(categories.tenantId, tenantId)];
  if (options.activeOnly) conditions.push(eq(categories.isActive, true));
  return db
    .select()
    .from(categories)
    .where(and(...conditions))
    .orderBy(asc(categories.name), asc(categories.id));
}

export async function findCategoryById(
  db: DbOrTx,
  tenantId: string,
  id: string,
): Promise<Category | undefined> {
  const [category] = await db
    .select()
    .from(categories)
    .where(and(eq(categories.tenantId, tenantId), eq(categories.id, id)))
    .limit(1);
  return category;
}

export async function findCategoryByCode(
  db: DbOrTx,
  tenantId: string,
  code: string,
): Promise<Category | undefined> {
  const [category] = await db
    .select()
    .from(categories)
    .where(and(eq(categories.tenantId, tenantId), eq(categories.code, code)))
    .limit(1);
  return category;
}

export async function insertCategory(
  db: DbOrTx,
  tenantId: string,
  fields: Partial<CategoryFields> & Pick<CategoryFields, 'code' | 'name' | 'deadlineDays'>,
): Promise<Category> {
  const [category] = await db
    .insert(categories)
    .values({ ...fields, tenantId })
    .returning();
  return category!;
}

export async function updateCategory(
  db: DbOrTx,
  tenantId: string,
  id: string,
  changes: Partial<CategoryFields>,
  updatedAt: Date,
): Promise<Category | undefined> {
  const [category] = await db
    .update(categories)
    .set({ ...changes, updatedAt })
    .where(and(eq(categories.tenantId, tenantId), eq(categories.id, id)))
    .returning();
  return category;
}

/** The names of some of a town's categories, by id (unknown ids and nulls are left out). */
export async function findCategoryNames(
  db: DbOrTx,
  tenantId: string,
  ids: readonly (string | null | undefined)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: categories.id, name: categories.name })
    .from(categories)
    .where(and(eq(categories.tenantId, tenantId), inArray(categories.id, wanted)));
  return new Map(rows.map((row) => [row.id, row.name]));
}
