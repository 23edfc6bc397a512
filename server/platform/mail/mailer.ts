import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { Config } from '../../config';
import type { Db } from '../db/client';
import { writeFileAtomically } from '../storage/atomic-file';
import { sentEmails } from './mail.tables';

export interface OutgoingEmail {
  /** Idempotency key: a message with a key already sent is not sent again. */
  key: string;
  tenantId?: string | null;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** What the relay said about one message handed over by `transport`. */
export interface TransportResult {
  messageId: string;
  /** The relay's final reply (`250 OK…`), or the outbox file in outbox mode. */
  response: string;
}

export interface Mailer {
  /** Sends a legacy `email.send` job's message, at most once per key once recorded. */
  send(email: OutgoingEmail): Promise<void>;
  /**
   * Hands one fully built message (From defaults to MAIL_FROM) to the relay or the outbox, with
   * no bookkeeping: the messaging pipeline keeps its own state. Rejects with nodemailer's error
   * (`responseCode` set when the relay answered 4xx/5xx).
   */
  transport(message: SendMailOptions): Promise<TransportResult>;
  /**
   * The same through another relay (a town's own SMTP settings): one pooled transporter per
   * `poolKey`, replaced (and its connections closed) when `options` change, all closed by `close`.
   */
  transportVia(
    poolKey: string,
    options: SMTPTransport.Options,
    message: SendMailOptions,
  ): Promise<TransportResult>;
  close(): Promise<void>;
}

/**
 * Keeps SMTP connections open between messages (`pool=true`) unless SMTP_URL says otherwise: a new
 * connection per message cost about 120 ms against a local relay, a pooled one about 14 ms. Up to
 * SMTP_MAX_CONNECTIONS at once (nodemailer's default, 5, bounded a batch of e-mails to a local sink
 * at about 110 a second on the development machine; 16 doubled it), unless SMTP_URL sets
 * `maxConnections` itself.
 */
function pooled(smtpUrl: string, maxConnections: number): string {
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  if (!url.searchParams.has('maxConnections')) url.searchParams.set('maxConnections', String(maxConnections));
  return url.toString();
}

/** The outbox file of a message: named by its Message-ID (or key), so a re-send replaces it. */
export function outboxFileName(messageIdOrKey: string): string {
  return `${messageIdOrKey.replace(/[^\w.-]+/g, '_').replace(/^[._]+|_+$/g, '')}.eml`;
}

/**
 * With SMTP_URL, mail goes to that relay. Without it, each message is written to
 * DATA_DIR/outbox/<Message-ID>.eml and logged, so a newcomer can open the links. The file is
 * written atomically (platform/storage/atomic-file.ts: `outbox/.tmp/*.part`, fsync, rename): a
 * crash never leaves a partial `.eml`, and a message re-sent after one (same Message-ID, see the
 * e-mail adapter) replaces its file rather than adding a second copy.
 */
export function createMailer(config: Config, db: Db, log: (message: string) => void = () => {}): Mailer {
  const outbox = path.join(config.dataDir, 'outbox');
  const outboxTemporaryDir = path.join(outbox, '.tmp');
  const writeToOutbox = async (name: string, message: Buffer): Promise<string> => {
    const file = path.join(outbox, outboxFileName(name));
    await writeFileAtomically(file, message, outboxTemporaryDir);
    return file;
  };
  const transporter: Transporter = config.smtpUrl
    ? nodemailer.createTransport(pooled(config.smtpUrl, config.smtpMaxConnections))
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const relays = new Map<string, { fingerprint: string; transporter: Transporter }>();

  return {
    async send(email) {
      const [already] = await db
        .select()
        .from(sentEmails)
        .where(eq(sentEmails.messageKey, email.key))
        .limit(1);
      if (already) return;
      const info = await transporter.sendMail({
        from: config.mailFrom,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        headers: { 'X-Guichet-Message-Key': email.key },
      });
      if (!config.smtpUrl) {
        const file = await writeToOutbox(email.key, (info as unknown as { message: Buffer }).message);
        log(`e-mail to ${email.to} «${email.subject}» written to ${file}`);
      }
      await db
        .insert(sentEmails)
        .values({
          messageKey: email.key,
          tenantId: email.tenantId ?? null,
          recipient: email.to,
          subject: email.subject,
          transportMessageId: info.messageId ?? null,
        })
        .onConflictDoNothing();
    },
    async transport(message) {
      const info = await transporter.sendMail({ from: config.mailFrom, ...message });
      if (config.smtpUrl) return { messageId: info.messageId, response: String(info.response ?? '') };
      const file = await writeToOutbox(
        String(info.messageId ?? randomUUID()),
        (info as unknown as { message: Buffer }).message,
      );
      log(`e-mail to ${String(message.to)} «${String(message.subject)}» written to ${file}`);
      return { messageId: info.messageId, response: file };
    },
    async transportVia(poolKey, options, message) {
      const fingerprint = JSON.stringify(options);
      let relay = relays.get(poolKey);
      if (relay?.fingerprint !== fingerprint) {
        relay?.transporter.close();
        relay = {
          fingerprint,
          transporter: nodemailer.createTransport({
            maxConnections: config.smtpMaxConnections,
            ...options,
            pool: true,
          }),
        };
        relays.set(poolKey, relay);
      }
      const info = await relay.transporter.sendMail({ from: config.mailFrom, ...message });
      return { messageId: info.messageId, response: String(info.response ?? '') };
    },
    async close() {
      transporter.close();
      for (const relay of relays.values()) relay.transporter.close();
      relays.clear();
    },
  };
}

/**
 * Jobs of this type were queued by versions before the messaging pipeline; nothing queues them any
 * more (every message goes through `sendToCitizen`), but a database upgraded with some still
 * waiting gets them sent, once per key.
 */
export const sendEmailJobType = 'email.send';
