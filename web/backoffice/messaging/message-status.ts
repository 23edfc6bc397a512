import { isDeliveryStatus, isOutboundChannel } from '../../../common/messaging';
import { t } from '../../i18n/fr';

/** The line a `message_status` timeline event shows: « Courriel · Envoyé · 2 tentatives ». */
export function messageStatusDetail(data: Record<string, unknown>): string {
  const labels = t.messaging.messages;
  const parts: string[] = [];
  if (typeof data.channel === 'string') {
    parts.push(isOutboundChannel(data.channel) ? labels.channel[data.channel] : data.channel);
  }
  if (typeof data.status === 'string') {
    parts.push(isDeliveryStatus(data.status) ? labels.status[data.status] : data.status);
  }
  if (typeof data.attempts === 'number' && data.attempts > 1) parts.push(labels.attempts(data.attempts));
  if (data.fallbackOfId) parts.push(labels.fallbackOf);
  return parts.join(' · ');
}
