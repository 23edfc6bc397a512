import { and, eq } from 'drizzle-orm';
import { realtimeChannels } from '../../../platform/events/channels';
import { type ChannelAdapter, PermanentDeliveryError } from '../channel-adapter';
import { portalNotifications } from '../messaging.tables';

/**
 * A notification in the citizen's account: delivered as soon as it is written. At most once: a
 * retry finds the notification already written for this message and does not add another.
 */
export const portalAdapter: ChannelAdapter = {
  channel: 'portal',
  async send(message, ctx) {
    if (!message.recipientUserId) throw new PermanentDeliveryError('Pas de compte sur le portail.');
    const [existing] = await ctx.db
      .select({ id: portalNotifications.id })
      .from(portalNotifications)
      .where(
        and(
          eq(portalNotifications.tenantId, message.tenantId),
          eq(portalNotifications.outboundMessageId, message.id),
        ),
      )
      .limit(1);
    let id = existing?.id;
    if (!id) {
      const [inserted] = await ctx.db
        .insert(portalNotifications)
        .values({
          tenantId: message.tenantId,
          userId: message.recipientUserId,
          subjectType: message.subjectType,
          subjectId: message.subjectId,
          outboundMessageId: message.id,
          title: message.subject,
          body: message.bodyText,
          createdAt: ctx.clock.now(),
        })
        .returning({ id: portalNotifications.id });
      id = inserted!.id;
    }
    await ctx.bus.publish({
      channel: realtimeChannels.user(message.recipientUserId),
      type: 'notification.created',
      data: { id },
    });
    return { status: 'delivered', providerMessageId: id };
  },
};
