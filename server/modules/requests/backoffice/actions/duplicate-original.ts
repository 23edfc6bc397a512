import type { DbOrTx } from '../../../../platform/db/client';
import { invalidField } from '../../../../platform/http/app-error';
import { findRequestById, type Request } from '../../requests.repository';

/** Longer chains than this are not expected; the walk stops there rather than trusting the data. */
const maxChainLength = 50;

/**
 * The original a request is marked a duplicate of: another request of the same town (in the
 * agent's scope or not: reception must be able to link to a request already with a department),
 * never the request itself, and never one whose own chain of originals leads back to it.
 */
export async function requireOriginalRequest(
  tx: DbOrTx,
  request: Pick<Request, 'id' | 'tenantId'>,
  originalId: string,
): Promise<Request> {
  if (originalId === request.id) throw invalidField('duplicateOf', 'cannot be the request itself');
  const original = await findRequestById(tx, request.tenantId, originalId);
  if (!original) throw invalidField('duplicateOf', 'is not a request of this town');
  let current: Request | undefined = original;
  for (let step = 0; current?.duplicateOfId && step < maxChainLength; step += 1) {
    if (current.duplicateOfId === request.id) {
      throw invalidField('duplicateOf', 'is itself a duplicate of this request (that would make a loop)');
    }
    current = await findRequestById(tx, request.tenantId, current.duplicateOfId);
  }
  return original;
}
