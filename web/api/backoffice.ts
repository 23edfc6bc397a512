/** The shapes of the back-office requests API (issue 3 contract: queues, request page, desk intake, actions). */
import type { Cents } from '../../common/money';
import type { PostalAddress, RequestPhase, RequestStatus } from './types';

export type RequestChannel = 'web' | 'email' | 'sms' | 'phone' | 'counter' | 'letter' | 'api';
export const requestChannels: RequestChannel[] = ['web', 'email', 'sms', 'phone', 'counter', 'letter', 'api'];

export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export const priorities: Priority[] = ['low', 'normal', 'high', 'urgent'];

export const requestStatuses: RequestStatus[] = [
  'received',
  'qualified',
  'in_progress',
  'waiting_citizen',
  'awaiting_approval',
  'answered',
  'closed',
  'rejected',
  'duplicate',
  'cancelled',
];

/** The statuses the queue shows by default: those that still need work. */
export const openStatuses: RequestStatus[] = [
  'received',
  'qualified',
  'in_progress',
  'waiting_citizen',
  'awaiting_approval',
];

export interface Ref {
  id: string;
  name: string;
}

export interface QueueItem {
  id: string;
  reference: string;
  trackingCode: string;
  status: RequestStatus;
  phase: RequestPhase;
  channel: RequestChannel;
  priority: Priority;
  subject: string;
  category: Ref | null;
  department: Ref | null;
  assignee: Ref | null;
  requesterName: string | null;
  receivedAt: string;
  dueAt: string | null;
  updatedAt: string;
  overdue: boolean;
  dueSoon: boolean;
  version: number;
}

export interface QueuePage {
  items: QueueItem[];
  total: number;
  /** A search matched more than `total` requests; only the most recent `total` are ranked. */
  totalCapped: boolean;
  page: number;
  pageSize: number;
}

export interface AgentTimelineEntry {
  id: string;
  at: string;
  type: string;
  visibility: 'public' | 'internal';
  actor: { id: string | null; name: string; kind: 'citizen' | 'agent' | 'system' };
  body: string | null;
  data: Record<string, unknown>;
}

export interface Attachment {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  visibility: 'public' | 'internal';
  uploadedByKind: string;
  createdAt: string;
  downloadUrl: string;
}

export interface OtherRequest {
  id: string;
  reference: string;
  status: RequestStatus;
  subject: string;
  receivedAt: string;
  category: Ref | null;
}

export interface Requester {
  citizenId: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  postalAddress: PostalAddress | null;
  otherRequests: OtherRequest[];
}

export interface RequestForAgent extends QueueItem {
  description: string;
  location: { address: string | null; latitude: number | null; longitude: number | null };
  duplicateOf: { id: string; reference: string } | null;
  rejectionReason: string | null;
  satisfaction: { rating: number; comment: string | null } | null;
  qualifiedAt: string | null;
  treatmentStartedAt: string | null;
  answeredAt: string | null;
  closedAt: string | null;
  allowedTransitions: RequestStatus[];
  timeline: AgentTimelineEntry[];
  attachments: Attachment[];
  requester: Requester;
}

export interface ActionResult {
  id: string;
  status: RequestStatus;
  version: number;
  assigneeId: string | null;
  departmentId: string | null;
  dueAt: string | null;
}

export interface BulkResult {
  results: { id: string; ok: boolean; status?: RequestStatus; error?: { code: string; message: string } }[];
}

export interface DuplicateSuggestion {
  id: string;
  reference: string;
  subject: string;
  status: RequestStatus;
  receivedAt: string;
  category: Ref | null;
  distanceMeters: number | null;
  similarity: number;
}

export interface BackofficeDepartment {
  id: string;
  name: string;
  parentId: string | null;
}

export interface Assignee {
  id: string;
  name: string;
  departmentIds: string[];
}

export interface CitizenMatch {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  postalAddress: PostalAddress | null;
  requestCount: number;
}

/** The reply to POST /backoffice/requests (desk intake). */
export interface DeskRequestCreated {
  id: string;
  reference: string;
  trackingCode: string;
  status: RequestStatus;
  dueAt: string | null;
}

export interface ContactRecorded {
  id: string;
  channel: RequestChannel;
  subject: string;
  occurredAt: string;
  unitCostCents: Cents | null;
}
