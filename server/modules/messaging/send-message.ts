import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../app-context';
import type { DbOrTx } from '../../platform/db/client';
import { AppError } from '../../platform/http/app-error';
import { appendEvent } from '../requests/requests.repository';
import { channelAdapters } from './adapters';
import type { ChannelAdapter } from './channel-adapter';
import {
  candidateChannels,
  queueMessage,
  resolveRecipient,
  tenantSettingsOf,
  type CitizenRecipient,
  type MessageAttachment,
} from './message-queue';
import { outboundMessages, type OutboundChannel } from './messaging.tables';
import { defaultTemplates, isTemplateKey, type TemplateKey } from './templates/default-templates';

export { recordDeliveryStatus } from './delivery-status';
export { recipientOfRequest } from '../requests/request-recipient';
export { dispatchMessageJobType, type CitizenRecipient, type MessageAttachment } from './message-queue';

const channelNames: Record<OutboundChannel, string> = {
  email: 'e-mail',
  sms: 'SMS',
  portal: 'portail',
  letter: 'courrier postal',
};

export interface SendToCitizenInput {
  tenantId: string;
  /** Idempotency key, unique per tenant: a second call with the same key changes nothing. */
  key: string;
  requestId?: string | null;
  recipient: CitizenRecipient;
  template: { key: TemplateKey; variables: Record<string, string> };
  attachments?: MessageAttachment[];
  /** The only channels allowed (account mails go by e-mail only); absent: any. */
  channels?: readonly OutboundChannel[];
}

export interface SendToCitizenResult {
  /** The queued message (one), or none when no channel can reach the recipient. */
  messageIds: string[];
}

/**
 * Queues one message to a citizen inside the caller's transaction: picks the channel (preferred,
 * then the town's order, by default `sms → email → portal`, then a letter), renders the tenant's template for it, records the
 * message (`queued`, with its cost) and its `message.dispatch` job. Sending happens in the
 * worker. When nothing can reach the recipient, the request's timeline says so and no message
 * is queued.
 */
export async function sendToCitizen(
  tx: DbOrTx,
  ctx: Pick<AppContext, 'clock' | 'config'>,
  input: SendToCitizenInput,
  adapters: readonly ChannelAdapter[] = channelAdapters,
): Promise<SendToCitizenResult> {
  if (!isTemplateKey(input.template.key)) {
    throw new AppError('VALIDATION_FAILED', `Unknown message template "${input.template.key}".`);
  }
  const [existing] = await tx
    .select({ id: outboundMessages.id })
    .from(outboundMessages)
    .where(and(eq(outboundMessages.tenantId, input.tenantId), eq(outboundMessages.messageKey, input.key)))
    .limit(1);
  if (existing) return { messageIds: [existing.id] };

  const recipient = await resolveRecipient(tx, input.tenantId, input.recipient);
  const settings = await tenantSettingsOf(tx, input.tenantId);
  const [channel] = await candidateChannels(tx, { db: tx, config: ctx.config }, input.tenantId, recipient, {
    adapters,
    only: input.channels,
    settings,
  });
  const now = ctx.clock.now();
  if (!channel) {
    if (input.requestId) {
      await appendEvent(tx, {
        tenantId: input.tenantId,
        requestId: input.requestId,
        type: 'message_status',
        actorKind: 'system',
        visibility: 'internal',
        body: input.channels
          ? `Message «\u00a0${defaultTemplates[input.template.key].label}\u00a0» non envoyé\u00a0: le demandeur ne peut être joint par aucun des canaux prévus pour ce message (${input.channels.map((channel) => channelNames[channel]).join(', ')}).`
          : 'Aucun moyen de joindre le demandeur (ni adresse électronique, ni téléphone, ni compte, ni adresse postale).',
        data: { messageKey: input.key, templateKey: input.template.key, status: 'failed', channel: null },
        createdAt: now,
      });
    }
    return { messageIds: [] };
  }
  const id = await queueMessage(tx, {
    tenantId: input.tenantId,
    key: input.key,
    requestId: input.requestId ?? null,
    recipient,
    channel,
    templateKey: input.template.key,
    variables: input.template.variables,
    attachments: input.attachments ?? [],
    tried: [],
    only: input.channels,
    unitCostsCents: settings.unitCostsCents,
    now,
  });
  return { messageIds: [id] };
}
