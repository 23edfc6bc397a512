import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config';
import type { Db, DbOrTx } from '../db/client';
import { enqueue } from '../jobs/job-runner';
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

export interface Mailer {
  /** Sends now (called by the `email.send` job), at most once per key once recorded. */
  send(email: OutgoingEmail): Promise<void>;
  close(): Promise<void>;
}

/**
 * With SMTP_URL, mail goes to that relay. Without it, each message is written to
 * DATA_DIR/outbox/<time>-<key>.eml and logged, so a newcomer can open the links.
 */
export function createMailer(config: Config, db: Db, log: (message: string) => void = () => {}): Mailer {
  const outbox = path.join(config.dataDir, 'outbox');
  const transporter: Transporter = config.smtpUrl
    ? nodemailer.createTransport(config.smtpUrl)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

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
        mkdirSync(outbox, { recursive: true });
        const file = path.join(outbox, `${Date.now()}-${email.key.replace(/[^\w.-]+/g, '_')}.eml`);
        writeFileSync(file, (info as unknown as { message: Buffer }).message);
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
    async close() {
      transporter.close();
    },
  };
}

export const sendEmailJobType = 'email.send';

/** Queue an e-mail inside the caller's transaction (job `email.send`, deduplicated by key). */
export async function enqueueEmail(tx: DbOrTx, email: OutgoingEmail): Promise<void> {
  await enqueue(tx, {
    type: sendEmailJobType,
    tenantId: email.tenantId ?? null,
    payload: { ...email },
    idempotencyKey: `email:${email.key}`,
  });
}
