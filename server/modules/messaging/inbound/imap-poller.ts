import { ImapFlow } from 'imapflow';
import type { AppContext } from '../../../app-context';
import { findDefaultTenant } from '../../organisation/tenants.repository';
import { receiveEmail } from './receive-email';

/** Where handled messages go (created when missing). */
export const processedFolder = 'Traités';

export interface ImapMailbox {
  host: string;
  port: number;
  secure: boolean;
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

type Log = { info(object: unknown, message?: string): void; error(object: unknown, message?: string): void };

/**
 * One poll of the mailbox: every unseen message is fetched (an oversized one by its headers
 * only), handed to `receiveEmail`, then marked seen and moved to `Traités`. A message whose
 * handling failed stays unseen in place and is tried again at the next poll; the Message-ID
 * dedupe makes a message polled twice (crash between recording and moving) count once.
 */
export async function pollImapOnce(
  ctx: AppContext,
  options: { url: string; tenantId: string; log?: Log },
): Promise<PollResult> {
  const box = parseImapUrl(options.url);
  const client = new ImapFlow({
    host: box.host,
    port: box.port,
    secure: box.secure,
    auth: { user: box.user, pass: box.password },
    logger: false,
    disableAutoIdle: true,
  });
  client.on('error', (error: Error) => options.log?.error({ err: error }, 'IMAP connection error'));
  const result: PollResult = { processed: 0, failed: 0 };
  await client.connect();
  try {
    try {
      await client.mailboxCreate(processedFolder);
    } catch {
      // Already there (or not creatable: the move below will say so).
    }
    const lock = await client.getMailboxLock(box.mailbox);
    try {
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
          const outcome = await receiveEmail(ctx, {
            tenantId: options.tenantId,
            source: 'imap',
            raw: Buffer.from(raw),
            sizeBytes: size,
          });
          options.log?.info(
            { uid, inboundId: outcome.inboundId, outcome: outcome.outcome },
            'inbound e-mail',
          );
        } catch (error) {
          result.failed += 1;
          options.log?.error({ err: error, uid }, 'inbound e-mail could not be recorded');
          continue;
        }
        await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        await client.messageMove(String(uid), processedFolder, { uid: true });
        result.processed += 1;
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return result;
}

export interface ImapPolling {
  /** Stops the timer and waits for a poll in progress. */
  stop(): Promise<void>;
}

/**
 * Polls `IMAP_URL` for the default town every `IMAP_POLL_SECONDS`, one poll at a time, with a
 * fresh connection each time (a dropped connection costs one period, nothing else).
 */
export function startImapPolling(
  ctx: AppContext,
  options: { url: string; intervalSeconds: number; log?: Log },
): ImapPolling {
  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;

  const runOnce = async () => {
    const tenant = await findDefaultTenant(ctx.db);
    if (!tenant) return;
    await pollImapOnce(ctx, { url: options.url, tenantId: tenant.id, log: options.log });
  };
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce()
        .catch((error: unknown) => options.log?.error({ err: error }, 'IMAP poll failed'))
        .finally(() => {
          running = null;
          schedule(options.intervalSeconds * 1000);
        });
    }, delayMs);
    timer.unref();
  };
  schedule(0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
