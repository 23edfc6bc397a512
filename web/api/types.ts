/**
 * Names for the API's answers that several screens share, all derived from the generated contract
 * (web/api/openapi.d.ts): none is written by hand, so a changed route changes them and the web
 * build says where. Value lists (statuses, channels, roles…) come from common/.
 */
import type { ApiResponse } from './client';
import type { components } from './openapi';

export type { AgentRole } from '../../common/accounts';
export type { OutboundChannel as Channel } from '../../common/messaging';
export type { RequestPhase, RequestStatus, SilenceRule } from '../../common/requests';

/** One page of a list answer's items. */
type ItemOf<List extends { items: readonly unknown[] }> = List['items'][number];

/** A session (the route answers 204, no body, when there is none). */
export type SessionReply = NonNullable<ApiResponse<'/auth/session'>>;
export type User = SessionReply['user'];
export type PostalAddress = NonNullable<User['postalAddress']>;
export type Tenant = ApiResponse<'/tenant'>;
export type Invitation = ApiResponse<'/auth/invitation'>;

export type IdentityProvider = ItemOf<ApiResponse<'/auth/providers'>>;
/** An OpenID Connect provider as administrators see it (the client secret is never sent back). */
export type IdentityProviderSettings = ItemOf<ApiResponse<'/admin/identity-providers'>>;

/** A day without business: a public holiday or a day the town is closed. */
export type DayOff = ItemOf<ApiResponse<'/calendar/days-off'>>;
export type CalendarClosure = ItemOf<ApiResponse<'/admin/calendar/closures'>>;
export type Department = ItemOf<ApiResponse<'/admin/departments'>>;
export type Category = ItemOf<ApiResponse<'/admin/categories'>>;
export type Agent = ItemOf<ApiResponse<'/admin/agents'>>;
export type Job = components['schemas']['JobView'];
export type JobStatus = Job['status'];

/** A category as the public intake form reads it (GET /categories). */
export type PublicCategory = ApiResponse<'/categories'>[number];

/** The reply to POST /requests. */
export type SubmittedRequest = ApiResponse<'/requests', 'post'>;
/** One of the logged-in citizen's requests (GET /requests). */
export type RequestSummary = ApiResponse<'/requests'>[number];
export type RequestDetail = ApiResponse<'/requests/{id}'>;
export type TimelineEntry = RequestDetail['timeline'][number];
/** The public tracking view (GET /track/{code}): no personal data. */
export type TrackingView = ApiResponse<'/track/{trackingCode}'>;
export type AttachmentView = ApiResponse<'/requests/{id}/attachments'>[number];
