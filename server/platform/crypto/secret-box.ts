import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (SMTP, IMAP, SMPP passwords, SMS gateway keys): AES-256-GCM with the key from
 * the configuration (`SECRETS_KEY`). A sealed value reads `v1:<iv>:<tag>:<ciphertext>`, each part
 * base64url: a random 96-bit IV per value, the 128-bit authentication tag, then the ciphertext.
 * Opening checks the tag, so a changed byte or another key is an error, never garbage.
 */

const version = 'v1';
const ivBytes = 12;
const tagBytes = 16;
export const secretKeyBytes = 32;

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

/** A box around a 32-byte key. */
export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== secretKeyBytes) {
    throw new SecretBoxError(`The secrets key must be ${secretKeyBytes} bytes long, got ${key.length}.`);
  }
  return {
    seal(plaintext) {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [version, iv, tag, ciphertext]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join(':');
    },
    open(sealed) {
      const parts = sealed.split(':');
      if (parts.length !== 4 || parts[0] !== version) {
        throw new SecretBoxError('Not a sealed secret (expected v1:<iv>:<tag>:<ciphertext>).');
      }
      const [iv, tag, ciphertext] = parts.slice(1).map((part) => Buffer.from(part, 'base64url')) as [
        Buffer,
        Buffer,
        Buffer,
      ];
      if (iv.length !== ivBytes || tag.length !== tagBytes) {
        throw new SecretBoxError('Not a sealed secret (bad IV or tag length).');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: tagBytes });
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError('The secret cannot be opened: it was changed or sealed with another key.');
      }
    },
  };
}

/**
 * The 32-byte key written as `SECRETS_KEY`: 64 hex digits, or base64 / base64url of 32 bytes.
 * Undefined when it is neither.
 */
export function parseSecretsKey(raw: string): Buffer | undefined {
  const text = raw.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(text)) {
    const key = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length === secretKeyBytes) return key;
  }
  return undefined;
}

/** Development and tests: a key derived from the session secret (HKDF-SHA-256), stable across restarts. */
export function deriveSecretsKey(sessionSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', sessionSecret, 'guichet', 'secrets-key v1', secretKeyBytes));
}

const boxes = new Map<string, SecretBox>();

/** The box for the configuration's key (`config.secretsKey`, base64), built once per key. */
export function secretBoxOf(config: { secretsKey: string }): SecretBox {
  let box = boxes.get(config.secretsKey);
  if (!box) {
    box = createSecretBox(Buffer.from(config.secretsKey, 'base64'));
    boxes.set(config.secretsKey, box);
  }
  return box;
}
