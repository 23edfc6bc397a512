import type { DbOrTx } from '../../platform/db/client';
import { findUserById } from '../accounts/users.repository';
import type { Request } from './requests.repository';

/** Where to e-mail the requester: the account's address, else the contact's; null for phone or postal only. */
export async function findRequesterEmail(
  db: DbOrTx,
  request: Pick<Request, 'tenantId' | 'citizenId' | 'contact'>,
): Promise<string | null> {
  if (request.citizenId) {
    const citizen = await findUserById(db, request.tenantId, request.citizenId);
    if (citizen) return citizen.email;
  }
  return request.contact?.email ?? null;
}
