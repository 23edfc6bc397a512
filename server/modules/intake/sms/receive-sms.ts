import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../app-context';
import type { Principal } from '../../../platform/auth/principal';
import type { DbOrTx } from '../../../platform/db/client';
import { AppError } from '../../../platform/http/app-error';
import { findAccountIdsWithPhone, findCitizensWithPhone } from '../../accounts';
import { descriptionMaxLength } from '../../../../common/requests';
import { appendCitizenMessage, findLatestReplyableRequest, submitRequest } from '../../requests';
import type { InboundOutcome } from '../../../../common/messaging';
import type { InboundSms, InboundSmsOutcome } from '../../messaging';
import { normalisePhoneNumber, optInToSms, optOutOfSms, storedFormsOf } from '../../messaging';
import { transaction } from '../../../platform/db/transaction';
import { inboundSubjectOf, requestIdOfInbound } from '../inbound-subject';
import { inboundMessages } from '../intake.tables';

/**
 * One inbound SMS (SMPP deliver_sm or the HTTP gateway's webhook). The `inbound_messages` row is
 * written first, so nothing accepted is lost; then, in one transaction with its outcome:
 * - an invalid sender or an empty text → rejected with the reason;
 * - STOP (« STOP », « stop sms », « arrêt »…) → the number is opted out of SMS; START / ARRET
 *   undone → opted in again;
 * - the sender's most recent request that is not terminal (contact phone or account phone) →
 *   a public `citizen_message` on it, reopening it when it was answered or waiting for them;
 * - otherwise a new request with channel `sms`, waiting for qualification.
 */

export type ReceiveSmsInput = InboundSms;
export type ReceiveSmsResult = InboundSmsOutcome;

const stopWords = new Set([
  'STOP',
  'STOP SMS',
  'STOPSMS',
  'ARRET',
  'ARRET SMS',
  'DESABONNER',
  'DESINSCRIPTION',
  'UNSUBSCRIBE',
]);
const startWords = new Set(['START', 'START SMS', 'ARRET STOP', 'REPRENDRE']);

/** The text reduced to upper-case words without accents or punctuation, to recognise keywords. */
function keywordOf(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

export function isStopMessage(text: string): boolean {
  return stopWords.has(keywordOf(text));
}

export function isStartMessage(text: string): boolean {
  return startWords.has(keywordOf(text));
}

/** The sender's most recent request that can still take a message: contact phone or account phone. */
async function findOpenRequestOfPhone(db: DbOrTx, tenantId: string, phone: string) {
  const phoneForms = storedFormsOf(phone);
  const citizenIds = await findAccountIdsWithPhone(db, tenantId, phoneForms);
  return findLatestReplyableRequest(db, tenantId, { phoneForms, citizenIds });
}

async function findCitizenOfPhone(db: DbOrTx, tenantId: string, phone: string) {
  const found = await findCitizensWithPhone(db, tenantId, storedFormsOf(phone), 2);
  // Two accounts with the same number: nobody can tell which one wrote; the request keeps the number.
  return found.length === 1 ? found[0] : undefined;
}

async function settle(
  db: DbOrTx,
  tenantId: string,
  id: string,
  outcome: InboundOutcome,
  reason: string | null,
  requestId: string | null,
  now: Date,
) {
  await db
    .update(inboundMessages)
    .set({ outcome, outcomeReason: reason, ...inboundSubjectOf(requestId), processedAt: now })
    .where(and(eq(inboundMessages.tenantId, tenantId), eq(inboundMessages.id, id)));
}

function subjectOf(text: string): string {
  const firstLine = text.split('\n')[0]!.trim();
  const short = firstLine.length > 60 ? `${firstLine.slice(0, 59).trimEnd()}…` : firstLine;
  return `SMS : ${short}`;
}

export async function receiveSms(
  ctx: AppContext,
  principal: Principal,
  input: ReceiveSmsInput,
): Promise<ReceiveSmsResult> {
  const now = input.receivedAt ?? ctx.clock.now();
  const text = input.text.replace(/\r\n?/g, '\n').trim();
  const phone = normalisePhoneNumber(input.from);
  const { tenantId } = principal;
  if (input.tenantId !== tenantId) throw new Error('An inbound SMS of another town');

  // 1. The record, before anything else (deduplicated by the gateway's id when it has one).
  const [inserted] = await ctx.db
    .insert(inboundMessages)
    .values({
      tenantId,
      channel: 'sms',
      source: input.source,
      sender: phone ?? input.from.slice(0, 100),
      recipient: input.to ?? null,
      subject: text,
      externalId: input.externalId ?? null,
      sizeBytes: Buffer.byteLength(input.text, 'utf8'),
      receivedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!inserted) {
    const [existing] = await ctx.db
      .select()
      .from(inboundMessages)
      .where(
        and(
          eq(inboundMessages.tenantId, tenantId),
          eq(inboundMessages.channel, 'sms'),
          eq(inboundMessages.externalId, input.externalId ?? ''),
        ),
      )
      .limit(1);
    return {
      inboundMessageId: existing!.id,
      outcome: existing!.outcome,
      reason: existing!.outcomeReason,
      requestId: requestIdOfInbound(existing!),
      duplicate: true,
    };
  }
  const id = inserted.id;
  const result = (
    outcome: InboundOutcome,
    reason: string | null,
    requestId: string | null,
  ): ReceiveSmsResult => ({
    inboundMessageId: id,
    outcome,
    reason,
    requestId,
    duplicate: false,
  });

  try {
    if (!phone) {
      const reason = `Numéro de l’expéditeur invalide : « ${input.from} ».`;
      await settle(ctx.db, tenantId, id, 'rejected', reason, null, now);
      return result('rejected', reason, null);
    }
    if (!text) {
      const reason = 'SMS vide.';
      await settle(ctx.db, tenantId, id, 'rejected', reason, null, now);
      return result('rejected', reason, null);
    }

    // 2. STOP / START.
    if (isStopMessage(text)) {
      await transaction(ctx.db, async (tx) => {
        await optOutOfSms(tx, tenantId, phone, now);
        await settle(tx, tenantId, id, 'opt_out', `${phone} ne recevra plus de SMS de la mairie.`, null, now);
      });
      return result('opt_out', `${phone} ne recevra plus de SMS de la mairie.`, null);
    }
    if (isStartMessage(text)) {
      const reason = `${phone} accepte de nouveau les SMS de la mairie.`;
      await transaction(ctx.db, async (tx) => {
        await optInToSms(tx, tenantId, phone);
        await settle(tx, tenantId, id, 'opt_out', reason, null, now);
      });
      return result('opt_out', reason, null);
    }

    // 3. A reply on the sender's open request.
    const replied = await replyOnOpenRequest(ctx, { tenantId, phone, text, inboundMessageId: id, now });
    if (replied) return result('reply', null, replied);

    // 4. A new request, waiting for qualification.
    const citizen = await findCitizenOfPhone(ctx.db, tenantId, phone);
    const description = text.length > descriptionMaxLength ? text.slice(0, descriptionMaxLength) : text;
    const submitted = await submitRequest(ctx, principal, {
      channel: 'sms',
      awaitsQualification: true,
      subject: subjectOf(text),
      description,
      ...(citizen ? { citizen } : { contact: { name: phone, phone } }),
      receivedAt: now.getTime() > ctx.clock.now().getTime() ? undefined : now,
      inTransaction: async (tx, request) => {
        await settle(tx, tenantId, id, 'request_created', null, request.id, now);
      },
    });
    return result('request_created', null, submitted.id);
  } catch (error) {
    // Accepted, so never lost: the row stays visible to administrators with the reason.
    const reason = `Erreur de traitement : ${(error as Error).message}`.slice(0, 2_000);
    await settle(ctx.db, tenantId, id, 'rejected', reason, null, ctx.clock.now());
    return result('rejected', reason, null);
  }
}

async function replyOnOpenRequest(
  ctx: AppContext,
  input: { tenantId: string; phone: string; text: string; inboundMessageId: string; now: Date },
): Promise<string | null> {
  const { tenantId, text, now } = input;
  const outcome = await transaction(ctx.db, async (tx) => {
    const request = await findOpenRequestOfPhone(tx, tenantId, input.phone);
    if (!request) return null;
    let updated;
    try {
      ({ request: updated } = await appendCitizenMessage(tx, ctx, request, {
        body: text,
        actorId: request.citizenId,
        data: { channel: 'sms', inboundMessageId: input.inboundMessageId },
      }));
    } catch (error) {
      // A concurrent change: the transaction rolls back and the caller records the error.
      if (error instanceof AppError && error.code === 'REQUEST_CHANGED') {
        throw new Error('La demande a changé pendant l’enregistrement du SMS ; réessayez.', { cause: error });
      }
      throw error;
    }
    await settle(tx, input.tenantId, input.inboundMessageId, 'reply', null, request.id, now);
    return updated;
  });
  return outcome?.id ?? null;
}
