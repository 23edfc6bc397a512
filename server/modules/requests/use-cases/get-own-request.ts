import type { AppContext } from '../../../app-context';
import { requireSignedIn, type Principal } from '../../../platform/auth/principal';
import { findCategoryById } from '../../organisation';
import { requireOwnRequest } from '../requests.policy';
import { findRequestById, findRequestEvents } from '../requests.repository';
import { toRequestDetail } from '../requests.views';

/** One of the citizen's own requests with its public timeline; another's answers 404. */
export async function getOwnRequest(ctx: Pick<AppContext, 'db'>, principal: Principal, requestId: string) {
  const { id: citizenId, tenantId } = requireSignedIn(principal);
  const request = requireOwnRequest({ id: citizenId }, await findRequestById(ctx.db, tenantId, requestId));
  const [category, events] = await Promise.all([
    request.categoryId ? findCategoryById(ctx.db, tenantId, request.categoryId) : undefined,
    findRequestEvents(ctx.db, tenantId, request.id, { publicOnly: true }),
  ]);
  return toRequestDetail(request, category, events);
}
