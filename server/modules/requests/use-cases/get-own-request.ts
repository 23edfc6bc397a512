import type { AppContext } from '../../../app-context';
import { findCategoryById } from '../../organisation';
import { requireOwnRequest } from '../requests.policy';
import { findRequestById, findRequestEvents } from '../requests.repository';
import { toRequestDetail } from '../requests.views';

/** One of the citizen's own requests with its public timeline; another's answers 404. */
export async function getOwnRequest(
  ctx: Pick<AppContext, 'db'>,
  tenantId: string,
  citizenId: string,
  requestId: string,
) {
  const request = requireOwnRequest({ id: citizenId }, await findRequestById(ctx.db, tenantId, requestId));
  const [category, events] = await Promise.all([
    request.categoryId ? findCategoryById(ctx.db, tenantId, request.categoryId) : undefined,
    findRequestEvents(ctx.db, tenantId, request.id, { publicOnly: true }),
  ]);
  return toRequestDetail(request, category, events);
}
