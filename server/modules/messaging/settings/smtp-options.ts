import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { SmtpSettings } from './channel-settings.schemas';

/** A town's saved SMTP settings as nodemailer options (sending and the « Tester » button alike). */
export function smtpTransportOptions(settings: SmtpSettings, secret: string | null): SMTPTransport.Options {
  const { host, port, security, user } = settings;
  return {
    host,
    port,
    secure: security === 'tls',
    requireTLS: security === 'starttls',
    ignoreTLS: security === 'none',
    auth: user ? { user, pass: secret ?? '' } : undefined,
  };
}
