import type { AppContext } from '../../../app-context';
import { invalidField } from '../../../platform/http/app-error';
import { requireAgentRole, type Principal } from '../../../platform/auth/principal';
import { toPostalAddress } from '../../requests';
import { type CitizenRow, searchCitizens as searchCitizenRows } from './citizens.repository';

export function toCitizenItem(row: CitizenRow) {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    phone: row.phone,
    postalAddress: toPostalAddress(row.postalAddress),
    requestCount: row.requestCount,
  };
}

/** Citizen accounts of the agent's town by name, e-mail or phone (at least two characters), 20 at most. */
export async function searchCitizens(ctx: Pick<AppContext, 'db'>, principal: Principal, search: string) {
  const agent = requireAgentRole(principal);
  if (search.trim().length < 2) throw invalidField('q', 'must have at least 2 characters');
  const rows = await searchCitizenRows(ctx.db, agent.tenantId, search, 20);
  return rows.map(toCitizenItem);
}
