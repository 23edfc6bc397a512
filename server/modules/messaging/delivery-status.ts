import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../app-context';
import { transaction } from '../../platform/db/transaction';
import type { ChannelAdapter } from './channel-adapter';
import { findDispatchPayload, isMessage, queueFallback, recordStatusChange } from './message-queue';
import { outboundMessages } from './messaging.tables';
import { type MessageSubject, subjectOf } from './subjects';

export interface DeliveryReport {
  tenantId: string;
  /** The id the channel gave the message (SMTP Message-ID, SMSC message id). */
  providerMessageId: string;
  status: 'delivered' | 'failed';
  error?: string | null;
}

export interface RecordDeliveryOptions {
  now?: Date;
  adapters?: readonly ChannelAdapter[];
}

/**
 * A delivery receipt or a bounce: marks the message delivered or failed (once: a final status is
 * not changed again), tells the message's subject (a request's timeline), and after a failure
 * queues the fallback message on the next channel. Returns the message id and what it is
 * about, or null when no message has that id.
 */
export async function recordDeliveryStatus(
  ctx: Pick<AppContext, 'db' | 'config' | 'modules' | 'bus' | 'clock'>,
  report: DeliveryReport,
  options: RecordDeliveryOptions = {},
): Promise<{ messageId: string; fallbackId: string | null; subject: MessageSubject | null } | null> {
  const now = options.now ?? ctx.clock.now();
  return transaction(ctx.db, async (tx) => {
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
      return { messageId: message.id, fallbackId: null, subject: subjectOf(message) };
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
      .where(and(isMessage(message), inArray(outboundMessages.status, ['queued', 'sending', 'sent'])))
      .returning();
    const channelContext = { ...ctx, db: tx };
    await recordStatusChange(tx, channelContext, updated!);
    let fallbackId: string | null = null;
    if (report.status === 'failed') {
      const payload = await findDispatchPayload(channelContext, updated!);
      fallbackId = await queueFallback(tx, channelContext, updated!, payload, now, options.adapters);
    }
    return { messageId: updated!.id, fallbackId, subject: subjectOf(updated!) };
  });
}
