/**
 * Names for the back office's API answers (queues, request page, desk intake, actions, messaging
 * administration), derived from the generated contract (web/api/openapi.d.ts).
 */
import type { ApiResponse } from './client';
import type { components } from './openapi';

export type { RequestChannel, RequestPriority as Priority } from '../../common/requests';

export type QueuePage = ApiResponse<'/backoffice/requests'>;
export type QueueItem = QueuePage['items'][number];
export type Ref = NonNullable<QueueItem['category']>;

export type RequestForAgent = ApiResponse<'/backoffice/requests/{id}'>;
export type AgentTimelineEntry = RequestForAgent['timeline'][number];
export type Attachment = RequestForAgent['attachments'][number];
export type Requester = RequestForAgent['requester'];
export type OtherRequest = Requester['otherRequests'][number];

export type ActionResult = ApiResponse<'/backoffice/requests/{id}/transition', 'post'>;
export type BulkResult = ApiResponse<'/backoffice/requests/bulk', 'post'>;
export type DuplicateSuggestion = ApiResponse<'/backoffice/requests/{id}/duplicates'>[number];
export type BackofficeDepartment = ApiResponse<'/backoffice/departments'>[number];
export type Assignee = ApiResponse<'/backoffice/assignees'>[number];
export type CitizenMatch = ApiResponse<'/backoffice/citizens'>[number];

/** A print batch as GET /backoffice/print-batches lists it. */
export type PrintBatch = ApiResponse<'/backoffice/print-batches'>['items'][number];
export type PrintBatchStatus = PrintBatch['status'];

export type OutboundMessage = components['schemas']['OutboundMessageView'];
export type InboundMessage = components['schemas']['InboundMessageView'];
export type MessageTemplate = components['schemas']['MessageTemplateView'];
