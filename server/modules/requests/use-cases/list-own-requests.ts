import type { AppContext } from '../../../app-context';
import { findCategories } from '../../organisation';
import { findRequestsOfCitizen } from '../requests.repository';
import { toRequestSummary } from '../requests.views';

/** The logged-in citizen's own requests, newest first. */
export async function listOwnRequests(ctx: Pick<AppContext, 'db'>, tenantId: string, citizenId: string) {
  const [requests, categories] = await Promise.all([
    findRequestsOfCitizen(ctx.db, tenantId, citizenId),
    findCategories(ctx.db, tenantId),
  ]);
  const categoryById = new Map(categories.map((category) => [category.id, category]));
  return requests.map((request) =>
    toRequestSummary(request, request.categoryId ? categoryById.get(request.categoryId) : undefined),
  );
}
