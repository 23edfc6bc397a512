// French typography: non-breaking spaces before « : » in the messages.
/* eslint no-irregular-whitespace: ["error", { "skipStrings": true, "skipTemplates": true }] */
import net from 'node:net';
import tls from 'node:tls';
import nodemailer from 'nodemailer';
import type { ChannelSettingKind } from '../messaging.tables';
import type { ChannelConfigs, ChannelTestResultT } from './channel-settings.schemas';
import type { ChannelSettingsWithSecret } from './channel-settings.use-cases';
import { smtpTransportOptions } from './smtp-options';

/**
 * « Tester » on the channel settings screen: reach the configured server with the saved settings
 * and say, in French, whether it worked or what went wrong. SMTP: nodemailer's `verify()`
 * (connection, TLS, login); IMAP: login and logout with imapflow when it is installed, else a TCP
 * connection; SMPP: a TCP (or TLS) connection; HTTP gateway: a HEAD request.
 */

const timeoutMs = 10_000;

interface NetError {
  code?: string;
  message?: string;
  responseCode?: number;
  authenticationFailed?: boolean;
  response?: string;
}

/** An error of a connection attempt to `target`, as a French sentence. */
export function describeConnectionError(error: unknown, target: string): string {
  const e = (error ?? {}) as NetError;
  const message = e.message ?? String(error);
  const code = e.code ?? '';
  if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(message)) {
    return `Connexion refusée par ${target} : aucun service n’écoute à cette adresse.`;
  }
  if (code === 'ENOTFOUND' || code === 'EDNS' || /ENOTFOUND|EAI_AGAIN/.test(message)) {
    return `Nom d’hôte inconnu : ${target}.`;
  }
  if (code === 'ETIMEDOUT' || /timeout|timed out/i.test(message)) {
    return `Pas de réponse de ${target} dans le délai imparti (${timeoutMs / 1000} s).`;
  }
  if (code === 'EAUTH' || e.authenticationFailed || e.responseCode === 535) {
    return `Identifiants refusés par ${target} : vérifiez l’identifiant et le mot de passe.`;
  }
  if (/certificate|self[- ]signed|SSL|TLS|wrong version number/i.test(message)) {
    return `Échec de la connexion chiffrée (TLS) avec ${target} : ${message}`;
  }
  if (code === 'ECONNRESET' || /ECONNRESET|socket hang up/.test(message)) {
    return `${target} a coupé la connexion.`;
  }
  return `Échec de la connexion à ${target} : ${message}`;
}

function tcpConnect(host: string, port: number, useTls: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = useTls
      ? tls.connect({ host, port, servername: net.isIP(host) ? undefined : host })
      : net.connect({ host, port });
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(timeoutMs, () => fail(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    socket.once('error', fail);
    socket.once(useTls ? 'secureConnect' : 'connect', () => {
      socket.end();
      socket.destroy();
      resolve();
    });
  });
}

async function testSmtp(settings: ChannelSettingsWithSecret<'smtp'>): Promise<ChannelTestResultT> {
  const { host, port, user } = settings.config;
  const target = `${host}:${port}`;
  const transport = nodemailer.createTransport({
    ...smtpTransportOptions(settings.config, settings.secret),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transport.verify();
    return {
      ok: true,
      message: user
        ? `Connexion réussie à ${target} : le serveur SMTP a accepté l’identifiant ${user}.`
        : `Connexion réussie à ${target} : le serveur SMTP répond.`,
    };
  } catch (error) {
    return { ok: false, message: describeConnectionError(error, target) };
  } finally {
    transport.close();
  }
}

interface ImapClient {
  connect(): Promise<void>;
  logout(): Promise<void>;
  close(): void;
}
type ImapFlowConstructor = new (options: Record<string, unknown>) => ImapClient;

/** imapflow when installed (the inbound module brings it), else undefined. */
async function loadImapFlow(): Promise<ImapFlowConstructor | undefined> {
  const moduleName = 'imapflow';
  try {
    const loaded = (await import(moduleName)) as { ImapFlow?: ImapFlowConstructor };
    return loaded.ImapFlow;
  } catch {
    return undefined;
  }
}

async function testImap(settings: ChannelSettingsWithSecret<'imap'>): Promise<ChannelTestResultT> {
  const { host, port, security, user } = settings.config;
  const target = `${host}:${port}`;
  const ImapFlow = await loadImapFlow();
  if (!ImapFlow) {
    try {
      await tcpConnect(host, port, security === 'tls');
      return { ok: true, message: `${target} répond (connexion seule : l’identifiant n’a pas été vérifié).` };
    } catch (error) {
      return { ok: false, message: describeConnectionError(error, target) };
    }
  }
  const client = new ImapFlow({
    host,
    port,
    secure: security === 'tls',
    doSTARTTLS: security === 'starttls' ? true : security === 'none' ? false : undefined,
    auth: { user, pass: settings.secret ?? '' },
    logger: false,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await client.connect();
    await client.logout();
    return {
      ok: true,
      message: `Connexion réussie à ${target} : le serveur IMAP a accepté l’identifiant ${user}.`,
    };
  } catch (error) {
    client.close();
    return { ok: false, message: describeConnectionError(error, target) };
  }
}

async function testSmpp(settings: ChannelSettingsWithSecret<'smpp'>): Promise<ChannelTestResultT> {
  const { host, port, security } = settings.config;
  const target = `${host}:${port}`;
  try {
    await tcpConnect(host, port, security === 'tls');
    return { ok: true, message: `Le centre SMS (SMSC) ${target} répond.` };
  } catch (error) {
    return { ok: false, message: describeConnectionError(error, target) };
  }
}

async function testSmsHttp(settings: ChannelSettingsWithSecret<'sms_http'>): Promise<ChannelTestResultT> {
  const url = new URL(settings.config.url);
  const target = url.host;
  try {
    const response = await fetch(url, {
      method: 'HEAD',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status >= 500) {
      return {
        ok: false,
        message: `La passerelle SMS ${target} répond en erreur (HTTP ${response.status}).`,
      };
    }
    return { ok: true, message: `La passerelle SMS ${target} répond (HTTP ${response.status}).` };
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause ?? error;
    const name = (error as { name?: string }).name;
    if (name === 'TimeoutError')
      return { ok: false, message: describeConnectionError({ code: 'ETIMEDOUT' }, target) };
    return { ok: false, message: describeConnectionError(cause, target) };
  }
}

/** Runs the test of one kind with its saved settings; never throws for a connection failure. */
export function testChannel<K extends ChannelSettingKind>(
  settings: ChannelSettingsWithSecret<K>,
): Promise<ChannelTestResultT> {
  const typed = settings as ChannelSettingsWithSecret<ChannelSettingKind> & { config: ChannelConfigs[K] };
  switch (typed.kind) {
    case 'smtp':
      return testSmtp(typed as ChannelSettingsWithSecret<'smtp'>);
    case 'imap':
      return testImap(typed as ChannelSettingsWithSecret<'imap'>);
    case 'smpp':
      return testSmpp(typed as ChannelSettingsWithSecret<'smpp'>);
    default:
      return testSmsHttp(typed as ChannelSettingsWithSecret<'sms_http'>);
  }
}
