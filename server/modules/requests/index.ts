/**
 * The requests module's public face: the citizen's request from receipt to closure, its
 * lifecycle, its timeline and the one place a request changes (`changeRequest`). Other modules
 * import from here only.
 */
import type { ModuleManifest } from '../../platform/modules/module-manifest';
import { requestsPersonalData } from './requests.personal-data';
import * as tables from './requests.tables';
import { attachmentsRoutes } from './attachments/attachments.routes';
import { backofficeActionsRoutes } from './backoffice/backoffice-actions.routes';
import { backofficeQueueRoutes } from './backoffice/backoffice-queue.routes';
import { autoCloseJob, autoCloseJobType } from './closure/auto-close';
import { satisfactionRoutes } from './closure/satisfaction.routes';
import { markOverdueJob, markOverdueJobType } from './deadlines/mark-overdue';
import { requestSubjectHandler } from './request-subject';
import { requestTemplates } from './request-templates';
import { requestsRoutes } from './requests.routes';

const minute = 60_000;

export const requestsModule: ModuleManifest = {
  name: 'requests',
  tables,
  personalData: requestsPersonalData,
  routes: [
    requestsRoutes,
    attachmentsRoutes,
    backofficeQueueRoutes,
    backofficeActionsRoutes,
    satisfactionRoutes,
  ],
  jobs: { [markOverdueJobType]: markOverdueJob, [autoCloseJobType]: autoCloseJob },
  schedules: [
    { type: markOverdueJobType, periodMs: 15 * minute },
    { type: autoCloseJobType, periodMs: 60 * minute },
  ],
  extensions: { messageTemplates: requestTemplates, messageSubjects: [requestSubjectHandler] },
};

export {
  changeRequest,
  changeRequestStatus,
  type RequestActor,
  type RequestChange,
  type RequestChangeResult,
  type RequestFieldChanges,
} from './change-request';
export {
  assertTransition,
  isTerminal,
  listAllowedTransitions,
  requestStatuses,
  type RequestStatus,
} from './lifecycle';
export { requestSubject, requestSubjectType } from './request-subject';
export {
  countRequestsOfCitizens,
  countTownRequests,
  findLatestReplyableRequest,
  findRequestByReference,
  importRequests,
  type ImportedRequest,
  findRequestById,
  findRequestByTrackingCode,
  findRequestReferences,
  hasTimelineEvent,
  type Request,
} from './requests.repository';
export type { RequestContact, RequestPriority } from './requests.tables';
export { systemActor } from './timeline';
export { appendCitizenMessage } from './use-cases/add-citizen-message';
export { recordAttachment, type StoredAttachment } from './attachments/record-attachment';
export { maxAttachmentsPerRequest } from './attachments/attachments.policy';
export {
  type RequestAttachment,
  findRequestAttachments,
  lockRequest,
} from './attachments/attachments.repository';
export { AttachmentParams } from './attachments/attachments.schemas';
export {
  attachmentTooLarge,
  openAttachment,
  type AttachmentDownload,
} from './attachments/attachments.use-cases';
export { agentScopeOf } from './backoffice.policy';
export { Channel, PostalAddressView, Ref, Status } from './backoffice/backoffice.schemas';
export { fullName, toPostalAddress } from './backoffice/backoffice.views';
export { parseReference } from './reference';
export {
  SubmitRequestBody,
  SubmittedRequest as SubmittedRequestSchema,
  subjectMaxLength,
  subjectMinLength,
} from './requests.schemas';
export { trackingCodeAlphabet, trackingCodeLength } from './tracking-code';
export { submitRequest, type SubmitRequestInput, type SubmittedRequest } from './use-cases/submit-request';
