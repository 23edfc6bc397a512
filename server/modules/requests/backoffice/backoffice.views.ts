import type { Static } from 'typebox';
import type { TimelineEventSchema } from '../../../../common/timeline-events';
import type { PostalAddress } from '../../accounts';
import { addCalendarDays, parisDayOf, parisEndOfDay } from '../../organisation';
import type { RequestAttachment } from '../attachments/attachments.repository';
import { eventDataInCents } from '../event-costs';
import { isOpen, phaseOf } from '../lifecycle';
import type { OtherRequestRow, QueueRow } from './queue.repository';
import type { TimelineRow } from './request-detail.repository';

/** A timeline event as the API documents it: the row's type tells its data's schema. */
type TimelineEventView = Static<typeof TimelineEventSchema>;

/** The system's name on the timeline (deadline job, automatic closure…). */
export const systemActorName = 'Guichet';

/** How many days ahead a due date counts as « bientôt dû ». */
export const dueSoonDays = 2;

/** The end of the Paris day `days` days after `now`'s: « dû dans N jours » includes that whole day. */
export function endOfParisDayIn(now: Date, days: number): Date {
  return parisEndOfDay(addCalendarDays(parisDayOf(now), days));
}

export function fullName(firstName: string | null, lastName: string | null): string | null {
  const name = [firstName, lastName]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');
  return name || null;
}

function refOf(id: string | null, name: string | null) {
  return id ? { id, name: name ?? '' } : null;
}

/** Deadline flags computed from the app clock, so a fixed clock in tests moves them. */
export function deadlineFlags(status: QueueRow['status'], dueAt: Date | null, now: Date) {
  if (!dueAt || !isOpen(status)) return { overdue: false, dueSoon: false };
  const overdue = dueAt.getTime() < now.getTime();
  const dueSoon = !overdue && dueAt.getTime() <= endOfParisDayIn(now, dueSoonDays).getTime();
  return { overdue, dueSoon };
}

export function toQueueItem(row: QueueRow, now: Date) {
  return {
    id: row.id,
    reference: row.reference,
    trackingCode: row.trackingCode,
    status: row.status,
    phase: phaseOf(row.status),
    channel: row.channel,
    priority: row.priority,
    subject: row.subject,
    category: refOf(row.categoryId, row.categoryName),
    department: refOf(row.departmentId, row.departmentName),
    assignee: row.assigneeId
      ? { id: row.assigneeId, name: fullName(row.assigneeFirstName, row.assigneeLastName) ?? '' }
      : null,
    requesterName: fullName(row.citizenFirstName, row.citizenLastName) ?? row.contactName ?? null,
    receivedAt: row.receivedAt.toISOString(),
    dueAt: row.dueAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    ...deadlineFlags(row.status, row.dueAt, now),
    version: row.version,
  };
}

/** A timeline event for agents: internal ones included, the actor named, amounts in cents. */
export function toTimelineEvent(row: TimelineRow, requesterName: string | null): TimelineEventView {
  let name: string;
  if (row.actorKind === 'system') name = systemActorName;
  else if (row.actorId) name = fullName(row.actorFirstName, row.actorLastName) ?? '';
  // An anonymous citizen (no account) is the request's contact.
  else if (row.actorKind === 'citizen') name = requesterName ?? 'Demandeur';
  else name = systemActorName;
  return {
    id: row.id,
    at: row.createdAt.toISOString(),
    type: row.type,
    visibility: row.visibility,
    actor: { id: row.actorId, name, kind: row.actorKind },
    body: row.body,
    data: eventDataInCents(row.type, row.data),
  } as TimelineEventView;
}

export function toAttachmentItem(requestId: string, attachment: RequestAttachment) {
  return {
    id: attachment.id,
    fileName: attachment.fileName,
    mediaType: attachment.mediaType,
    sizeBytes: attachment.sizeBytes,
    visibility: attachment.visibility,
    uploadedByKind: attachment.uploadedByKind,
    createdAt: attachment.createdAt.toISOString(),
    downloadUrl: `/api/v1/backoffice/requests/${requestId}/attachments/${attachment.id}`,
  };
}

export function toOtherRequest(row: OtherRequestRow) {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    subject: row.subject,
    receivedAt: row.receivedAt.toISOString(),
    category: refOf(row.categoryId, row.categoryName),
  };
}

export function toPostalAddress(address: PostalAddress | null | undefined) {
  if (!address) return null;
  return {
    line1: address.line1,
    ...(address.line2 ? { line2: address.line2 } : {}),
    postcode: address.postcode,
    city: address.city,
  };
}
