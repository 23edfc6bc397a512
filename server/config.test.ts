import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSelfSignedCertificate, opensslMissingReason } from '../test/self-signed-certificate';
import { ConfigError, loadConfig } from './config';

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'guichet-config-'));

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig({ DATA_DIR: dataDir(), ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has working defaults for npm start', () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: dir,
      databaseUrl: undefined,
      publicUrl: 'http://localhost:3000',
      logLevel: 'info',
      demo: true,
      worker: true,
      smtpUrl: undefined,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('generates the session secret once and keeps it in the data directory', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir });
    const second = loadConfig({ DATA_DIR: dir });
    expect(first.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(second.sessionSecret).toBe(first.sessionSecret);
    expect(readFileSync(path.join(dir, 'session-secret'), 'utf8').trim()).toBe(first.sessionSecret);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      DATA_DIR: dataDir(),
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://guichet@db:5432/guichet',
      PUBLIC_URL: 'https://grc.ville.fr/',
      SESSION_SECRET: 'x'.repeat(40),
      LOG_LEVEL: 'warn',
      DEMO: 'false',
      SMTP_URL: 'smtp://relay:25',
      WORKER: 'no',
      ADMIN_EMAIL: 'DSI@Ville.fr',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://guichet@db:5432/guichet',
      publicUrl: 'https://grc.ville.fr',
      sessionSecret: 'x'.repeat(40),
      logLevel: 'warn',
      demo: false,
      smtpUrl: 'smtp://relay:25',
      worker: false,
      adminEmail: 'dsi@ville.fr',
    });
  });

  it('turns the demo off in production and requires a session secret there', () => {
    expect(configError({ NODE_ENV: 'production' }).variable).toBe('SESSION_SECRET');
    const config = loadConfig({
      DATA_DIR: dataDir(),
      NODE_ENV: 'production',
      SESSION_SECRET: 's'.repeat(32),
      SECRETS_KEY: 'a'.repeat(64),
    });
    expect(config.demo).toBe(false);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://db/guichet' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ PUBLIC_URL: 'ftp://ville.fr' }, 'PUBLIC_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DEMO: 'maybe' }, 'DEMO'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ SMTP_URL: 'http://relay' }, 'SMTP_URL'],
    [{ ADMIN_EMAIL: 'not-an-email' }, 'ADMIN_EMAIL'],
    [{ ATTACHMENT_MAX_BYTES: '10MB' }, 'ATTACHMENT_MAX_BYTES'],
    [{ ATTACHMENT_MAX_BYTES: '12' }, 'ATTACHMENT_MAX_BYTES'],
  ])('refuses %o naming %s', (env, variable) => {
    const error = configError(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
  });

  it('limits attachments to 10 MiB unless ATTACHMENT_MAX_BYTES says otherwise', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).attachmentMaxBytes).toBe(10 * 1024 * 1024);
    expect(loadConfig({ DATA_DIR: dataDir(), ATTACHMENT_MAX_BYTES: '2097152' }).attachmentMaxBytes).toBe(
      2 * 1024 * 1024,
    );
  });
});

describe.skipIf(opensslMissingReason() !== null)('loadConfig: TLS of the SMTP listener', () => {
  const certificate = createSelfSignedCertificate();
  const other = createSelfSignedCertificate();
  const tlsEnv = { SMTP_INBOUND_TLS_CERT: certificate.certFile, SMTP_INBOUND_TLS_KEY: certificate.keyFile };

  it('is off by default', () => {
    expect(loadConfig({ DATA_DIR: dataDir() })).toMatchObject({
      smtpInboundTls: undefined,
      smtpInboundSecure: false,
      smtpInboundRequireTls: false,
    });
  });

  it('reads the certificate and key files, and the TLS modes', () => {
    const config = loadConfig({
      DATA_DIR: dataDir(),
      ...tlsEnv,
      SMTP_INBOUND_SECURE: 'true',
      SMTP_INBOUND_REQUIRE_TLS: 'yes',
    });
    expect(config.smtpInboundTls).toEqual({ cert: certificate.cert, key: certificate.key });
    expect(config).toMatchObject({ smtpInboundSecure: true, smtpInboundRequireTls: true });
  });

  it.each([
    [{ SMTP_INBOUND_TLS_CERT: certificate.certFile }, 'SMTP_INBOUND_TLS_KEY', 'is required'],
    [{ SMTP_INBOUND_TLS_KEY: certificate.keyFile }, 'SMTP_INBOUND_TLS_CERT', 'is required'],
    [
      { ...tlsEnv, SMTP_INBOUND_TLS_CERT: '/nonexistent/cert.pem' },
      'SMTP_INBOUND_TLS_CERT',
      'cannot be read',
    ],
    [{ ...tlsEnv, SMTP_INBOUND_TLS_KEY: '/nonexistent/key.pem' }, 'SMTP_INBOUND_TLS_KEY', 'cannot be read'],
    [{ ...tlsEnv, SMTP_INBOUND_TLS_CERT: certificate.keyFile }, 'SMTP_INBOUND_TLS_CERT', 'a certificate'],
    [{ ...tlsEnv, SMTP_INBOUND_TLS_KEY: certificate.certFile }, 'SMTP_INBOUND_TLS_KEY', 'a private key'],
    [{ ...tlsEnv, SMTP_INBOUND_TLS_KEY: other.keyFile }, 'SMTP_INBOUND_TLS_KEY', 'cannot be used'],
    [{ SMTP_INBOUND_SECURE: 'true' }, 'SMTP_INBOUND_SECURE', 'needs SMTP_INBOUND_TLS_CERT'],
    [{ SMTP_INBOUND_REQUIRE_TLS: 'true' }, 'SMTP_INBOUND_REQUIRE_TLS', 'needs SMTP_INBOUND_TLS_CERT'],
    [{ ...tlsEnv, SMTP_INBOUND_SECURE: 'sometimes' }, 'SMTP_INBOUND_SECURE', 'true or false'],
  ])('refuses %o naming %s', (env, variable, words) => {
    const error = configError(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).toContain(words);
  });
});
