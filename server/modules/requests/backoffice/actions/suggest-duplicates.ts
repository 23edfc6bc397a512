import type { AppContext } from '../../../../app-context';
import { requireVisibleRequest } from '../../backoffice.policy';
import { findRequestById } from '../../requests.repository';
import { type DuplicateCandidate, findDuplicateCandidates } from '../duplicates.repository';
import type { Principal } from '../../../../platform/auth/principal';
import { agentActorFor } from './request-change';

const windowDays = 90;
const maxSuggestions = 10;

/**
 * Requests that may be the same matter as this one (see `findDuplicateCandidates`), received in
 * the last 90 days, best first, at most 10. The request must be in the agent's scope; the
 * suggestions come from the whole town (reference, subject and status only, no personal data),
 * since the original is often already with a department the receptionist does not see.
 */
export async function suggestDuplicates(
  ctx: AppContext,
  principal: Principal,
  requestId: string,
): Promise<DuplicateCandidate[]> {
  const actor = await agentActorFor(ctx, principal);
  const request = requireVisibleRequest(
    actor.scope,
    await findRequestById(ctx.db, actor.scope.tenantId, requestId),
  );
  const since = new Date(ctx.clock.now().getTime() - windowDays * 24 * 60 * 60 * 1000);
  return findDuplicateCandidates(ctx.db, request, { since, limit: maxSuggestions });
}
