import type { Readable } from 'node:stream';
import type { SendMailOptions } from 'nodemailer';
import type { AppContext } from '../../../app-context';
import type { Config } from '../../../config';
import {
  type ChannelAdapter,
  type DispatchBatch,
  type OutboundMessage,
  PermanentDeliveryError,
} from '../channel-adapter';
import { mailDomainOf, replyAddressFor } from '../reply-token';
import { subjectHandlerOf } from '../subjects';
import { readChannelSettings } from '../settings/channel-settings.use-cases';
import { smtpTransportOptions } from '../settings/smtp-options';

/** The Message-ID of an outbound message: fixed by its id, so a re-send is recognised downstream. */
export function messageIdFor(messageId: string, config: Config): string {
  return `<${messageId}@${mailDomainOf(config)}>`;
}

interface SmtpError {
  responseCode?: number;
  response?: string;
  code?: string;
}

function smtpErrorOf(error: unknown): SmtpError {
  return typeof error === 'object' && error !== null ? (error as SmtpError) : {};
}

async function attachmentsOf(message: OutboundMessage, ctx: AppContext) {
  const files: { filename: string; contentType: string; content: Readable }[] = [];
  for (const attachment of message.attachments) {
    files.push({
      filename: attachment.fileName,
      contentType: attachment.mediaType,
      content: await ctx.files.open(attachment.storageKey),
    });
  }
  return files;
}

/**
 * Hands the mail to the town's own SMTP relay when an administrator saved one (channel settings;
 * a pooled connection per town, kept by the mailer), else to the instance's mailer (SMTP_URL, or
 * the outbox). A batch reads the town's settings once.
 */
async function transportMail(
  ctx: AppContext,
  tenantId: string,
  mail: SendMailOptions,
  batch: DispatchBatch | undefined,
): Promise<void> {
  const settings = await (batch
    ? batch.once('smtp-settings', () => readChannelSettings(ctx, tenantId, 'smtp'))
    : readChannelSettings(ctx, tenantId, 'smtp'));
  if (!settings?.isEnabled) {
    await ctx.mailer.transport(mail);
    return;
  }
  await ctx.mailer.transportVia(tenantId, smtpTransportOptions(settings.config, settings.secret), {
    from: settings.config.from ?? ctx.config.mailFrom,
    ...mail,
  });
}

/**
 * E-mail through the mailer (SMTP relay, or `.eml` files in the outbox without SMTP_URL). The
 * Message-ID is derived from the message id, so a message re-sent after a crash carries the same
 * one and receivers deduplicate it. A 5xx reply is permanent (fallback); a 4xx or a connection
 * error is retried by the jobs queue.
 */
export const emailAdapter: ChannelAdapter = {
  channel: 'email',
  async send(message, ctx, batch) {
    if (!message.toAddress) throw new PermanentDeliveryError('Aucune adresse électronique connue.');
    const messageId = messageIdFor(message.id, ctx.config);
    let attachments;
    try {
      attachments = await attachmentsOf(message, ctx);
    } catch (error) {
      throw new PermanentDeliveryError(`Pièce jointe introuvable : ${(error as Error).message}`);
    }
    try {
      await transportMail(
        ctx,
        message.tenantId,
        {
          to: message.toAddress,
          subject: message.subject,
          text: message.bodyText,
          html: message.bodyHtml ?? undefined,
          messageId,
          replyTo:
            message.subjectId && subjectHandlerOf(ctx, message.subjectType)?.acceptsReplies
              ? replyAddressFor(ctx.config, message.subjectId)
              : undefined,
          attachments,
          headers: {
            'X-Guichet-Message-Key': message.messageKey,
            // RFC 3834: automatic responders must not answer (no reply loops).
            'Auto-Submitted': 'auto-generated',
          },
        },
        batch,
      );
    } catch (error) {
      const smtp = smtpErrorOf(error);
      if (smtp.responseCode && smtp.responseCode >= 500 && smtp.responseCode < 600) {
        throw new PermanentDeliveryError(
          `Refusé par le relais SMTP (${smtp.responseCode}) : ${smtp.response ?? (error as Error).message}`,
        );
      }
      throw error;
    }
    return { status: 'sent', providerMessageId: messageId };
  },
};
