import type { ChannelAdapter } from './channel-adapter';
import { emailAdapter } from './email/email-adapter';
import { letterAdapter } from './letters/letter-adapter';
import type { OutboundChannel } from './messaging.tables';
import { portalAdapter } from './portal/portal-adapter';
import { smsAdapter } from './sms/sms-adapter';

/**
 * Every way out, one line each (the SMS and letter modules add theirs). A channel without an
 * adapter here is never chosen by sendToCitizen.
 */
export const channelAdapters: ChannelAdapter[] = [emailAdapter, portalAdapter, letterAdapter, smsAdapter];

export function adapterFor(
  channel: OutboundChannel,
  adapters: readonly ChannelAdapter[] = channelAdapters,
): ChannelAdapter | undefined {
  return adapters.find((adapter) => adapter.channel === channel);
}
