import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createSecureContext } from 'node:tls';
import { deriveSecretsKey, parseSecretsKey } from './platform/crypto/secret-box';

/**
 * The only reader of `process.env`. Every variable is validated at boot; a bad value stops the
 * process with a message naming the variable (ConfigError). The result is frozen.
 */

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** Unset: embedded PGlite in `dataDir/pglite`. */
  readonly databaseUrl: string | undefined;
  readonly publicUrl: string;
  readonly sessionSecret: string;
  readonly logLevel: LogLevel;
  /** Seed the demo town and demo accounts. */
  readonly demo: boolean;
  /** Unset: account mails are written to `dataDir/outbox` as .eml files. */
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  /** Run the job worker inside this process. */
  readonly worker: boolean;
  /** Outbound messages one dispatch batch claims (one job, one transaction per batch). */
  readonly messageBatchSize: number;
  /** Messages of a batch handed to their channels at once (SMPP window, SMTP pool, letters). */
  readonly messageSendConcurrency: number;
  /** SMTP connections kept open at most per relay (SMTP_URL's, each town's own). */
  readonly smtpMaxConnections: number;
  readonly sessionTtlHours: number;
  /** Invited as administrator of the default tenant at start when it has none. */
  readonly adminEmail: string | undefined;
  /** Serve the built web app from `dist/web` (off in tests that need no pages). */
  readonly serveWeb: boolean;
  /**
   * Check that every query of a request or a job filters on the town (platform/db/tenant-guard.ts);
   * on in the test suite, TENANT_QUERY_GUARD=true in development. Needs the guard on the database.
   */
  readonly tenantQueryGuard: boolean;
  /** Largest accepted attachment, in bytes. */
  readonly attachmentMaxBytes: number;
  /** Inbound e-mail: the built-in SMTP listener's port (off when unset) and address. */
  readonly smtpInboundPort: number | undefined;
  readonly smtpInboundHost: string;
  /**
   * The SMTP listener's certificate and key (PEM, read from `SMTP_INBOUND_TLS_CERT` and
   * `SMTP_INBOUND_TLS_KEY`): STARTTLS is offered when set.
   */
  readonly smtpInboundTls: { readonly cert: string; readonly key: string } | undefined;
  /** Implicit TLS from the first byte (port 465 style) instead of STARTTLS. */
  readonly smtpInboundSecure: boolean;
  /** Refuse MAIL FROM (530) until the connection is encrypted. */
  readonly smtpInboundRequireTls: boolean;
  /** Inbound e-mail: a mailbox polled for new messages (`imaps://user:pass@host:993/INBOX`). */
  readonly imapUrl: string | undefined;
  readonly imapPollSeconds: number;
  /** Largest accepted inbound e-mail, in bytes (the SMTP listener refuses more with 552). */
  readonly inboundMaxBytes: number;
  /** Inbound e-mails accepted per sender and hour; further ones are recorded as rejected. */
  readonly inboundSenderHourlyLimit: number;
  /** AES-256-GCM key (base64 of 32 bytes) sealing channel secrets at rest (`SECRETS_KEY`). */
  readonly secretsKey: string;
  /** SMS through an SMSC: `smpp://systemid:password@host:2775` (`ssmpp://` for TLS); wins over the HTTP gateway. */
  readonly smppUrl: string | undefined;
  /** SMS through an HTTP gateway: POST `{from, to, text}` with `SMS_HTTP_TOKEN` as bearer. */
  readonly smsHttpUrl: string | undefined;
  readonly smsHttpToken: string | undefined;
  /** Bearer token the SMS gateway's webhooks (`/api/v1/sms/inbound`, `/api/v1/sms/status`) must send. */
  readonly smsWebhookToken: string | undefined;
  /** Sender of outbound SMS: up to 11 letters and digits, or a phone number. */
  readonly smsSenderId: string;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Invalid configuration: ${variable} ${message}`);
  }
}

type Env = Record<string, string | undefined>;

function readInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function readUrl(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'must be a valid URL');
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `must use one of ${protocols.join(', ')}, got "${url.protocol}"`);
  }
  return raw;
}

function readEmail(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw))
    throw new ConfigError(name, `must be an e-mail address, got "${raw}"`);
  return raw.toLowerCase();
}

function readSmsWebhookToken(env: Env): string | undefined {
  const raw = env.SMS_WEBHOOK_TOKEN;
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < 16) throw new ConfigError('SMS_WEBHOOK_TOKEN', 'must be at least 16 characters long');
  return raw;
}

/** An alphanumeric sender (GSM: at most 11 characters) or a phone number. */
function readSmsSenderId(env: Env): string {
  const raw = env.SMS_SENDER_ID?.trim() || 'MAIRIE';
  if (!/^[A-Za-z0-9 ]{1,11}$/.test(raw) && !/^\+?\d{3,15}$/.test(raw)) {
    throw new ConfigError(
      'SMS_SENDER_ID',
      `must be up to 11 letters and digits or a phone number, got "${raw}"`,
    );
  }
  return raw;
}

/** A PEM file named by `name`, read at boot: a path that cannot be read stops the start. */
function readPemFile(env: Env, name: string, label: RegExp, what: string): string | undefined {
  const file = env[name];
  if (file === undefined || file === '') return undefined;
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ConfigError(name, `cannot be read: ${file} (${code})`);
  }
  if (!label.test(content)) throw new ConfigError(name, `must be a PEM file holding ${what}: ${file}`);
  return content;
}

/** SMTP_INBOUND_TLS_CERT and SMTP_INBOUND_TLS_KEY (both or none) and the TLS modes that need them. */
function readSmtpInboundTls(env: Env) {
  const cert = readPemFile(env, 'SMTP_INBOUND_TLS_CERT', /-----BEGIN CERTIFICATE-----/, 'a certificate');
  const key = readPemFile(env, 'SMTP_INBOUND_TLS_KEY', /-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key');
  if (cert !== undefined && key === undefined) {
    throw new ConfigError('SMTP_INBOUND_TLS_KEY', 'is required when SMTP_INBOUND_TLS_CERT is set');
  }
  if (key !== undefined && cert === undefined) {
    throw new ConfigError('SMTP_INBOUND_TLS_CERT', 'is required when SMTP_INBOUND_TLS_KEY is set');
  }
  const secure = readBoolean(env, 'SMTP_INBOUND_SECURE', false);
  const requireTls = readBoolean(env, 'SMTP_INBOUND_REQUIRE_TLS', false);
  if (cert === undefined || key === undefined) {
    for (const [name, isOn] of [
      ['SMTP_INBOUND_SECURE', secure],
      ['SMTP_INBOUND_REQUIRE_TLS', requireTls],
    ] as const) {
      if (isOn) throw new ConfigError(name, 'needs SMTP_INBOUND_TLS_CERT and SMTP_INBOUND_TLS_KEY');
    }
    return { tls: undefined, secure, requireTls };
  }
  try {
    // Loads both as the listener will: a key that does not match, or is encrypted, fails here.
    createSecureContext({ cert, key });
  } catch (error) {
    throw new ConfigError(
      'SMTP_INBOUND_TLS_KEY',
      `cannot be used with the certificate of SMTP_INBOUND_TLS_CERT: ${(error as Error).message}`,
    );
  }
  return { tls: { cert, key }, secure, requireTls };
}

const logLevels: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** The embedded default keeps a generated secret in the data directory so sessions survive restarts. */
function readOrCreateSessionSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const nodeEnvRaw = env.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    throw new ConfigError('NODE_ENV', `must be development, production or test, got "${nodeEnvRaw}"`);
  }
  const nodeEnv = nodeEnvRaw as Config['nodeEnv'];
  const isProduction = nodeEnv === 'production';

  const port = readInteger(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const databaseUrl = readUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const publicUrl = (readUrl(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(
    /\/$/,
    '',
  );

  const logLevel = (env.LOG_LEVEL || 'info') as LogLevel;
  if (!logLevels.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${logLevels.join(', ')}, got "${env.LOG_LEVEL}"`);
  }

  let sessionSecret = env.SESSION_SECRET ?? '';
  if (sessionSecret !== '' && sessionSecret.length < 32) {
    throw new ConfigError('SESSION_SECRET', 'must be at least 32 characters long');
  }
  if (sessionSecret === '') {
    if (isProduction) throw new ConfigError('SESSION_SECRET', 'is required when NODE_ENV=production');
    sessionSecret = overrides.sessionSecret ?? readOrCreateSessionSecret(dataDir);
  }

  // Required in production; elsewhere derived from the session secret so development needs nothing.
  const secretsKeyRaw = env.SECRETS_KEY ?? '';
  let secretsKey: string;
  if (secretsKeyRaw !== '') {
    const key = parseSecretsKey(secretsKeyRaw);
    if (!key) throw new ConfigError('SECRETS_KEY', 'must be 32 bytes written as 64 hex digits or in base64');
    secretsKey = key.toString('base64');
  } else {
    if (isProduction) throw new ConfigError('SECRETS_KEY', 'is required when NODE_ENV=production');
    secretsKey = deriveSecretsKey(overrides.sessionSecret ?? sessionSecret).toString('base64');
  }

  const smtpInbound = readSmtpInboundTls(env);

  const config: Config = {
    nodeEnv,
    port,
    host,
    dataDir,
    databaseUrl,
    publicUrl,
    sessionSecret,
    logLevel,
    demo: readBoolean(env, 'DEMO', !isProduction),
    smtpUrl: readUrl(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: env.MAIL_FROM || 'Guichet <no-reply@guichet.localhost>',
    worker: readBoolean(env, 'WORKER', true),
    messageBatchSize: readInteger(env, 'MESSAGE_BATCH_SIZE', 200, 1, 5_000),
    messageSendConcurrency: readInteger(env, 'MESSAGE_SEND_CONCURRENCY', 32, 1, 1_000),
    smtpMaxConnections: readInteger(env, 'SMTP_MAX_CONNECTIONS', 16, 1, 100),
    sessionTtlHours: readInteger(env, 'SESSION_TTL_HOURS', 12, 1, 24 * 90),
    adminEmail: readEmail(env, 'ADMIN_EMAIL'),
    serveWeb: true,
    tenantQueryGuard: readBoolean(env, 'TENANT_QUERY_GUARD', false),
    attachmentMaxBytes: readInteger(env, 'ATTACHMENT_MAX_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    smtpInboundPort: env.SMTP_INBOUND_PORT ? readInteger(env, 'SMTP_INBOUND_PORT', 0, 0, 65535) : undefined,
    smtpInboundHost: env.SMTP_INBOUND_HOST || '127.0.0.1',
    smtpInboundTls: smtpInbound.tls,
    smtpInboundSecure: smtpInbound.secure,
    smtpInboundRequireTls: smtpInbound.requireTls,
    imapUrl: readUrl(env, 'IMAP_URL', ['imap:', 'imaps:']),
    imapPollSeconds: readInteger(env, 'IMAP_POLL_SECONDS', 60, 5, 86_400),
    inboundMaxBytes: readInteger(env, 'INBOUND_MAX_BYTES', 25 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    inboundSenderHourlyLimit: readInteger(env, 'INBOUND_SENDER_HOURLY_LIMIT', 20, 1, 100_000),
    secretsKey,
    smppUrl: readUrl(env, 'SMPP_URL', ['smpp:', 'ssmpp:']),
    smsHttpUrl: readUrl(env, 'SMS_HTTP_URL', ['http:', 'https:']),
    smsHttpToken: env.SMS_HTTP_TOKEN || undefined,
    smsWebhookToken: readSmsWebhookToken(env),
    smsSenderId: readSmsSenderId(env),
    ...overrides,
  };
  return Object.freeze(config);
}
