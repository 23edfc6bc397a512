// French typography: non-breaking spaces before « : » and inside « » in the messages.
/* eslint no-irregular-whitespace: ["error", { "skipStrings": true, "skipTemplates": true }] */
import type { AppContext } from '../../../app-context';
import { SecretBoxError } from '../../../platform/crypto/secret-box';
import type { DbOrTx } from '../../../platform/db/client';
import { findDefaultTenant } from '../../organisation';
import {
  type ChannelSettingsWithSecret,
  findEnabledImapSettings,
  readChannelSettings,
} from '../../messaging';
import { type ImapMailbox, parseImapUrl } from './imap-poller';

/** A mailbox the poller should poll in this cycle, for one town. */
export interface PolledMailbox {
  /** One connection per key: `env` (IMAP_URL) or `settings:<tenant id>`. */
  key: string;
  tenantId: string;
  origin: 'env' | 'settings';
  /** How to reach it; undefined when the saved settings cannot be used (see `problem`). */
  box?: ImapMailbox;
  /** Why the saved settings cannot be used, in French for the administrator. */
  problem?: string;
  /** The saved settings the outcome is recorded on for the administrator, if any. */
  statusTarget?: { tenantId: string; savedAt: Date };
}

/** Same server, account and folder: polling it twice would only race with ourselves. */
export function isSameMailbox(a: ImapMailbox, b: ImapMailbox): boolean {
  return (
    a.host.toLowerCase() === b.host.toLowerCase() &&
    a.port === b.port &&
    a.user.toLowerCase() === b.user.toLowerCase() &&
    a.mailbox === b.mailbox
  );
}

/** What the connection depends on: when it changes, the poller reconnects. */
export function fingerprintOf(mailbox: PolledMailbox): string {
  return JSON.stringify({ tenantId: mailbox.tenantId, box: mailbox.box ?? null, problem: mailbox.problem });
}

/** Saved `imap` settings → how to connect, or why it cannot. */
export function mailboxOfSettings(
  settings: ChannelSettingsWithSecret<'imap'>,
): ImapMailbox | { problem: string } {
  if (!settings.secret) {
    return {
      problem: 'Aucun mot de passe IMAP n’est enregistré : saisissez-le dans « Canaux de communication ».',
    };
  }
  const { host, port, security, user, mailbox } = settings.config;
  return {
    host,
    port,
    secure: security === 'tls',
    startTls: security === 'starttls',
    user,
    password: settings.secret,
    mailbox: mailbox || 'INBOX',
  };
}

async function readSavedMailbox(
  ctx: { db: DbOrTx; config: AppContext['config'] },
  tenantId: string,
): Promise<ImapMailbox | { problem: string } | undefined> {
  try {
    const settings = await readChannelSettings(ctx, tenantId, 'imap');
    if (!settings?.isEnabled) return undefined;
    return mailboxOfSettings(settings);
  } catch (error) {
    if (!(error instanceof SecretBoxError)) throw error;
    return {
      problem:
        'Le mot de passe IMAP enregistré ne peut plus être déchiffré (la clé SECRETS_KEY a changé) : saisissez-le à nouveau dans « Canaux de communication ».',
    };
  }
}

/**
 * The mailboxes to poll now: each town's enabled `imap` settings, read afresh, and `IMAP_URL` for
 * the default town. When the default town saved the very mailbox of `IMAP_URL` (same server,
 * account and folder), it is polled once, with `IMAP_URL`'s credentials, and the outcome shows on
 * the saved settings; a different saved mailbox is polled as well.
 */
export async function findPolledMailboxes(
  ctx: { db: DbOrTx; config: AppContext['config'] },
  options: {
    envUrl?: string;
    /** The town of `envUrl`; the default town when undefined. */
    envTenantId?: string;
    /** Only these towns' saved settings (tests share one database); all when undefined. */
    onlyTenantIds?: readonly string[];
  },
): Promise<PolledMailbox[]> {
  const mailboxes: PolledMailbox[] = [];
  let env: PolledMailbox | undefined;
  if (options.envUrl) {
    const tenantId = options.envTenantId ?? (await findDefaultTenant(ctx.db))?.id;
    if (tenantId) {
      env = { key: 'env', tenantId, origin: 'env', box: parseImapUrl(options.envUrl) };
      mailboxes.push(env);
    }
  }
  for (const { tenantId, savedAt } of await findEnabledImapSettings(ctx.db, options.onlyTenantIds)) {
    const saved = await readSavedMailbox(ctx, tenantId);
    if (!saved) continue;
    const statusTarget = { tenantId, savedAt };
    if (env?.box && env.tenantId === tenantId && 'host' in saved && isSameMailbox(env.box, saved)) {
      env.statusTarget = statusTarget;
      continue;
    }
    mailboxes.push({
      key: `settings:${tenantId}`,
      tenantId,
      origin: 'settings',
      ...('problem' in saved ? { problem: saved.problem } : { box: saved }),
      statusTarget,
    });
  }
  return mailboxes;
}
