/**
 * Requests as messaging subjects: messages about a request (acknowledgement, answers, notices)
 * point to it, and what becomes of them lands on the request's timeline, written here by the
 * requests module itself (messaging never writes it). Registered through the module's manifest
 * (extension point `messageSubjects`).
 */
import type { DeliveryEvent, MessageSubject, MessageSubjectHandler } from '../messaging';
import type { AppContext } from '../../app-context';
import type { DbOrTx } from '../../platform/db/client';
import { afterCommit } from '../../platform/db/transaction';
import { realtimeChannels } from '../../platform/events/channels';
import { findRequestById, findRequestReferences } from './requests.repository';
import { appendTimelineEvent, systemActor } from './timeline';

export const requestSubjectType = 'request';

export function requestSubject(requestId: string): MessageSubject {
  return { type: requestSubjectType, id: requestId };
}

/**
 * A delivery event on the request's timeline (internal): `message_status` for what happened to a
 * message (or that nobody could be reached), `letter_posted` when its letter left with the print
 * batch. The town's agents see it live once the change commits, except a message just queued:
 * the change that queued it tells them already.
 */
async function recordDelivery(
  tx: DbOrTx,
  ctx: Pick<AppContext, 'bus' | 'clock'>,
  event: DeliveryEvent,
): Promise<void> {
  const request = { id: event.subject.id, tenantId: event.tenantId };
  if (event.kind === 'letter_posted') {
    await appendTimelineEvent(
      tx,
      request,
      { kind: 'agent', id: event.agentId },
      {
        type: 'letter_posted',
        visibility: 'internal',
        data: { messageId: event.messageId, printBatchId: event.printBatchId, batchDate: event.batchDate },
      },
      event.at,
    );
  } else {
    await appendTimelineEvent(
      tx,
      request,
      systemActor,
      {
        type: 'message_status',
        visibility: 'internal',
        body: event.explanation ?? event.error,
        data:
          event.messageId === null
            ? {
                messageKey: event.messageKey,
                templateKey: event.templateKey,
                status: event.status,
                channel: null,
              }
            : {
                messageId: event.messageId,
                channel: event.channel,
                status: event.status,
                attempts: event.attempts,
                costCents: event.costCents,
                error: event.error,
                templateKey: event.templateKey,
                fallbackOfId: event.fallbackOfId ?? null,
                providerMessageId: event.providerMessageId ?? null,
                ...(event.retried ? { retried: true } : {}),
              },
      },
      event.at,
    );
    if (event.status === 'queued' && !event.retried) return;
  }
  afterCommit(tx, () =>
    ctx.bus.publish({
      channel: realtimeChannels.tenantAgents(event.tenantId),
      type: 'request.updated',
      data: { id: event.subject.id },
    }),
  );
}

export const requestSubjectHandler: MessageSubjectHandler = {
  type: requestSubjectType,
  recordDelivery,
  async describe(db, tenantId, ids) {
    const references = await findRequestReferences(db, tenantId, ids);
    return new Map([...references].map(([id, reference]) => [id, { label: reference }]));
  },
  async letterContext(db, tenantId, id) {
    const request = await findRequestById(db, tenantId, id);
    return request ? { reference: request.reference, departmentId: request.departmentId } : undefined;
  },
  acceptsReplies: true,
};
