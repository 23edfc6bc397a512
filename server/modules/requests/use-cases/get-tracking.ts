import type { AppContext } from '../../../app-context';
import type { Principal } from '../../../platform/auth/principal';
import type { DbOrTx } from '../../../platform/db/client';
import { findCategoryById } from '../../organisation';
import { requestNotFound } from '../requests.policy';
import { findRequestByTrackingCode, findRequestEvents, type Request } from '../requests.repository';
import { toTrackingView } from '../requests.views';
import { parseTrackingCode } from '../tracking-code';

/** The request behind what a visitor typed as a tracking code (normalised), or a 404. */
export async function getRequestByTrackingInput(
  db: DbOrTx,
  tenantId: string,
  input: string,
): Promise<Request> {
  const code = parseTrackingCode(input);
  const request = code ? await findRequestByTrackingCode(db, tenantId, code) : undefined;
  if (!request) throw requestNotFound();
  return request;
}

/** The public tracking page of a request: status, phase and public timeline, no personal data. */
export async function getTracking(ctx: Pick<AppContext, 'db'>, principal: Principal, trackingInput: string) {
  const { tenantId } = principal;
  const request = await getRequestByTrackingInput(ctx.db, tenantId, trackingInput);
  const [category, events] = await Promise.all([
    request.categoryId ? findCategoryById(ctx.db, tenantId, request.categoryId) : undefined,
    findRequestEvents(ctx.db, tenantId, request.id, { publicOnly: true }),
  ]);
  return toTrackingView(request, category?.name, events);
}
