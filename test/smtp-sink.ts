import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message caught by the sink, parsed. */
export interface CaughtMessage {
  /** Envelope recipients (RCPT TO), lower-cased. */
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:PORT`, for SMTP_URL. */
  url: string;
  /** Every message received so far, in order. */
  messages: CaughtMessage[];
  /** Resolves with the first message (already caught or to come) matching `predicate`. */
  waitForMessage(predicate: (message: CaughtMessage) => boolean, timeoutMs?: number): Promise<CaughtMessage>;
  close(): Promise<void>;
}

function addressText(address: AddressObject | AddressObject[] | undefined): string {
  if (!address) return '';
  return (Array.isArray(address) ? address : [address]).map((item) => item.text).join(', ');
}

/**
 * A real SMTP server on a free local port (no TLS, authentication optional) that keeps what it
 * receives: tests point SMTP_URL at it and read the mails the app really sent.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: CaughtMessage[] = [];
  const waiters = new Set<{
    predicate: (message: CaughtMessage) => boolean;
    resolve: (m: CaughtMessage) => void;
  }>();

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const message: CaughtMessage = {
            to: session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase()),
            from: addressText(parsed.from),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            headers: parsed.headers,
          };
          messages.push(message);
          for (const waiter of waiters) {
            if (waiter.predicate(message)) {
              waiters.delete(waiter);
              waiter.resolve(message);
            }
          }
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitForMessage(predicate, timeoutMs = 5_000) {
      const caught = messages.find(predicate);
      if (caught) return Promise.resolve(caught);
      return new Promise((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (message: CaughtMessage) => {
            clearTimeout(timer);
            resolve(message);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`No matching message within ${timeoutMs} ms (${messages.length} received)`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The token of the first link to `page` (e.g. `/confirmer-email`) in a caught message's text. */
export function tokenOfLink(message: CaughtMessage, page: string): string {
  const links = message.text.match(/https?:\/\/\S+/g) ?? [];
  for (const link of links) {
    const url = new URL(link);
    const token = url.searchParams.get('token');
    if (url.pathname === page && token) return token;
  }
  throw new Error(`No link to ${page} in «${message.subject}»:\n${message.text}`);
}
