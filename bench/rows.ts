/**
 * Turns a generated request into the rows the requests module stores: the request (ids resolved,
 * search text kept as the use cases keep it) and its timeline events. Shared by the bulk loader
 * and the demo seeding, so both write what the intake and the back-office actions would.
 */
import { randomUUID } from 'node:crypto';
import type { NewRequest, NewRequestEvent } from '../server/modules/requests/requests.repository';
import type { GeneratedPerson, GeneratedRequest } from './generator';

export interface TownIds {
  tenantId: string;
  categoryIds: ReadonlyMap<string, string>;
  departmentIds: ReadonlyMap<string, string>;
  /** Agents of each department (by code); a request's `assigneeSlot` picks among them. */
  agentsByDepartment: ReadonlyMap<string, readonly string[]>;
  receptionId: string;
  signatoryId: string;
  /** The account and person of a citizen of the pool. */
  citizenOf(index: number): { id: string; person: GeneratedPerson };
}

export interface RequestRows {
  request: NewRequest & { id: string };
  events: NewRequestEvent[];
}

/** Ids of recent requests by index, for duplicates (which point at one of the last few hundred). */
export class RecentIds {
  private readonly ids: string[];

  constructor(private readonly size = 1024) {
    this.ids = new Array<string>(size);
  }

  set(index: number, id: string): void {
    this.ids[index % this.size] = id;
  }

  get(index: number): string | undefined {
    return this.ids[index % this.size];
  }
}

export function buildRequestRows(generated: GeneratedRequest, town: TownIds, recent: RecentIds): RequestRows {
  const id = randomUUID();
  recent.set(generated.index, id);
  const categoryId = town.categoryIds.get(generated.categoryCode) ?? null;
  const departmentId = town.departmentIds.get(generated.departmentCode) ?? null;
  const agents = town.agentsByDepartment.get(generated.departmentCode) ?? [];
  const assigneeId =
    generated.assigneeSlot !== null && agents.length > 0
      ? agents[generated.assigneeSlot % agents.length]!
      : null;
  const citizen = generated.citizenIndex === null ? null : town.citizenOf(generated.citizenIndex);
  const citizenText = citizen
    ? `${citizen.person.firstName} ${citizen.person.lastName} ${citizen.person.email}`
    : '';

  const request: RequestRows['request'] = {
    id,
    tenantId: town.tenantId,
    reference: generated.reference,
    trackingCode: generated.trackingCode,
    channel: generated.channel,
    categoryId,
    departmentId,
    assigneeId,
    priority: generated.priority,
    status: generated.status,
    subject: generated.subject,
    description: generated.description,
    locationAddress: generated.locationAddress,
    latitude: generated.latitude,
    longitude: generated.longitude,
    citizenId: citizen?.id ?? null,
    contact: generated.contact,
    searchExtra: [citizenText, generated.messagesText].filter(Boolean).join(' '),
    dueAt: generated.dueAt,
    receivedAt: generated.receivedAt,
    qualifiedAt: generated.qualifiedAt,
    treatmentStartedAt: generated.treatmentStartedAt,
    answeredAt: generated.answeredAt,
    closedAt: generated.closedAt,
    duplicateOfId:
      generated.duplicateOfIndex === null ? null : (recent.get(generated.duplicateOfIndex) ?? null),
    rejectionReason: generated.rejectionReason,
    satisfactionRating: generated.satisfactionRating,
    satisfactionComment: generated.satisfactionComment,
    version: generated.events.length,
    createdAt: generated.receivedAt,
    updatedAt: generated.updatedAt,
  };
  if (request.duplicateOfId === null && generated.status === 'duplicate') {
    // The original fell out of the window of recent ids: keep the row coherent as a rejection.
    request.status = 'rejected';
    request.rejectionReason = 'Doublon d’une demande plus ancienne.';
  }

  const events: NewRequestEvent[] = generated.events.map((event) => {
    const actorId =
      event.actor === 'requester'
        ? (citizen?.id ?? null)
        : event.actor === 'assignee'
          ? (assigneeId ?? town.receptionId)
          : event.actor === 'reception'
            ? town.receptionId
            : event.actor === 'signatory'
              ? town.signatoryId
              : null;
    let data = event.data;
    if (event.type === 'created') data = { ...data, categoryId, departmentId };
    else if (event.type === 'qualified') data = { ...data, categoryId, departmentId };
    else if (event.type === 'assigned') data = { ...data, assigneeId };
    else if (event.type === 'status_changed' && event.data.to === 'duplicate') {
      data = { ...data, duplicateOfId: request.duplicateOfId };
    }
    return {
      tenantId: town.tenantId,
      requestId: id,
      type: event.type,
      actorId,
      actorKind: event.actorKind,
      visibility: event.visibility,
      body: event.body,
      data,
      createdAt: event.at,
    };
  });
  return { request, events };
}
