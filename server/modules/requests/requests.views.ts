import { canRate } from './closure/satisfaction';
import { phaseOf, type RequestStatus } from './lifecycle';
import type { Request, RequestEvent } from './requests.repository';

/** How a status reads for a citizen (timeline, tracking page). */
export const statusLabels: Record<RequestStatus, string> = {
  received: 'Reçue',
  qualified: 'Prise en compte',
  in_progress: 'En cours de traitement',
  waiting_citizen: 'En attente de votre réponse',
  awaiting_approval: 'En cours de validation',
  answered: 'Répondue',
  closed: 'Clôturée',
  rejected: 'Irrecevable',
  duplicate: 'Doublon d’une autre demande',
  cancelled: 'Annulée',
};

const eventLabels: Record<string, string> = {
  created: 'Demande reçue',
  qualified: 'Demande prise en compte',
  assigned: 'Demande confiée à un agent',
  citizen_message: 'Message du demandeur',
  attachment_added: 'Pièce jointe ajoutée',
  duplicate: 'Demande rattachée à une autre demande sur le même sujet',
  public_message: 'Message de la mairie',
  answer: 'Réponse de la mairie',
  internal_note: 'Note interne',
};

/** Event types whose body is the town's public word to the citizen (shown as is). */
const townMessageTypes = new Set(['public_message', 'answer']);

function isStatus(value: unknown): value is RequestStatus {
  return typeof value === 'string' && value in statusLabels;
}

/**
 * The French line of a public event. Only the town's own public messages show their body: a
 * citizen's message may carry personal data, so the tracking page only says one was sent.
 */
export function publicEventText(event: Pick<RequestEvent, 'type' | 'body' | 'data'>): string {
  if (townMessageTypes.has(event.type) && event.body) return event.body;
  if (event.type === 'status_changed' && isStatus(event.data.to)) {
    // A rejection states its reason: the citizen must know why (the agent writes it for them).
    if (event.data.to === 'rejected' && event.body) {
      return `Statut : ${statusLabels.rejected}. Motif\u00a0: ${event.body}`;
    }
    return `Statut : ${statusLabels[event.data.to]}`;
  }
  return eventLabels[event.type] ?? 'Mise à jour de la demande';
}

export interface TimelineEntryView {
  at: string;
  type: string;
  text: string;
}

/** Public events as the tracking page shows them; internal ones are dropped here too. */
export function toPublicTimeline(events: RequestEvent[]): TimelineEntryView[] {
  return events
    .filter((event) => event.visibility === 'public')
    .map((event) => ({ at: event.createdAt.toISOString(), type: event.type, text: publicEventText(event) }));
}

/** The citizen's own timeline: public events, their own messages in full. */
export function toCitizenTimeline(events: RequestEvent[]): TimelineEntryView[] {
  return events
    .filter((event) => event.visibility === 'public')
    .map((event) => ({
      at: event.createdAt.toISOString(),
      type: event.type,
      text: event.type === 'citizen_message' && event.body ? event.body : publicEventText(event),
    }));
}

export interface CategoryName {
  id: string;
  name: string;
}

export function toRequestSummary(request: Request, category: CategoryName | undefined) {
  return {
    id: request.id,
    reference: request.reference,
    trackingCode: request.trackingCode,
    status: request.status,
    phase: phaseOf(request.status),
    category: category ? { id: category.id, name: category.name } : null,
    subject: request.subject,
    createdAt: request.createdAt.toISOString(),
    updatedAt: request.updatedAt.toISOString(),
    dueAt: request.dueAt?.toISOString() ?? null,
  };
}

export function toRequestDetail(
  request: Request,
  category: CategoryName | undefined,
  events: RequestEvent[],
) {
  return {
    ...toRequestSummary(request, category),
    description: request.description,
    location: {
      address: request.locationAddress,
      latitude: request.latitude,
      longitude: request.longitude,
    },
    timeline: toCitizenTimeline(events),
    satisfaction:
      request.satisfactionRating === null
        ? null
        : { rating: request.satisfactionRating, comment: request.satisfactionComment },
    canRate: canRate(request),
  };
}

/** The public tracking view: whitelisted fields only, never the contact or the citizen. */
export function toTrackingView(request: Request, categoryName: string | undefined, events: RequestEvent[]) {
  return {
    reference: request.reference,
    status: request.status,
    phase: phaseOf(request.status),
    category: categoryName ?? null,
    createdAt: request.createdAt.toISOString(),
    updatedAt: request.updatedAt.toISOString(),
    dueAt: request.dueAt?.toISOString() ?? null,
    timeline: toPublicTimeline(events),
    satisfaction: request.satisfactionRating === null ? null : { rating: request.satisfactionRating },
    canRate: canRate(request),
  };
}
