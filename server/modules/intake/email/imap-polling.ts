// French typography: non-breaking spaces before « : » and inside « » in the messages.
/* eslint no-irregular-whitespace: ["error", { "skipStrings": true, "skipTemplates": true }] */
import type { ImapFlow } from 'imapflow';
import type { AppContext } from '../../../app-context';
import type { ModuleService } from '../../../platform/modules/module-manifest';
import {
  describeConnectionError,
  findEnabledImapSettings,
  type ImapPollStatus,
  recordImapPollStatus,
} from '../../messaging';
import { findPolledMailboxes, fingerprintOf, type PolledMailbox } from './imap-mailboxes';
import { connectImap, ImapFolderError, type Log, pollConnectedMailbox, type PollResult } from './imap-poller';

/** The longest wait between two attempts on a failing mailbox. */
const maxBackoffSeconds = 3600;
/** Connections are kept between polls only when the next poll comes before servers drop idle ones. */
const keepConnectedBelowSeconds = 240;
/** On shutdown, polls in progress get this long to finish before their connections are cut. */
const stopGraceMs = 5000;

/**
 * Cycles to let pass before trying a mailbox again after `failures` failed polls in a row: none
 * after the first (the next cycle retries), then 1, 3, 7… so that the wait doubles, up to an hour.
 */
export function backoffCycles(failures: number, intervalSeconds: number): number {
  if (failures <= 1) return 0;
  const most = Math.max(0, Math.ceil(maxBackoffSeconds / intervalSeconds) - 1);
  return Math.min(2 ** Math.min(failures - 1, 30) - 1, most);
}

/** Why a poll failed, in French for the administrator. */
export function describePollError(error: unknown, mailbox: PolledMailbox): string {
  if (!mailbox.box) return mailbox.problem ?? String(error);
  const target = `${mailbox.box.host}:${mailbox.box.port}`;
  if (error instanceof ImapFolderError) {
    const cause = error.cause as { responseText?: string; message?: string } | undefined;
    const detail = cause?.responseText || cause?.message || '';
    return `Le dossier « ${error.folder} » est introuvable ou inaccessible sur ${target}${detail ? ` : ${detail}` : '.'}`;
  }
  const code = (error as { code?: string } | undefined)?.code;
  if (code && ['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT', 'ETIMEOUT'].includes(code)) {
    // imapflow's own timeouts, worded in English: the settings test's sentence says it in French.
    return describeConnectionError({ code: 'ETIMEDOUT' }, target);
  }
  return describeConnectionError(error, target);
}

export interface MailboxPollReport {
  key: string;
  tenantId: string;
  origin: PolledMailbox['origin'];
  /**
   * polled; failed (see `error`); waiting (backing off after failures); busy (the previous poll
   * of this mailbox is still running).
   */
  outcome: 'polled' | 'failed' | 'waiting' | 'busy';
  result?: PollResult;
  error?: string;
}

export interface ImapPollerOptions {
  /** `IMAP_URL`: polled for the default town. */
  envUrl?: string;
  /** The town of `envUrl`; the default town when undefined. */
  envTenantId?: string;
  /** Only these towns' saved settings (tests share one database); every town when undefined. */
  onlyTenantIds?: readonly string[];
  intervalSeconds: number;
  /** Mailboxes polled at the same time. */
  concurrency?: number;
  log?: Log;
}

export interface ImapPoller {
  /** Starts one cycle; resolves once the mailboxes are known and their polls started. */
  startCycle(): Promise<{ reports: Promise<MailboxPollReport[]> }>;
  /** One whole cycle: re-reads the settings, polls what is due, resolves when every poll ended. */
  runCycle(): Promise<MailboxPollReport[]>;
  /** Waits briefly for polls in progress, then closes every connection. */
  close(): Promise<void>;
}

interface Session {
  fingerprint: string;
  client?: ImapFlow;
  failures: number;
  cyclesToSkip: number;
  running?: Promise<MailboxPollReport>;
}

/** At most `max` tasks at a time; a finished task hands its slot to the next one waiting. */
function createLimiter(max: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active < max) active += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}

function closeClient(session: Session) {
  const client = session.client;
  session.client = undefined;
  if (!client) return;
  if (client.usable) void client.logout().catch(() => client.close());
  else client.close();
}

/**
 * The IMAP poller of every town: each cycle re-reads which mailboxes to poll (`IMAP_URL` for the
 * default town, and every town's enabled `imap` settings), so a save, a change or a disabling
 * takes effect at the next cycle. One connection per mailbox, kept between polls when they are
 * close together and reopened when the settings change or the connection dropped. A failing
 * mailbox (refused login, unreachable server, missing folder) is logged, its outcome recorded on
 * the town's settings, and retried with a doubling wait; it never holds back the other towns.
 */
export function createImapPoller(ctx: AppContext, options: ImapPollerOptions): ImapPoller {
  const sessions = new Map<string, Session>();
  const limit = createLimiter(options.concurrency ?? 4);
  const keepConnected = options.intervalSeconds < keepConnectedBelowSeconds;
  let closed = false;

  async function record(mailbox: PolledMailbox, status: Partial<ImapPollStatus>) {
    if (!mailbox.statusTarget || closed) return;
    try {
      await recordImapPollStatus(ctx.db, mailbox.statusTarget, status);
    } catch (error) {
      options.log?.error({ err: error, tenantId: mailbox.tenantId }, 'IMAP poll status not recorded');
    }
  }

  async function poll(session: Session, mailbox: PolledMailbox): Promise<MailboxPollReport> {
    const base = { key: mailbox.key, tenantId: mailbox.tenantId, origin: mailbox.origin };
    const attemptAt = ctx.clock.now();
    let result: PollResult;
    try {
      if (!mailbox.box) throw new Error(mailbox.problem);
      if (!session.client?.usable) {
        closeClient(session);
        session.client = await connectImap(mailbox.box, options.log);
      }
      result = await pollConnectedMailbox(ctx, session.client, {
        mailbox: mailbox.box.mailbox,
        tenantId: mailbox.tenantId,
        log: options.log,
      });
      if (!keepConnected) closeClient(session);
    } catch (error) {
      closeClient(session);
      if (closed) return { ...base, outcome: 'failed', error: 'arrêt du serveur' };
      session.failures += 1;
      session.cyclesToSkip = backoffCycles(session.failures, options.intervalSeconds);
      const message = describePollError(error, mailbox);
      options.log?.error(
        { err: error, tenantId: mailbox.tenantId, mailbox: mailbox.key, failures: session.failures },
        `IMAP poll failed: ${message}`,
      );
      const nextAttempt = new Date(
        attemptAt.getTime() + (session.cyclesToSkip + 1) * options.intervalSeconds * 1000,
      );
      await record(mailbox, {
        lastAttemptAt: attemptAt.toISOString(),
        lastError: message,
        consecutiveFailures: session.failures,
        nextAttemptAt: nextAttempt.toISOString(),
      });
      return { ...base, outcome: 'failed', error: message };
    }
    session.failures = 0;
    session.cyclesToSkip = 0;
    await record(mailbox, {
      lastAttemptAt: attemptAt.toISOString(),
      lastSuccessAt: ctx.clock.now().toISOString(),
      lastError: null,
      consecutiveFailures: 0,
      nextAttemptAt: null,
      lastProcessed: result.processed,
      lastFailed: result.failed,
    });
    return { ...base, outcome: 'polled', result };
  }

  async function startCycle() {
    if (closed) return { reports: Promise.resolve([]) };
    const mailboxes = await findPolledMailboxes(ctx, {
      envUrl: options.envUrl,
      envTenantId: options.envTenantId,
      onlyTenantIds: options.onlyTenantIds,
    });
    const wanted = new Set(mailboxes.map((mailbox) => mailbox.key));
    for (const [key, session] of sessions) {
      if (wanted.has(key)) continue;
      // Disabled or deleted settings: the connection goes, once a poll in progress ends.
      sessions.delete(key);
      if (session.running) void session.running.finally(() => closeClient(session));
      else closeClient(session);
    }
    const reports: Promise<MailboxPollReport>[] = [];
    for (const mailbox of mailboxes) {
      const base = { key: mailbox.key, tenantId: mailbox.tenantId, origin: mailbox.origin };
      const fingerprint = fingerprintOf(mailbox);
      let session = sessions.get(mailbox.key);
      if (session?.running) {
        reports.push(Promise.resolve({ ...base, outcome: 'busy' }));
        continue;
      }
      if (!session || session.fingerprint !== fingerprint) {
        // New or changed settings: a fresh connection, and no waiting left from earlier failures.
        if (session) closeClient(session);
        session = { fingerprint, failures: 0, cyclesToSkip: 0 };
        sessions.set(mailbox.key, session);
      }
      if (session.cyclesToSkip > 0) {
        session.cyclesToSkip -= 1;
        reports.push(Promise.resolve({ ...base, outcome: 'waiting' }));
        continue;
      }
      const current = session;
      const running = limit(() => poll(current, mailbox)).finally(() => {
        current.running = undefined;
      });
      current.running = running;
      reports.push(running);
    }
    return { reports: Promise.all(reports) };
  }

  return {
    startCycle,
    async runCycle() {
      const { reports } = await startCycle();
      return reports;
    },
    async close() {
      closed = true;
      const running = [...sessions.values()].flatMap((session) => (session.running ? [session.running] : []));
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled(running),
        new Promise((resolve) => {
          timer = setTimeout(resolve, stopGraceMs);
        }),
      ]);
      clearTimeout(timer);
      for (const session of sessions.values()) closeClient(session);
      await Promise.allSettled(running);
      sessions.clear();
    },
  };
}

export interface ImapPolling {
  /** Stops the timer, lets polls in progress end (briefly) and closes the connections. */
  stop(): Promise<void>;
}

/**
 * Runs the poller every `intervalSeconds` (with the worker). A cycle does not wait for slow
 * mailboxes: one still polling at the next cycle is skipped, the others go ahead.
 */
export function startImapPolling(ctx: AppContext, options: ImapPollerOptions): ImapPolling {
  const poller = createImapPoller(ctx, options);
  let stopped = false;
  let starting: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      starting = poller
        .startCycle()
        .then(() => undefined)
        .catch((error: unknown) => options.log?.error({ err: error }, 'IMAP polling cycle failed'))
        .finally(() => {
          starting = null;
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
      await starting;
      await poller.close();
    },
  };
}

/** For the start-up summary: what the poller will poll, as things stand. */
export async function describeImapPolling(
  ctx: AppContext,
  options: { envUrl?: string; intervalSeconds: number },
): Promise<string> {
  const towns = (await findEnabledImapSettings(ctx.db)).length;
  const parts = [
    ...(options.envUrl ? ['IMAP_URL for the default town'] : []),
    `the mailboxes saved under Canaux de communication (${towns} town${towns === 1 ? '' : 's'} now)`,
  ];
  return `  inbound e-mail: IMAP polled every ${options.intervalSeconds} s: ${parts.join(' and ')}`;
}

/** IMAP polling as a module service: with the worker, of IMAP_URL and every town's saved mailbox. */
export const imapPollingService: ModuleService = {
  name: 'imap-polling',
  withWorker: true,
  async start(ctx, log) {
    const options = { envUrl: ctx.config.imapUrl, intervalSeconds: ctx.config.imapPollSeconds };
    const polling = startImapPolling(ctx, { ...options, log });
    return { summary: [await describeImapPolling(ctx, options)], stop: () => polling.stop() };
  },
  describeWhenNotRun: (ctx) =>
    ctx.config.imapUrl ? '  inbound e-mail: IMAP not polled by this instance (WORKER=false)' : null,
};
