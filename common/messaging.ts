/** The value lists of messaging that the server and the web app share. */

/** The ways a message goes out to a citizen. */
export const outboundChannels = ['email', 'sms', 'letter', 'portal'] as const;
export type OutboundChannel = (typeof outboundChannels)[number];

/** The channels a message can go out by before a letter, in the default fallback order. */
export const digitalChannels = ['sms', 'email', 'portal'] as const;
export type DigitalChannel = (typeof digitalChannels)[number];

/** queued → sending (handed to the relay, outcome unknown) → sent → delivered | failed. */
export const deliveryStatuses = ['queued', 'sending', 'sent', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** What became of an inbound e-mail or SMS. */
export const inboundOutcomes = [
  'pending',
  'request_created',
  'reply',
  'bounce',
  'auto_reply',
  'opt_out',
  'rejected',
] as const;
export type InboundOutcome = (typeof inboundOutcomes)[number];

export const channelSettingKinds = ['smtp', 'imap', 'smpp', 'sms_http'] as const;
export type ChannelSettingKind = (typeof channelSettingKinds)[number];

export function isOutboundChannel(value: unknown): value is OutboundChannel {
  return typeof value === 'string' && (outboundChannels as readonly string[]).includes(value);
}

export function isDeliveryStatus(value: unknown): value is DeliveryStatus {
  return typeof value === 'string' && (deliveryStatuses as readonly string[]).includes(value);
}
