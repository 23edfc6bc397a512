/**
 * Messages, portal notifications and inbound items are about a subject: a request, an account,
 * and later a registration, a payment, a broadcast… Messaging knows subjects only as a type and
 * an id. The module that owns a type of subject registers a handler (extension point
 * `messageSubjects`): it records what happened to a message on its own timeline, names its
 * subjects in lists, and tells what a letter about one prints. Messaging never writes another
 * module's rows.
 */
import type { DeliveryStatus, OutboundChannel } from '../../../common/messaging';
import type { AppContext } from '../../app-context';
import type { DbOrTx } from '../../platform/db/client';

/** What a message is about. */
export interface MessageSubject {
  /** `request`, `account`… (the owner's name for it). */
  type: string;
  id: string;
}

/** A change of a message, as its subject's owner hears of it (in the transaction of the change). */
export type DeliveryEvent =
  | {
      kind: 'status';
      tenantId: string;
      subject: MessageSubject;
      /** Null when no message could be queued at all (nobody reachable on the channels allowed). */
      messageId: string | null;
      messageKey: string;
      templateKey: string | null;
      /** Null when no channel could reach the recipient. */
      channel: OutboundChannel | null;
      status: DeliveryStatus;
      attempts: number;
      costCents: number | null;
      error: string | null;
      providerMessageId?: string | null;
      fallbackOfId?: string | null;
      /** Queued again by an administrator after it failed. */
      retried?: boolean;
      /** A French sentence for the timeline when the message could not be sent at all. */
      explanation?: string;
      at: Date;
    }
  | {
      kind: 'letter_posted';
      tenantId: string;
      subject: MessageSubject;
      messageId: string;
      printBatchId: string;
      batchDate: string;
      /** The agent who marked the batch posted. */
      agentId: string;
      at: Date;
    };

export interface SubjectDescription {
  /** How lists name it (a request's reference). */
  label: string;
}

/** What a letter about the subject prints beside the town's letterhead. */
export interface LetterContext {
  reference: string | null;
  /** The department writing (its letterhead and contact details), when the subject has one. */
  departmentId: string | null;
}

export interface MessageSubjectHandler {
  type: string;
  /** Records a delivery event on the subject (its timeline), in the caller's transaction. */
  recordDelivery?(tx: DbOrTx, ctx: Pick<AppContext, 'bus' | 'clock'>, event: DeliveryEvent): Promise<void>;
  /** Names subjects of this type for lists (admin pages), by id. */
  describe?(db: DbOrTx, tenantId: string, ids: readonly string[]): Promise<Map<string, SubjectDescription>>;
  letterContext?(db: DbOrTx, tenantId: string, id: string): Promise<LetterContext | undefined>;
  /** E-mails about it carry the signed reply address, so that the citizen's reply comes back to it. */
  acceptsReplies?: boolean;
}

declare module '../../platform/modules/module-manifest' {
  interface ModuleExtensions {
    /** The types of subject a module owns, with what messaging needs of them. */
    messageSubjects: readonly MessageSubjectHandler[];
  }
}

export function subjectHandlerOf(
  ctx: Pick<AppContext, 'modules'>,
  type: string | null | undefined,
): MessageSubjectHandler | undefined {
  if (!type) return undefined;
  return ctx.modules
    .extensions('messageSubjects')
    .flat()
    .find((handler) => handler.type === type);
}

/** Hands a delivery event to the subject's owner; a subject without a handler keeps none. */
export async function publishDeliveryEvent(
  tx: DbOrTx,
  ctx: Pick<AppContext, 'bus' | 'clock' | 'modules'>,
  event: DeliveryEvent,
): Promise<void> {
  await subjectHandlerOf(ctx, event.subject.type)?.recordDelivery?.(tx, ctx, event);
}

/** The subject of a stored row (type and id columns), or null. */
export function subjectOf(row: {
  subjectType: string | null;
  subjectId: string | null;
}): MessageSubject | null {
  return row.subjectType && row.subjectId ? { type: row.subjectType, id: row.subjectId } : null;
}

/** Labels of the subjects of some rows, for a list: `type:id` → description. */
export async function describeSubjects(
  ctx: Pick<AppContext, 'modules'>,
  db: DbOrTx,
  tenantId: string,
  subjects: readonly (MessageSubject | null)[],
): Promise<Map<string, SubjectDescription>> {
  const idsByType = new Map<string, Set<string>>();
  for (const subject of subjects) {
    if (!subject) continue;
    idsByType.set(subject.type, (idsByType.get(subject.type) ?? new Set()).add(subject.id));
  }
  const described = new Map<string, SubjectDescription>();
  for (const [type, ids] of idsByType) {
    const found = await subjectHandlerOf(ctx, type)?.describe?.(db, tenantId, [...ids]);
    for (const [id, description] of found ?? []) described.set(`${type}:${id}`, description);
  }
  return described;
}

export function subjectKey(subject: MessageSubject): string {
  return `${subject.type}:${subject.id}`;
}

/** A subject as the API shows it: what it is, and how lists name it. */
export interface SubjectView {
  type: string;
  id: string;
  /** A request's reference; null when its owner gives no name. */
  label: string | null;
}

export function toSubjectView(
  subject: MessageSubject | null,
  labels?: ReadonlyMap<string, SubjectDescription>,
): SubjectView | null {
  if (!subject) return null;
  return { type: subject.type, id: subject.id, label: labels?.get(subjectKey(subject))?.label ?? null };
}
