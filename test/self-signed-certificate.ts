import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const opensslBinary = '/usr/bin/openssl';

/** Why TLS tests cannot run here, or null when they can (Debian package `openssl`). */
export function opensslMissingReason(): string | null {
  return existsSync(opensslBinary)
    ? null
    : `${opensslBinary} is absent: install Debian's openssl to run the TLS tests`;
}

export interface SelfSignedCertificate {
  /** PEM files in a fresh temporary directory, for variables that take paths. */
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
}

/**
 * A throw-away certificate for `localhost` and 127.0.0.1 (P-256, valid two days), made by the
 * openssl command: clients trust it by passing `cert` as their CA.
 */
export function createSelfSignedCertificate(commonName = 'localhost'): SelfSignedCertificate {
  const dir = mkdtempSync(path.join(tmpdir(), 'guichet-tls-'));
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  execFileSync(
    opensslBinary,
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${commonName}`,
      '-addext',
      `subjectAltName=DNS:${commonName},IP:127.0.0.1`,
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'pipe' },
  );
  return { certFile, keyFile, cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
}
