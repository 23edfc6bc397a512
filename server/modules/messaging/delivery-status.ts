import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../app-context';
import type { EventBus } from '../../platform/events/event-bus';
import { realtimeChannels } from '../../platform/events/channels';
import type { ChannelAdapter } from './channel-adapter';
import { appendStatusEvent, findDispatchPayload, queueFallback } from './message-queue';
import { outboundMessages } from './messaging.tables';

export interface DeliveryReport {
  tenantId: string;
  /** The id the channel gave the message (SMTP Message-ID, SMSC message id). */
  providerMessageId: string;
  status: 'delivered' | 'failed';
  error?: string | null;
}

export interface RecordDeliveryOptions {
  now?: Date;
  /** To tell the town's agents live (the request's timeline changed). */
  bus?: EventBus;
  adapters?: readonly ChannelAdapter[];
}

/**
 * A delivery receipt or a bounce: marks the message delivered or failed (once: a final status is
 * not changed again), writes the `message_status` event, and after a failure queues the fallback
 * message on the next channel. Returns the message id, or null when no message has that id.
 */
export async function recordDeliveryStatus(
  ctx: Pick<AppContext, 'db' | 'config'>,
  report: DeliveryReport,
  options: RecordDeliveryOptions = {},
): Promise<{ messageId: string; fallbackId: string | null } | null> {
  const now = options.now ?? new Date();
  const outcome = await ctx.db.transaction(async (tx) => {
    const [message] = await tx
      .select()
      .from(outboundMessages)
      .where(
        and(
          eq(outboundMessages.tenantId, report.tenantId),
          eq(outboundMessages.providerMessageId, report.providerMessageId),
        ),
      )
      .for('update')
      .limit(1);
    if (!message) return null;
    if (message.status === 'delivered' || message.status === 'failed') {
      return { message, fallbackId: null, changed: false };
    }
    const [updated] = await tx
      .update(outboundMessages)
      .set(
        report.status === 'delivered'
          ? { status: 'delivered', deliveredAt: now, updatedAt: now }
          : {
              status: 'failed',
              failedAt: now,
              lastError: report.error ?? 'Échec de remise.',
              updatedAt: now,
            },
      )
      .where(
        and(
          eq(outboundMessages.id, message.id),
          inArray(outboundMessages.status, ['queued', 'sending', 'sent']),
        ),
      )
      .returning();
    await appendStatusEvent(tx, updated!, { providerMessageId: report.providerMessageId });
    let fallbackId: string | null = null;
    if (report.status === 'failed') {
      const payload = await findDispatchPayload(tx, updated!);
      fallbackId = await queueFallback(tx, ctx, updated!, payload, now, options.adapters);
    }
    return { message: updated!, fallbackId, changed: true };
  });
  if (!outcome) return null;
  if (outcome.changed && outcome.message.requestId && options.bus) {
    await options.bus.publish({
      channel: realtimeChannels.tenantAgents(report.tenantId),
      type: 'request.updated',
      data: { id: outcome.message.requestId },
    });
  }
  return { messageId: outcome.message.id, fallbackId: outcome.fallbackId };
}
