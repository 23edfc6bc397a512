/**
 * The value lists of a request that the server and the web app share: statuses and the phase
 * each belongs to, channels, priorities, who acts, what the public sees. The lifecycle's
 * transition rules stay on the server (server/modules/requests/lifecycle.ts).
 */

export const requestStatuses = [
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
] as const;
export type RequestStatus = (typeof requestStatuses)[number];

/** Qualification, treatment and delivery as a town hall describes them, plus the end of the road. */
export const requestPhases = ['qualification', 'treatment', 'delivery', 'closed'] as const;
export type RequestPhase = (typeof requestPhases)[number];

const phaseOfStatus: Record<RequestStatus, RequestPhase> = {
  received: 'qualification',
  qualified: 'treatment',
  in_progress: 'treatment',
  waiting_citizen: 'treatment',
  awaiting_approval: 'treatment',
  answered: 'delivery',
  closed: 'closed',
  rejected: 'closed',
  duplicate: 'closed',
  cancelled: 'closed',
};

export function phaseOf(status: RequestStatus): RequestPhase {
  return phaseOfStatus[status];
}

/** Closed, rejected, duplicate or cancelled: nothing left to do (an agent may still reopen a closed one). */
export function isTerminal(status: RequestStatus): boolean {
  return phaseOfStatus[status] === 'closed';
}

/** Statuses that still need work from the town (queues, deadlines): neither answered nor terminal. */
export const openStatuses: readonly RequestStatus[] = requestStatuses.filter(
  (status) => phaseOfStatus[status] === 'qualification' || phaseOfStatus[status] === 'treatment',
);

export function isOpen(status: RequestStatus): boolean {
  return openStatuses.includes(status);
}

export function isRequestStatus(value: unknown): value is RequestStatus {
  return typeof value === 'string' && (requestStatuses as readonly string[]).includes(value);
}

/** Who acts on a request: its citizen, an agent of the town, or the system (jobs, circuits). */
export const actorKinds = ['citizen', 'agent', 'system'] as const;
export type ActorKind = (typeof actorKinds)[number];

/** Every way a request or a contact comes in. */
export const requestChannels = ['web', 'email', 'sms', 'phone', 'counter', 'letter', 'api'] as const;
export type RequestChannel = (typeof requestChannels)[number];

export const requestPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type RequestPriority = (typeof requestPriorities)[number];

/** A timeline event or attachment is public (citizen, tracking page) or internal (agents only). */
export const eventVisibilities = ['public', 'internal'] as const;
export type EventVisibility = (typeof eventVisibilities)[number];

/** What the town answers when it keeps silent past the period: nothing, acceptance, rejection. */
export const silenceRules = ['none', 'acceptance', 'rejection'] as const;
export type SilenceRule = (typeof silenceRules)[number];

/** What a request's subject and description may hold. */
export const subjectMinLength = 3;
export const subjectMaxLength = 200;
export const descriptionMaxLength = 10_000;
