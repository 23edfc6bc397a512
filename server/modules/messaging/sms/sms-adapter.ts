import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client';
import { type ChannelAdapter, type DispatchBatch, PermanentDeliveryError } from '../channel-adapter';
import { smsOptOuts } from '../messaging.tables';
import { sendThroughHttpGateway } from './http-gateway';
import { canReceiveSms, normalisePhoneNumber } from './phone-number';
import { countSegments, normaliseSmsText } from './segments';
import { permanentSmppStatuses, SmppStatusError } from './smpp-client';
import { submitThroughSmpp } from './smpp-gateway';
import { smsRouteFor } from './sms-route';

/** The numbers of a batch's SMS, in E.164 (the others fail before the opt-out check). */
function numbersOf(batch: DispatchBatch): string[] {
  const numbers = new Set<string>();
  for (const message of batch.messages) {
    const to =
      message.channel === 'sms' && message.toAddress ? normalisePhoneNumber(message.toAddress) : undefined;
    if (to) numbers.add(to);
  }
  return [...numbers];
}

/** Which of these numbers asked for no more SMS (STOP), in one query. */
async function findOptedOut(db: DbOrTx, tenantId: string, numbers: string[]): Promise<Set<string>> {
  if (numbers.length === 0) return new Set();
  const rows = await db
    .select({ phone: smsOptOuts.phone })
    .from(smsOptOuts)
    .where(and(eq(smsOptOuts.tenantId, tenantId), inArray(smsOptOuts.phone, numbers)));
  return new Set(rows.map((row) => row.phone));
}

/**
 * SMS out: through the town's own SMPP or HTTP gateway settings, else `SMPP_URL`, else
 * `SMS_HTTP_URL` (see sms-route.ts). The
 * number is normalised to E.164; an invalid number, a landline, an opted-out number (STOP), an
 * empty text or no gateway at all are permanent failures (the fallback channel is tried). The
 * text is normalised typographically (’ → ', non-breaking spaces, « » → ") before it is counted
 * and sent; `segments` is the count actually sent, for the cost.
 *
 * In a batch, the opted-out numbers of all its SMS are read in one query, and the route once.
 *
 * At most once: the HTTP gateway gets the message id as `Idempotency-Key`. SMPP has no such key:
 * a message found `sending` after a crash (see `isPossibleDuplicate`) is submitted again with the
 * same concatenation reference, and the core records it as a possible duplicate.
 */
export const smsAdapter: ChannelAdapter = {
  channel: 'sms',
  /** Only where a gateway is configured; unreadable settings count as configured so the failure shows. */
  async isConfigured(ctx, tenantId) {
    try {
      return (await smsRouteFor(ctx, tenantId)) !== undefined;
    } catch {
      return true;
    }
  },
  async send(message, ctx, batch) {
    const raw = message.toAddress ?? '';
    const to = normalisePhoneNumber(raw);
    if (!to) throw new PermanentDeliveryError(`Numéro de téléphone invalide : « ${raw} ».`);
    if (!canReceiveSms(to)) {
      throw new PermanentDeliveryError(
        `Le numéro ${to} n’est pas un numéro de mobile : il ne reçoit pas de SMS.`,
      );
    }
    const optedOut = batch
      ? (await batch.once('sms-opt-outs', () => findOptedOut(ctx.db, batch.tenantId, numbersOf(batch)))).has(
          to,
        )
      : (await findOptedOut(ctx.db, message.tenantId, [to])).has(to);
    if (optedOut)
      throw new PermanentDeliveryError(`Le numéro ${to} a demandé à ne plus recevoir de SMS (STOP).`);
    const text = normaliseSmsText(message.bodyText).trim();
    if (!text) throw new PermanentDeliveryError('Le SMS est vide.');
    const { segments } = countSegments(text);
    if (segments > 255) throw new PermanentDeliveryError(`SMS trop long (${segments} segments).`);
    const route = await (batch
      ? batch.once('sms-route', () => smsRouteFor(ctx, message.tenantId))
      : smsRouteFor(ctx, message.tenantId));
    if (!route) {
      throw new PermanentDeliveryError(
        'Aucune passerelle SMS configurée (réglages des canaux, SMPP_URL ou SMS_HTTP_URL).',
      );
    }
    if (route.kind === 'smpp') {
      try {
        const sent = await submitThroughSmpp(
          ctx,
          { url: route.url, tenantId: route.tenantId },
          { messageId: message.id, to, text, sender: route.sender },
        );
        return { status: 'sent', providerMessageId: sent.providerMessageId, segments };
      } catch (error) {
        if (error instanceof SmppStatusError && permanentSmppStatuses.has(error.status)) {
          throw new PermanentDeliveryError(error.message);
        }
        throw error;
      }
    }
    const providerMessageId = await sendThroughHttpGateway({
      url: route.url,
      token: route.token,
      from: route.sender,
      to,
      text,
      reference: message.id,
    });
    return { status: 'sent', providerMessageId: providerMessageId ?? message.id, segments };
  },
};
