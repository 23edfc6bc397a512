/** The shapes the web app reads from the API (see the API contract of issue 2). */

export type Channel = 'email' | 'sms' | 'letter' | 'portal';
export const channels: Channel[] = ['email', 'sms', 'letter', 'portal'];

export type AgentRole = 'reception' | 'agent' | 'manager' | 'signatory' | 'admin';
export const agentRoles: AgentRole[] = ['reception', 'agent', 'manager', 'signatory', 'admin'];

export interface PostalAddress {
  line1: string;
  line2?: string | null;
  postcode: string;
  city: string;
}

export interface User {
  id: string;
  kind: 'citizen' | 'agent';
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  postalAddress: PostalAddress | null;
  preferredChannel: Channel;
  roles: AgentRole[];
  departmentIds: string[];
  emailVerified: boolean;
}

export interface SessionReply {
  user: User;
  csrfToken: string;
}

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  inseeCode: string | null;
}

export interface IdentityProvider {
  slug: string;
  label: string;
}

/** An OpenID Connect provider as administrators see it (the client secret is never sent back). */
export interface IdentityProviderSettings extends IdentityProvider {
  id: string;
  issuerUrl: string;
  clientId: string;
  scopes: string;
  acrValues: string | null;
  isEnabled: boolean;
  /** The redirect URI to register at the provider. */
  callbackUrl: string;
  createdAt: string;
}

/** A day without business: a public holiday or a day the town is closed. */
export interface DayOff {
  /** YYYY-MM-DD */
  day: string;
  label: string;
  kind: 'holiday' | 'closure';
}

export interface CalendarClosure {
  id: string;
  day: string;
  label: string;
}

export interface Department {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  email: string | null;
  phone: string | null;
  /** Free text, one line per part of the address. */
  postalAddress: string | null;
  isActive: boolean;
}

export interface Category {
  id: string;
  code: string;
  name: string;
  description: string;
  departmentId: string | null;
  deadlineDays: number;
  /** What silence at the end of `silencePeriodDays` is worth. */
  silenceRule: SilenceRule;
  /** Calendar days after receipt; null when the rule is `none`. */
  silencePeriodDays: number | null;
  isActive: boolean;
}

export type SilenceRule = 'none' | 'acceptance' | 'rejection';

export interface Agent extends User {
  isActive: boolean;
  invitationPending: boolean;
}

export type JobStatus = 'failed' | 'pending' | 'running' | 'done';
export const jobStatuses: JobStatus[] = ['failed', 'pending', 'running', 'done'];

export interface Job {
  id: string;
  type: string;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Invitation {
  email: string;
  firstName: string;
  lastName: string;
  tenantName: string;
}

export interface ItemList<T> {
  items: T[];
}

/** A category as the public intake form reads it (GET /categories). */
export interface PublicCategory {
  id: string;
  code: string;
  name: string;
  description: string;
  departmentId: string | null;
  deadlineDays: number;
}

export type RequestStatus =
  | 'received'
  | 'qualified'
  | 'in_progress'
  | 'waiting_citizen'
  | 'awaiting_approval'
  | 'answered'
  | 'closed'
  | 'rejected'
  | 'duplicate'
  | 'cancelled';

export type RequestPhase = 'qualification' | 'treatment' | 'delivery' | 'closed';

/** The reply to POST /requests. */
export interface SubmittedRequest {
  id: string;
  reference: string;
  trackingCode: string;
  status: RequestStatus;
  dueAt: string | null;
}

export interface TimelineEntry {
  at: string;
  type: string;
  text: string;
}

/** One of the logged-in citizen's requests (GET /requests). */
export interface RequestSummary {
  id: string;
  reference: string;
  trackingCode: string;
  status: RequestStatus;
  phase: RequestPhase;
  category: { id: string; name: string } | null;
  subject: string;
  createdAt: string;
  updatedAt: string;
  dueAt: string | null;
}

export interface RequestDetail extends RequestSummary {
  description: string;
  location: { address: string | null; latitude: number | null; longitude: number | null };
  timeline: TimelineEntry[];
  /** The citizen's rating, once given. */
  satisfaction: { rating: number; comment: string | null } | null;
  /** Closed and not rated yet: offer the satisfaction survey. */
  canRate: boolean;
}

/** The public tracking view (GET /track/{code}): no personal data. */
export interface TrackingView {
  reference: string;
  status: RequestStatus;
  phase: RequestPhase;
  category: string | null;
  createdAt: string;
  updatedAt: string;
  dueAt: string | null;
  timeline: TimelineEntry[];
  satisfaction: { rating: number } | null;
  canRate: boolean;
}
