/**
 * The life of one generated request up to the bench's "now": its fate, the delays of each step
 * around the category's deadline, at office hours for agents, and the timeline events and phase
 * timestamps of every step that happened by then.
 */
import type { ActorKind, RequestStatus } from '../server/modules/requests/lifecycle';
import type { EventVisibility, RequestChannel } from '../server/modules/requests/requests.tables';
import type { EventActor, GeneratedRequest, GeneratorCategory } from './generator';
import { fill, frenchTypography } from './people';
import type { Random } from './random';
import { officeTime, type TimeTable } from './receipt-times';
import * as words from './vocabulary';

const hour = 3_600_000;
const day = 24 * hour;

export interface LifeContext {
  random: Random;
  times: TimeTable;
  /** The bench's "now", in milliseconds. */
  end: number;
  /** Share of requests stalled in the backlog. */
  stalledShare: number;
}

/** Street and public-space reports (signalements), as opposed to administrative requests. */
export const signalementCategories = new Set([
  'nid-de-poule',
  'trottoir-degrade',
  'signalisation',
  'eclairage-en-panne',
  'depot-sauvage',
  'tags-graffitis',
  'corbeille-pleine',
  'elagage',
  'entretien-espaces-verts',
]);
/** Decisions the mayor signs: they go through awaiting_approval before the answer. */
const approvalCategories = new Set(['occupation-domaine-public', 'carte-stationnement-resident']);

const actorOfIntake = (channel: RequestChannel): { actor: EventActor; actorKind: ActorKind } =>
  channel === 'web' || channel === 'sms' || channel === 'api'
    ? { actor: 'requester', actorKind: 'citizen' }
    : { actor: 'reception', actorKind: 'agent' };

/**
 * Plays the request's life up to `end`: a fate (answered, rejected, duplicate, cancelled or
 * stuck in the backlog), delays drawn around the category's deadline, then every step that
 * happened before `end` becomes a timestamp and a timeline event.
 */
export function liveRequest(
  request: GeneratedRequest,
  category: GeneratorCategory,
  templates: words.CategoryTemplates,
  values: Record<string, string>,
  context: LifeContext,
): void {
  const { random, times, end } = context;
  let currentAt = 0;
  /** The instant of the step being applied (steps are closures built before they are ordered). */
  const at = () => currentAt;
  const received = request.receivedAt.getTime();
  const intake = actorOfIntake(request.channel);
  const steps: { at: number; apply: () => void }[] = [];
  const event = (
    at: number,
    type: string,
    actor: EventActor,
    visibility: EventVisibility,
    body: string | null = null,
    data: Record<string, unknown> = {},
  ) => {
    const actorKind: ActorKind = actor === 'system' ? 'system' : actor === 'requester' ? 'citizen' : 'agent';
    request.events.push({ type, at: new Date(at), actor, actorKind, visibility, body, data });
    if (body && (type === 'public_message' || type === 'answer' || type === 'citizen_message')) {
      request.messagesText += `${request.messagesText ? ' ' : ''}${body}`;
    }
  };
  const status = (at: number, to: RequestStatus, actor: EventActor, body: string | null = null) => {
    const from = request.status;
    request.status = to;
    event(at, 'status_changed', actor, 'public', body, { from, to });
  };

  event(received, 'created', intake.actor, 'public', null, { channel: request.channel });

  const fate = random.next();
  const stuck = random.chance(context.stalledShare);
  const stuckBeforeQualification = random.chance(0.4);
  const isCitizenChannel = intake.actor === 'requester';

  const qualificationDelay =
    request.channel === 'counter'
      ? random.exponential(0.2 * hour)
      : request.channel === 'phone'
        ? random.exponential(4 * hour)
        : random.logNormal(8 * hour, 0.9);
  const qualifiedAt =
    request.channel === 'counter'
      ? received + qualificationDelay
      : officeTime(times, end, received + qualificationDelay);

  if (isCitizenChannel && fate < 0.012) {
    steps.push({
      at: received + random.exponential(6 * hour),
      apply: () => status(at(), 'cancelled', 'requester'),
    });
  } else if (fate < 0.04) {
    const reason = random.pick(words.rejectionReasons);
    steps.push({
      at: qualifiedAt,
      apply: () => {
        request.rejectionReason = reason;
        status(at(), 'rejected', 'reception', reason);
      },
    });
  } else if (fate < 0.065 && request.index > 0 && signalementCategories.has(category.code)) {
    const original = request.index - random.between(1, Math.min(request.index, 300));
    steps.push({
      at: qualifiedAt,
      apply: () => {
        request.duplicateOfIndex = original;
        status(at(), 'duplicate', 'reception');
      },
    });
  } else {
    // The usual road: qualified, assigned (in progress), answered, closed.
    steps.push({
      at: qualifiedAt,
      apply: () => {
        request.qualifiedAt = new Date(at());
        request.status = 'qualified';
        event(at(), 'qualified', 'reception', 'public', null, {
          from: 'received',
          to: 'qualified',
          priority: request.priority,
        });
      },
    });
    const startedAt = officeTime(times, end, qualifiedAt + random.exponential(0.8 * day));
    const slot = random.int(4);
    steps.push({
      at: startedAt,
      apply: () => {
        request.treatmentStartedAt = new Date(at());
        request.assigneeSlot = slot;
        request.status = 'in_progress';
        event(at(), 'assigned', 'reception', 'public', null, { from: 'qualified', to: 'in_progress' });
      },
    });
    const deadline = category.deadlineDays * 1.4 * day;
    let answeredAt = officeTime(
      times,
      end,
      Math.max(
        received + deadline * random.logNormal(0.6, 0.45) * (request.priority === 'urgent' ? 0.4 : 1),
        startedAt + hour,
      ),
    );
    if (random.chance(0.3)) {
      const note = random.pick(templates.notes);
      steps.push({
        at: startedAt + (answeredAt - startedAt) * 0.2,
        apply: () => event(at(), 'internal_note', 'assignee', 'internal', note),
      });
    }
    let resumedAt = startedAt;
    if (random.chance(0.08)) {
      const askedAt = startedAt + (answeredAt - startedAt) * 0.4;
      const repliedAt = askedAt + random.exponential(2.5 * day);
      const question = fill(random.pick(templates.questions), values);
      const reply = frenchTypography(random.pick(words.citizenReplies));
      steps.push({
        at: askedAt,
        apply: () => {
          event(at(), 'public_message', 'assignee', 'public', question);
          status(at(), 'waiting_citizen', 'assignee');
        },
      });
      steps.push({
        at: repliedAt,
        apply: () => {
          event(at(), 'citizen_message', 'requester', 'public', reply);
          status(at(), 'in_progress', 'requester');
        },
      });
      answeredAt = officeTime(times, end, answeredAt + repliedAt - askedAt);
      resumedAt = repliedAt;
    }
    if (approvalCategories.has(category.code) && random.chance(0.5)) {
      // Sent to the mayor's signature between the last resumption and the answer.
      const wait = Math.min(random.exponential(1.5 * day) + hour, (answeredAt - resumedAt) * 0.5);
      steps.push({
        at: answeredAt - wait,
        apply: () => status(at(), 'awaiting_approval', 'assignee'),
      });
    }
    const answer = fill(random.pick(templates.answers), values);
    steps.push({
      at: answeredAt,
      apply: () => {
        request.answeredAt = new Date(at());
        const from = request.status;
        request.status = 'answered';
        const signer: EventActor = from === 'awaiting_approval' ? 'signatory' : 'assignee';
        event(at(), 'answer', signer, 'public', answer, { from, to: 'answered' });
      },
    });
    if (random.chance(0.15)) {
      const rating = random.pick([5, 5, 5, 4, 4, 4, 3, 2, 1]);
      const comment = random.chance(0.5) ? frenchTypography(random.pick(words.satisfactionComments)) : null;
      steps.push({
        at: answeredAt + random.exponential(2 * day),
        apply: () => {
          request.satisfactionRating = rating;
          request.satisfactionComment = comment;
          event(at(), 'satisfaction', 'requester', 'internal', comment, { rating });
        },
      });
    }
    steps.push({
      at: answeredAt + 15 * day,
      apply: () => {
        request.closedAt = new Date(at());
        status(at(), 'closed', 'system');
      },
    });
  }

  steps.sort((a, b) => a.at - b.at);
  // A stuck request stops before its first step (never qualified) or after its second (in progress).
  const limit = stuck ? (stuckBeforeQualification ? 0 : 2) : steps.length;
  for (const [position, step] of steps.entries()) {
    if (position >= limit || step.at > end) break;
    currentAt = step.at;
    step.apply();
  }
  if (request.status === 'closed' || request.status === 'rejected' || request.status === 'duplicate') {
    request.closedAt ??= new Date(request.events.at(-1)!.at);
  }
  if (request.status === 'cancelled') request.closedAt = new Date(request.events.at(-1)!.at);
  request.updatedAt = request.events.at(-1)!.at;
}
