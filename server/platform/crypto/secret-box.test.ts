import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config';
import { createSecretBox, deriveSecretsKey, parseSecretsKey, SecretBoxError } from './secret-box';

describe('secret box (AES-256-GCM)', () => {
  const key = randomBytes(32);
  const box = createSecretBox(key);

  it('round-trips a secret, with a fresh IV each time', () => {
    const secret = 'mot de passe très secret €';
    const sealed = box.seal(secret);
    expect(sealed).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]+$/);
    expect(sealed).not.toContain(secret);
    expect(box.open(sealed)).toBe(secret);
    expect(box.seal(secret)).not.toBe(sealed);
    expect(box.open(box.seal(''))).toBe('');
  });

  it('detects tampering with the ciphertext, the tag or the IV', () => {
    const sealed = box.seal('hunter2-hunter2');
    const [version, iv, tag, ciphertext] = sealed.split(':') as [string, string, string, string];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, 'base64url');
      bytes[0] = bytes[0]! ^ 0x01;
      return bytes.toString('base64url');
    };
    for (const changed of [
      [version, iv, tag, flip(ciphertext)],
      [version, iv, flip(tag), ciphertext],
      [version, flip(iv), tag, ciphertext],
    ]) {
      expect(() => box.open(changed.join(':'))).toThrow(SecretBoxError);
    }
    expect(() => box.open(`v2:${iv}:${tag}:${ciphertext}`)).toThrow(SecretBoxError);
    expect(() => box.open('hunter2')).toThrow(SecretBoxError);
  });

  it('refuses to open with another key', () => {
    const sealed = box.seal('secret');
    expect(() => createSecretBox(randomBytes(32)).open(sealed)).toThrow(/another key/);
  });

  it('needs a 32-byte key', () => {
    expect(() => createSecretBox(randomBytes(16))).toThrow(SecretBoxError);
  });

  it('reads SECRETS_KEY in hex or base64, and derives a stable key from the session secret', () => {
    const hex = key.toString('hex');
    expect(parseSecretsKey(hex)?.equals(key)).toBe(true);
    expect(parseSecretsKey(key.toString('base64'))?.equals(key)).toBe(true);
    expect(parseSecretsKey(key.toString('base64url'))?.equals(key)).toBe(true);
    expect(parseSecretsKey('too-short')).toBeUndefined();
    expect(parseSecretsKey(randomBytes(24).toString('base64'))).toBeUndefined();
    const derived = deriveSecretsKey('a-session-secret-of-at-least-32-chars');
    expect(derived).toHaveLength(32);
    expect(deriveSecretsKey('a-session-secret-of-at-least-32-chars').equals(derived)).toBe(true);
    expect(deriveSecretsKey('another-session-secret-of-32-chars!!').equals(derived)).toBe(false);
  });

  it('is required in production and validated by the configuration', () => {
    const base = { DATA_DIR: '/tmp/guichet-secret-box-test', SESSION_SECRET: 'x'.repeat(40) };
    expect(() => loadConfig({ ...base, NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, NODE_ENV: 'production' })).toThrow(/SECRETS_KEY/);
    expect(() => loadConfig({ ...base, SECRETS_KEY: 'nope' })).toThrow(/SECRETS_KEY/);
    const config = loadConfig({ ...base, NODE_ENV: 'production', SECRETS_KEY: key.toString('hex') });
    expect(Buffer.from(config.secretsKey, 'base64').equals(key)).toBe(true);
    const development = loadConfig(base);
    expect(Buffer.from(development.secretsKey, 'base64').equals(deriveSecretsKey('x'.repeat(40)))).toBe(true);
  });
});
