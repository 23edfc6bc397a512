import type { AppContext } from '../../../../app-context';
import { requireAgentRole, type Principal } from '../../../../platform/auth/principal';
import { findUserById } from '../../../accounts';
import { findRequestAttachments } from '../../attachments/attachments.repository';
import { agentScopeOf, requireVisibleRequest } from '../../backoffice.policy';
import { listAllowedTransitions } from '../../lifecycle';
import { findRequestById } from '../../requests.repository';
import {
  fullName,
  toAttachmentItem,
  toOtherRequest,
  toPostalAddress,
  toQueueItem,
  toTimelineEvent,
} from '../backoffice.views';
import { findOtherRequestsOfRequester, findQueueRowById } from '../queue.repository';
import { findReferenceOf, findTimelineWithActors } from '../request-detail.repository';

/**
 * One request as an agent sees it: every field, the full timeline (internal notes included),
 * attachments and the requester's card with their other requests. Outside the scope: 404.
 */
export async function getRequestForAgent(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  principal: Principal,
  id: string,
) {
  const user = requireAgentRole(principal);
  const now = ctx.clock.now();
  const scope = await agentScopeOf(ctx.db, user);
  const request = requireVisibleRequest(scope, await findRequestById(ctx.db, user.tenantId, id));
  const { tenantId } = request;
  const [row, events, attachments, citizen, original] = await Promise.all([
    findQueueRowById(ctx.db, tenantId, request.id),
    findTimelineWithActors(ctx.db, tenantId, request.id),
    findRequestAttachments(ctx.db, tenantId, request.id),
    request.citizenId ? findUserById(ctx.db, tenantId, request.citizenId) : undefined,
    request.duplicateOfId ? findReferenceOf(ctx.db, tenantId, request.duplicateOfId) : undefined,
  ]);
  const requester = citizen
    ? {
        citizenId: citizen.id,
        name: fullName(citizen.firstName, citizen.lastName),
        email: citizen.email,
        phone: citizen.phone ?? null,
        postalAddress: toPostalAddress(citizen.postalAddress),
      }
    : {
        citizenId: null,
        name: request.contact?.name ?? null,
        email: request.contact?.email ?? null,
        phone: request.contact?.phone ?? null,
        postalAddress: toPostalAddress(request.contact?.postalAddress),
      };
  const otherRequests = await findOtherRequestsOfRequester(ctx.db, tenantId, {
    requestId: request.id,
    citizenId: requester.citizenId,
    email: requester.email,
    phone: requester.phone,
  });

  return {
    ...toQueueItem(row!, now),
    description: request.description,
    location: { address: request.locationAddress, latitude: request.latitude, longitude: request.longitude },
    duplicateOf: original ?? null,
    rejectionReason: request.rejectionReason,
    satisfaction:
      request.satisfactionRating === null
        ? null
        : { rating: request.satisfactionRating, comment: request.satisfactionComment },
    qualifiedAt: request.qualifiedAt?.toISOString() ?? null,
    treatmentStartedAt: request.treatmentStartedAt?.toISOString() ?? null,
    answeredAt: request.answeredAt?.toISOString() ?? null,
    closedAt: request.closedAt?.toISOString() ?? null,
    allowedTransitions: listAllowedTransitions(request.status, 'agent'),
    timeline: events.map((event) => toTimelineEvent(event, requester.name)),
    attachments: attachments.map((attachment) => toAttachmentItem(request.id, attachment)),
    requester: { ...requester, otherRequests: otherRequests.map(toOtherRequest) },
  };
}
