import type { ImapFlow } from 'imapflow';
import type { AppContext } from '../../../app-context';
import { systemPrincipal } from '../../../platform/auth/principal';
import { receiveEmail } from './receive-email';

/** Where handled messages go (created when missing). */
export const processedFolder = 'Traités';

export interface ImapMailbox {
  host: string;
  port: number;
  /** TLS from the first byte (port 993). */
  secure: boolean;
  /**
   * Without `secure`: true requires STARTTLS, false never tries it, undefined upgrades when the
   * server offers it (an `imap://` URL).
   */
  startTls?: boolean;
  user: string;
  password: string;
  mailbox: string;
}

/** `imaps://user:pass@host:993/INBOX` → its parts (user and password URL-decoded). */
export function parseImapUrl(url: string): ImapMailbox {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'imaps:';
  if (!secure && parsed.protocol !== 'imap:') throw new Error(`Not an IMAP URL: ${parsed.protocol}`);
  const mailbox = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'INBOX';
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    mailbox,
  };
}

export interface PollResult {
  /** Messages handed to `receiveEmail` and moved to the processed folder. */
  processed: number;
  /** Messages left unseen because handling them failed (tried again at the next poll). */
  failed: number;
}

export type Log = {
  info(object: unknown, message?: string): void;
  error(object: unknown, message?: string): void;
};

/**
 * How long to wait for the server to connect, then to greet, before the poll counts as failed
 * (as long as the settings screen's « Tester » waits, whose French message names it).
 */
const connectTimeoutMs = 10_000;

/** Failures to open or use the polled folder: the connection and the login worked. */
export class ImapFolderError extends Error {
  constructor(
    readonly folder: string,
    cause: unknown,
  ) {
    super(`IMAP folder ${folder} cannot be opened: ${(cause as Error)?.message ?? String(cause)}`, {
      cause,
    });
  }
}

/**
 * A logged-in connection to the mailbox, with the processed folder created when missing. Rejects
 * like imapflow does (`authenticationFailed`, `ECONNREFUSED`, `CONNECT_TIMEOUT`…).
 */
export async function connectImap(box: ImapMailbox, log?: Log): Promise<ImapFlow> {
  // Loaded on the first poll: a town without an IMAP mailbox never needs it.
  const { ImapFlow } = await import('imapflow');
  const client = new ImapFlow({
    host: box.host,
    port: box.port,
    secure: box.secure,
    ...(box.secure || box.startTls === undefined ? {} : { doSTARTTLS: box.startTls }),
    auth: { user: box.user, pass: box.password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: connectTimeoutMs,
    greetingTimeout: connectTimeoutMs,
  });
  client.on('error', (error: Error) =>
    log?.error({ err: error, host: box.host, user: box.user }, 'IMAP connection error'),
  );
  try {
    await client.connect();
  } catch (error) {
    client.close();
    throw error;
  }
  try {
    await client.mailboxCreate(processedFolder);
  } catch {
    // Already there (or not creatable: the move of the first message will say so).
  }
  return client;
}

/**
 * One poll of the mailbox on an open connection: every unseen message is fetched (an oversized
 * one by its headers only), handed to `receiveEmail`, then marked seen and moved to `Traités`. A
 * message whose handling failed stays unseen in place and is tried again at the next poll; the
 * Message-ID dedupe makes a message polled twice (crash between recording and moving) count once.
 */
export async function pollConnectedMailbox(
  ctx: AppContext,
  client: ImapFlow,
  options: { mailbox: string; tenantId: string; log?: Log },
): Promise<PollResult> {
  const result: PollResult = { processed: 0, failed: 0 };
  let lock: Awaited<ReturnType<ImapFlow['getMailboxLock']>>;
  try {
    lock = await client.getMailboxLock(options.mailbox);
  } catch (error) {
    throw new ImapFolderError(options.mailbox, error);
  }
  try {
    // On a connection kept from the previous poll, NOOP makes the server report what arrived since.
    await client.noop();
    const unseen: { uid: number; size: number }[] = [];
    for await (const message of client.fetch({ seen: false }, { uid: true, size: true }, { uid: true })) {
      unseen.push({ uid: message.uid, size: message.size ?? 0 });
    }
    for (const { uid, size } of unseen) {
      const oversized = size > ctx.config.inboundMaxBytes;
      const fetched = await client.fetchOne(
        String(uid),
        oversized ? { uid: true, headers: true } : { uid: true, source: true },
        { uid: true },
      );
      const raw = fetched ? (oversized ? fetched.headers : fetched.source) : undefined;
      if (!raw) continue;
      try {
        const outcome = await receiveEmail(ctx, systemPrincipal(options.tenantId, 'imap-polling'), {
          source: 'imap',
          raw: Buffer.from(raw),
          sizeBytes: size,
        });
        options.log?.info(
          { uid, tenantId: options.tenantId, inboundId: outcome.inboundId, outcome: outcome.outcome },
          'inbound e-mail',
        );
      } catch (error) {
        result.failed += 1;
        options.log?.error(
          { err: error, uid, tenantId: options.tenantId },
          'inbound e-mail could not be recorded',
        );
        continue;
      }
      await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      await client.messageMove(String(uid), processedFolder, { uid: true });
      result.processed += 1;
    }
  } finally {
    lock.release();
  }
  return result;
}

/** One poll with a connection of its own (opened, used, logged out). */
export async function pollImapOnce(
  ctx: AppContext,
  options: { url: string; tenantId: string; log?: Log } | { box: ImapMailbox; tenantId: string; log?: Log },
): Promise<PollResult> {
  const box = 'box' in options ? options.box : parseImapUrl(options.url);
  const client = await connectImap(box, options.log);
  try {
    return await pollConnectedMailbox(ctx, client, {
      mailbox: box.mailbox,
      tenantId: options.tenantId,
      log: options.log,
    });
  } finally {
    await client.logout().catch(() => client.close());
  }
}
