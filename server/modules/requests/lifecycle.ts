/**
 * The request lifecycle as a pure state machine: statuses, the phase each one belongs to, and the
 * transitions allowed to each kind of actor. The table is data (`transitionRules`) so that the
 * unit test can walk the whole cross product of statuses and actors.
 */
import { type ActorKind, type RequestStatus, requestStatuses } from '../../../common/requests';
import { AppError, invalidField } from '../../platform/http/app-error';

export {
  actorKinds,
  isOpen,
  isTerminal,
  openStatuses,
  phaseOf,
  requestPhases,
  requestStatuses,
  type ActorKind,
  type RequestPhase,
  type RequestStatus,
} from '../../../common/requests';

/** What a transition needs besides being allowed: a reason (rejection, reopening) or the original (duplicate). */
export type TransitionRequirement = 'reason' | 'original';

export interface TransitionRule {
  actors: readonly ActorKind[];
  requires?: TransitionRequirement;
}

const agent = ['agent'] as const;
const citizen = ['citizen'] as const;
/** Entered and left by approval circuits: the signatory (agent) or the circuit engine (system). */
const circuit = ['agent', 'system'] as const;

/**
 * Every allowed transition; anything absent is refused. Cancelling is the citizen's own act and
 * only before treatment starts. A citizen's message on an answered request reopens it; only an
 * agent, with a reason, reopens a closed one. Answered requests close by themselves (system) or by
 * an agent.
 */
export const transitionRules: Readonly<
  Record<RequestStatus, Partial<Record<RequestStatus, TransitionRule>>>
> = {
  received: {
    qualified: { actors: agent },
    rejected: { actors: agent, requires: 'reason' },
    duplicate: { actors: agent, requires: 'original' },
    cancelled: { actors: citizen },
  },
  qualified: {
    in_progress: { actors: agent },
    rejected: { actors: agent, requires: 'reason' },
    duplicate: { actors: agent, requires: 'original' },
    cancelled: { actors: citizen },
  },
  in_progress: {
    waiting_citizen: { actors: agent },
    awaiting_approval: { actors: circuit },
    answered: { actors: agent },
    rejected: { actors: agent, requires: 'reason' },
  },
  waiting_citizen: {
    // The citizen's reply (portal, e-mail) or the agent resumes treatment.
    in_progress: { actors: ['citizen', 'agent'] },
    answered: { actors: agent },
  },
  awaiting_approval: {
    in_progress: { actors: circuit },
    answered: { actors: circuit },
  },
  answered: {
    closed: { actors: ['agent', 'system'] },
    in_progress: { actors: ['citizen', 'agent'] },
  },
  closed: {
    in_progress: { actors: agent, requires: 'reason' },
  },
  rejected: {},
  duplicate: {},
  cancelled: {},
};

export function findTransitionRule(from: RequestStatus, to: RequestStatus): TransitionRule | undefined {
  return transitionRules[from][to];
}

export function canTransition(from: RequestStatus, to: RequestStatus, actorKind: ActorKind): boolean {
  return findTransitionRule(from, to)?.actors.includes(actorKind) ?? false;
}

/** The statuses `actorKind` may move a request to from `from`, in lifecycle order. */
export function listAllowedTransitions(from: RequestStatus, actorKind: ActorKind): RequestStatus[] {
  return requestStatuses.filter((to) => canTransition(from, to, actorKind));
}

export interface TransitionDetails {
  /** Why: required to reject and to reopen a closed request. */
  reason?: string | null;
  /** The original request, required to mark a duplicate. */
  duplicateOfId?: string | null;
}

/**
 * Throws TRANSITION_NOT_ALLOWED (409) when the lifecycle refuses `from → to` for this actor, and
 * a 400 naming the field when the transition needs a reason or the original request.
 */
export function assertTransition(
  from: RequestStatus,
  to: RequestStatus,
  actorKind: ActorKind,
  details: TransitionDetails = {},
): void {
  const rule = findTransitionRule(from, to);
  if (!rule || !rule.actors.includes(actorKind)) {
    throw new AppError('TRANSITION_NOT_ALLOWED', `A request cannot go from ${from} to ${to}.`, {
      from,
      to,
      actorKind,
      allowed: listAllowedTransitions(from, actorKind),
    });
  }
  if (rule.requires === 'reason' && !details.reason?.trim()) {
    throw invalidField('reason', 'is required for this change of status');
  }
  if (rule.requires === 'original' && !details.duplicateOfId) {
    throw invalidField('duplicateOf', 'is required to mark a request as a duplicate');
  }
}
