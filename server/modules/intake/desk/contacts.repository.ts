import { and, count, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client';
import { findPersonNames } from '../../accounts';
import { findCategoryNames, findDepartmentNames } from '../../organisation';
import { contactRecords } from '../intake.tables';

export type ContactRecord = typeof contactRecords.$inferSelect;
export type NewContactRecord = typeof contactRecords.$inferInsert;

export async function insertContactRecord(db: DbOrTx, values: NewContactRecord): Promise<ContactRecord> {
  const [row] = await db.insert(contactRecords).values(values).returning();
  return row!;
}

export interface ContactPeriod {
  from?: Date;
  to?: Date;
}

function periodCondition(tenantId: string, period: ContactPeriod): SQL {
  const conditions: SQL[] = [eq(contactRecords.tenantId, tenantId)];
  if (period.from) conditions.push(gte(contactRecords.occurredAt, period.from));
  if (period.to) conditions.push(lt(contactRecords.occurredAt, period.to));
  return and(...conditions)!;
}

/** Informational contacts of the town in `[from, to)`, newest first, with the names of what they point to. */
export async function findContactRecords(
  db: DbOrTx,
  tenantId: string,
  period: ContactPeriod,
  page: { limit: number; offset: number },
) {
  const rows = await db
    .select({
      id: contactRecords.id,
      channel: contactRecords.channel,
      subject: contactRecords.subject,
      note: contactRecords.note,
      occurredAt: contactRecords.occurredAt,
      unitCostCents: contactRecords.unitCostCents,
      categoryId: contactRecords.categoryId,
      departmentId: contactRecords.departmentId,
      agentId: contactRecords.agentId,
      citizenId: contactRecords.citizenId,
      contactName: sql<string | null>`${contactRecords.contact} ->> 'name'`,
    })
    .from(contactRecords)
    .where(periodCondition(tenantId, period))
    .orderBy(desc(contactRecords.occurredAt), desc(contactRecords.id))
    .limit(page.limit)
    .offset(page.offset);
  const [categoryNames, departmentNames, agents] = await Promise.all([
    findCategoryNames(
      db,
      tenantId,
      rows.map((row) => row.categoryId),
    ),
    findDepartmentNames(
      db,
      tenantId,
      rows.map((row) => row.departmentId),
    ),
    findPersonNames(
      db,
      tenantId,
      rows.map((row) => row.agentId),
    ),
  ]);
  return rows.map((row) => ({
    ...row,
    categoryName: row.categoryId ? (categoryNames.get(row.categoryId) ?? null) : null,
    departmentName: row.departmentId ? (departmentNames.get(row.departmentId) ?? null) : null,
    agentFirstName: agents.get(row.agentId)?.firstName ?? null,
    agentLastName: agents.get(row.agentId)?.lastName ?? null,
  }));
}

export async function countContactRecords(
  db: DbOrTx,
  tenantId: string,
  period: ContactPeriod,
): Promise<number> {
  const [row] = await db.select({ n: count() }).from(contactRecords).where(periodCondition(tenantId, period));
  return row?.n ?? 0;
}
