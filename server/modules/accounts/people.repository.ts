/**
 * What other modules may read of accounts: names to show beside their rows, citizen accounts to
 * find at a desk or by phone, the agents of a department. Other modules never query `users`.
 */
import { and, asc, eq, exists, inArray, sql, type SQL } from 'drizzle-orm';
import type { AgentRole } from '../../../common/accounts';
import type { DbOrTx } from '../../platform/db/client';
import { departmentMemberships, type PostalAddress, users } from './accounts.tables';

export interface PersonName {
  firstName: string;
  lastName: string;
  email: string;
}

/** The names of some of a town's accounts, by id (unknown ids and nulls are left out). */
export async function findPersonNames(
  db: DbOrTx,
  tenantId: string,
  ids: readonly (string | null | undefined)[],
): Promise<Map<string, PersonName>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, firstName: users.firstName, lastName: users.lastName, email: users.email })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), inArray(users.id, wanted)));
  return new Map(rows.map(({ id, ...name }) => [id, name]));
}

export interface CitizenAccountRow {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  postalAddress: PostalAddress | null;
}

/** `%word%` for ILIKE, the wildcards of `word` escaped (backslash is PostgreSQL's default escape). */
export function containsPattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** One word of the search: in the name (accents ignored), the e-mail, or the phone's digits. */
function wordCondition(word: string): SQL {
  const pattern = containsPattern(word);
  const conditions = [
    sql`unaccent(${users.firstName} || ' ' || ${users.lastName}) ilike unaccent(${pattern})`,
    sql`${users.email} ilike ${pattern}`,
  ];
  const digits = word.replace(/\D/g, '');
  if (digits.length >= 2 && digits.length === word.replace(/[\s.()+-]/g, '').length) {
    conditions.push(sql`regexp_replace(coalesce(${users.phone}, ''), '\\D', '', 'g') like ${`%${digits}%`}`);
  }
  return sql`(${sql.join(conditions, sql` or `)})`;
}

/** Citizen accounts matching every word of `search` (name, e-mail or phone), at most `limit`, by name. */
export async function searchCitizenAccounts(
  db: DbOrTx,
  tenantId: string,
  search: string,
  limit = 20,
): Promise<CitizenAccountRow[]> {
  const trimmed = search.trim();
  // A phone number typed with spaces (`06 12 34`) is one term, not three.
  const words = /^[+\d\s.()-]+$/.test(trimmed)
    ? [trimmed.replace(/\s+/g, '')]
    : trimmed.split(/\s+/).slice(0, 5);
  return db
    .select({
      id: users.id,
      firstName: users.firstName,
      lastName: users.lastName,
      email: users.email,
      phone: users.phone,
      postalAddress: users.postalAddress,
    })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.kind, 'citizen'), ...words.map(wordCondition)))
    .orderBy(asc(users.lastName), asc(users.firstName), asc(users.id))
    .limit(limit);
}

/** A stored phone number reduced to its digits and `+`, to compare with the forms of a number. */
function digitsAndPlus(column: unknown) {
  return sql`regexp_replace(coalesce(${column}, ''), '[^0-9+]', '', 'g')`;
}

/** Active citizen accounts whose phone is one of `forms` (E.164, national…), at most `limit`. */
export async function findCitizensWithPhone(
  db: DbOrTx,
  tenantId: string,
  forms: readonly string[],
  limit = 2,
): Promise<PersonName[] & { id: string }[]> {
  if (forms.length === 0) return [];
  return db
    .select({ id: users.id, email: users.email, firstName: users.firstName, lastName: users.lastName })
    .from(users)
    .where(
      and(
        eq(users.tenantId, tenantId),
        eq(users.kind, 'citizen'),
        eq(users.isActive, true),
        sql`${digitsAndPlus(users.phone)} IN (${sql.join(
          forms.map((form) => sql`${form}`),
          sql`, `,
        )})`,
      ),
    )
    .limit(limit);
}

/** The ids of every account (active or not) whose phone is one of `forms`. */
export async function findAccountIdsWithPhone(
  db: DbOrTx,
  tenantId: string,
  forms: readonly string[],
): Promise<string[]> {
  if (forms.length === 0) return [];
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.tenantId, tenantId),
        sql`${digitsAndPlus(users.phone)} IN (${sql.join(
          forms.map((form) => sql`${form}`),
          sql`, `,
        )})`,
      ),
    );
  return rows.map((row) => row.id);
}

/** The town's active agents (members of `departmentId` when given) with their departments. */
export async function findActiveAgents(db: DbOrTx, tenantId: string, departmentId?: string) {
  const conditions = [eq(users.tenantId, tenantId), eq(users.kind, 'agent'), eq(users.isActive, true)];
  if (departmentId) {
    conditions.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(departmentMemberships)
          .where(
            and(
              eq(departmentMemberships.tenantId, tenantId),
              eq(departmentMemberships.userId, users.id),
              eq(departmentMemberships.departmentId, departmentId),
            ),
          ),
      ),
    );
  }
  const agents = await db
    .select({ id: users.id, firstName: users.firstName, lastName: users.lastName, email: users.email })
    .from(users)
    .where(and(...conditions))
    .orderBy(asc(users.lastName), asc(users.firstName), asc(users.id));
  if (agents.length === 0) return [];
  const memberships = await db
    .select({ userId: departmentMemberships.userId, departmentId: departmentMemberships.departmentId })
    .from(departmentMemberships)
    .where(
      and(
        eq(departmentMemberships.tenantId, tenantId),
        inArray(
          departmentMemberships.userId,
          agents.map((agent) => agent.id),
        ),
      ),
    )
    .orderBy(asc(departmentMemberships.departmentId));
  const departmentIdsOf = new Map<string, string[]>();
  for (const membership of memberships) {
    const list = departmentIdsOf.get(membership.userId) ?? [];
    list.push(membership.departmentId);
    departmentIdsOf.set(membership.userId, list);
  }
  return agents.map((agent) => ({ ...agent, departmentIds: departmentIdsOf.get(agent.id) ?? [] }));
}

/** The town's active agents holding `role`, members of `departmentId` when given, by e-mail. */
export async function findActiveAgentsWithRole(
  db: DbOrTx,
  tenantId: string,
  role: AgentRole,
  departmentId?: string,
): Promise<(PersonName & { id: string })[]> {
  const columns = { id: users.id, email: users.email, firstName: users.firstName, lastName: users.lastName };
  const activeAgent = and(
    eq(users.tenantId, tenantId),
    eq(users.kind, 'agent'),
    eq(users.isActive, true),
    sql`${role} = ANY(${users.roles})`,
  );
  if (!departmentId) return db.select(columns).from(users).where(activeAgent).orderBy(asc(users.email));
  return db
    .selectDistinct(columns)
    .from(users)
    .innerJoin(departmentMemberships, eq(departmentMemberships.userId, users.id))
    .where(and(activeAgent, eq(departmentMemberships.departmentId, departmentId)))
    .orderBy(asc(users.email));
}
