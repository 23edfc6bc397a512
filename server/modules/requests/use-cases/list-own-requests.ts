import type { AppContext } from '../../../app-context';
import { requireSignedIn, type Principal } from '../../../platform/auth/principal';
import { findCategories } from '../../organisation';
import { findRequestsOfCitizen } from '../requests.repository';
import { toRequestSummary } from '../requests.views';

/** The logged-in citizen's own requests, newest first. */
export async function listOwnRequests(ctx: Pick<AppContext, 'db'>, principal: Principal) {
  const { id: citizenId, tenantId } = requireSignedIn(principal);
  const [requests, categories] = await Promise.all([
    findRequestsOfCitizen(ctx.db, tenantId, citizenId),
    findCategories(ctx.db, tenantId),
  ]);
  const categoryById = new Map(categories.map((category) => [category.id, category]));
  return requests.map((request) =>
    toRequestSummary(request, request.categoryId ? categoryById.get(request.categoryId) : undefined),
  );
}
