import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random 32-byte token, URL-safe: session cookies, CSRF tokens, e-mailed links. */
export function generateSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this digest is stored, so a leaked table does not hand out live tokens. */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function isSameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
