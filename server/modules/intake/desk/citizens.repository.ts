import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client';
import { users } from '../../accounts/accounts.tables';
import { requests } from '../../requests/requests.tables';

export interface CitizenRow {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  postalAddress: (typeof users.$inferSelect)['postalAddress'];
  requestCount: number;
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

/**
 * Citizen accounts matching every word of `search` (name, e-mail or phone), with how many
 * requests each one filed. At most `limit`, by name.
 */
export async function searchCitizens(
  db: DbOrTx,
  tenantId: string,
  search: string,
  limit = 20,
): Promise<CitizenRow[]> {
  const trimmed = search.trim();
  // A phone number typed with spaces (`06 12 34`) is one term, not three.
  const words = /^[+\d\s.()-]+$/.test(trimmed)
    ? [trimmed.replace(/\s+/g, '')]
    : trimmed.split(/\s+/).slice(0, 5);
  const accounts = await db
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
  if (accounts.length === 0) return [];
  const counts = await db
    .select({ citizenId: requests.citizenId, n: count() })
    .from(requests)
    .where(
      and(
        eq(requests.tenantId, tenantId),
        inArray(
          requests.citizenId,
          accounts.map((account) => account.id),
        ),
      ),
    )
    .groupBy(requests.citizenId);
  const countOf = new Map(counts.map((row) => [row.citizenId, row.n]));
  return accounts.map((account) => ({ ...account, requestCount: countOf.get(account.id) ?? 0 }));
}
