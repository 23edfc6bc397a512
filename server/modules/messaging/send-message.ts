import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../app-context';
import type { DbOrTx } from '../../platform/db/client';
import { AppError } from '../../platform/http/app-error';
import { findTenantSettings, type TenantSettings } from '../organisation';
import type { ChannelAdapter } from './channel-adapter';
import {
  candidateChannels,
  queueMessage,
  resolveRecipient,
  type CitizenRecipient,
  type MessageAttachment,
} from './message-queue';
import { type OutboundChannel, outboundMessages } from './messaging.tables';
import { type MessageSubject, publishDeliveryEvent } from './subjects';
import { templateRegistryOf } from './templates/template-registry';

const channelNames: Record<OutboundChannel, string> = {
  email: 'e-mail',
  sms: 'SMS',
  portal: 'portail',
  letter: 'courrier postal',
};

export type MessagingContext = Pick<AppContext, 'clock' | 'config' | 'modules' | 'bus'>;

export interface SendToCitizenInput {
  tenantId: string;
  /** Idempotency key, unique per tenant: a second call with the same key changes nothing. */
  key: string;
  /** What the message is about: its owner hears of what becomes of the message. */
  subject?: MessageSubject | null;
  recipient: CitizenRecipient;
  /** A template some module registered, and its variables. */
  template: { key: string; variables: Record<string, string> };
  attachments?: MessageAttachment[];
  /** The only channels allowed (account mails go by e-mail only); absent: any. */
  channels?: readonly OutboundChannel[];
  /**
   * The key names a subject created in the caller's transaction (a new request's
   * acknowledgement): no message can have it yet, so it is not looked up first.
   */
  keyIsNew?: boolean;
  /** The town's settings when the caller has them already (else read). */
  settings?: Readonly<TenantSettings>;
}

export interface SendToCitizenResult {
  /** The queued message (one), or none when no channel can reach the recipient. */
  messageIds: string[];
}

/**
 * Queues one message to a citizen inside the caller's transaction (opened with `transaction()`):
 * picks the channel (preferred, then the town's order, by default `sms → email → portal`, then a
 * letter), renders the town's template for it, records the message (`queued`, with its cost) and
 * its `message.dispatch` job. Sending happens in the worker. When nothing can reach the recipient,
 * no message is queued and the subject's owner hears it (a request's timeline says so).
 */
export async function sendToCitizen(
  tx: DbOrTx,
  ctx: MessagingContext,
  input: SendToCitizenInput,
  adapters?: readonly ChannelAdapter[],
): Promise<SendToCitizenResult> {
  const definition = templateRegistryOf(ctx).find(input.template.key);
  if (!definition) {
    throw new AppError('VALIDATION_FAILED', `Unknown message template "${input.template.key}".`);
  }
  if (!input.keyIsNew) {
    const [existing] = await tx
      .select({ id: outboundMessages.id })
      .from(outboundMessages)
      .where(and(eq(outboundMessages.tenantId, input.tenantId), eq(outboundMessages.messageKey, input.key)))
      .limit(1);
    if (existing) return { messageIds: [existing.id] };
  }

  const channelContext = { db: tx, config: ctx.config, modules: ctx.modules };
  const recipient = await resolveRecipient(channelContext, input.tenantId, input.recipient);
  const settings = input.settings ?? (await findTenantSettings(tx, input.tenantId));
  const [channel] = await candidateChannels(channelContext, input.tenantId, recipient, {
    ...(adapters ? { adapters } : {}),
    only: input.channels,
    settings,
  });
  const now = ctx.clock.now();
  if (!channel) {
    if (input.subject) {
      await publishDeliveryEvent(tx, ctx, {
        kind: 'status',
        tenantId: input.tenantId,
        subject: input.subject,
        messageId: null,
        messageKey: input.key,
        templateKey: input.template.key,
        channel: null,
        status: 'failed',
        attempts: 0,
        costCents: null,
        error: null,
        explanation: input.channels
          ? `Message «\u00a0${definition.label}\u00a0» non envoyé\u00a0: le demandeur ne peut être joint par aucun des canaux prévus pour ce message (${input.channels.map((name) => channelNames[name]).join(', ')}).`
          : 'Aucun moyen de joindre le demandeur (ni adresse électronique, ni téléphone, ni compte, ni adresse postale).',
        at: now,
      });
    }
    return { messageIds: [] };
  }
  const id = await queueMessage(
    tx,
    { ...channelContext, bus: ctx.bus, clock: ctx.clock },
    {
      tenantId: input.tenantId,
      key: input.key,
      subject: input.subject ?? null,
      recipient,
      channel,
      templateKey: input.template.key,
      variables: input.template.variables,
      attachments: input.attachments ?? [],
      tried: [],
      only: input.channels,
      unitCostsCents: settings.unitCostsCents,
      now,
    },
  );
  return { messageIds: [id] };
}
