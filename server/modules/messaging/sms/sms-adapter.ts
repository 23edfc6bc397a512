import { and, eq } from 'drizzle-orm';
import { type ChannelAdapter, PermanentDeliveryError } from '../channel-adapter';
import { smsOptOuts } from '../messaging.tables';
import { sendThroughHttpGateway } from './http-gateway';
import { canReceiveSms, normalisePhoneNumber } from './phone-number';
import { countSegments, normaliseSmsText } from './segments';
import { permanentSmppStatuses, SmppStatusError } from './smpp-client';
import { submitThroughSmpp } from './smpp-gateway';
import { smsRouteFor } from './sms-route';

/**
 * SMS out: through the town's own SMPP or HTTP gateway settings, else `SMPP_URL`, else
 * `SMS_HTTP_URL` (see sms-route.ts). The
 * number is normalised to E.164; an invalid number, a landline, an opted-out number (STOP), an
 * empty text or no gateway at all are permanent failures (the fallback channel is tried). The
 * text is normalised typographically (’ → ', non-breaking spaces, « » → ") before it is counted
 * and sent; `segments` is the count actually sent, for the cost.
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
  async send(message, ctx) {
    const raw = message.toAddress ?? '';
    const to = normalisePhoneNumber(raw);
    if (!to) throw new PermanentDeliveryError(`Numéro de téléphone invalide : « ${raw} ».`);
    if (!canReceiveSms(to)) {
      throw new PermanentDeliveryError(
        `Le numéro ${to} n’est pas un numéro de mobile : il ne reçoit pas de SMS.`,
      );
    }
    const [optedOut] = await ctx.db
      .select({ phone: smsOptOuts.phone })
      .from(smsOptOuts)
      .where(and(eq(smsOptOuts.tenantId, message.tenantId), eq(smsOptOuts.phone, to)))
      .limit(1);
    if (optedOut)
      throw new PermanentDeliveryError(`Le numéro ${to} a demandé à ne plus recevoir de SMS (STOP).`);
    const text = normaliseSmsText(message.bodyText).trim();
    if (!text) throw new PermanentDeliveryError('Le SMS est vide.');
    const { segments } = countSegments(text);
    if (segments > 255) throw new PermanentDeliveryError(`SMS trop long (${segments} segments).`);
    const route = await smsRouteFor(ctx, message.tenantId);
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
