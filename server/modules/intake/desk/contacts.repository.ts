import { and, count, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client';
import { users } from '../../accounts/accounts.tables';
import { categories, departments } from '../../organisation/organisation.tables';
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

/** Informational contacts of the town in `[from, to)`, newest first, with names joined. */
export async function findContactRecords(
  db: DbOrTx,
  tenantId: string,
  period: ContactPeriod,
  page: { limit: number; offset: number },
) {
  return db
    .select({
      id: contactRecords.id,
      channel: contactRecords.channel,
      subject: contactRecords.subject,
      note: contactRecords.note,
      occurredAt: contactRecords.occurredAt,
      unitCostCents: contactRecords.unitCostCents,
      categoryId: contactRecords.categoryId,
      categoryName: categories.name,
      departmentId: contactRecords.departmentId,
      departmentName: departments.name,
      agentId: contactRecords.agentId,
      agentFirstName: users.firstName,
      agentLastName: users.lastName,
      citizenId: contactRecords.citizenId,
      contactName: sql<string | null>`${contactRecords.contact} ->> 'name'`,
    })
    .from(contactRecords)
    .leftJoin(categories, eq(categories.id, contactRecords.categoryId))
    .leftJoin(departments, eq(departments.id, contactRecords.departmentId))
    .leftJoin(users, eq(users.id, contactRecords.agentId))
    .where(periodCondition(tenantId, period))
    .orderBy(desc(contactRecords.occurredAt), desc(contactRecords.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countContactRecords(
  db: DbOrTx,
  tenantId: string,
  period: ContactPeriod,
): Promise<number> {
  const [row] = await db.select({ n: count() }).from(contactRecords).where(periodCondition(tenantId, period));
  return row?.n ?? 0;
}
