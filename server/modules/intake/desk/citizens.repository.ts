import type { DbOrTx } from '../../../platform/db/client';
import { searchCitizenAccounts, type CitizenAccountRow } from '../../accounts';
import { countRequestsOfCitizens } from '../../requests';

export interface CitizenRow extends CitizenAccountRow {
  requestCount: number;
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
  const accounts = await searchCitizenAccounts(db, tenantId, search, limit);
  if (accounts.length === 0) return [];
  const counts = await countRequestsOfCitizens(
    db,
    tenantId,
    accounts.map((account) => account.id),
  );
  return accounts.map((account) => ({ ...account, requestCount: counts.get(account.id) ?? 0 }));
}
