/**
 * Tracking codes let a citizen without an account follow a request (`/suivi/<code>`). Eight
 * characters from twenty consonants (no vowels: no words, no 0/O or 1/I confusion) give 20^8 ≈
 * 2.6 × 10^10 codes, drawn with a cryptographic random source.
 */
import { randomInt } from 'node:crypto';

export const trackingCodeAlphabet = 'BCDFGHJKLMNPQRSTVWXZ';
export const trackingCodeLength = 8;

const trackingCodePattern = new RegExp(`^[${trackingCodeAlphabet}]{${trackingCodeLength}}$`);

/** A source of uniform integers in [0, max): crypto.randomInt by default, injectable for tests. */
export type RandomIndex = (max: number) => number;

/**
 * A fresh tracking code. `crypto.randomInt` rejects out-of-range draws internally, so every
 * character is uniform over the alphabet (no modulo bias).
 */
export function generateTrackingCode(randomIndex: RandomIndex = randomInt): string {
  let code = '';
  for (let position = 0; position < trackingCodeLength; position += 1) {
    code += trackingCodeAlphabet[randomIndex(trackingCodeAlphabet.length)];
  }
  return code;
}

/** What a citizen typed, made comparable: upper case, without spaces, dashes or dots. */
export function normalizeTrackingCode(input: string): string {
  return input.toUpperCase().replace(/[\s\-‐‑–—._]/g, '');
}

/** Whether `code` (already normalised) is a well-formed tracking code. */
export function isTrackingCode(code: string): boolean {
  return trackingCodePattern.test(code);
}

/** The normalised code when `input` is a well-formed tracking code once normalised, else undefined. */
export function parseTrackingCode(input: string): string | undefined {
  const code = normalizeTrackingCode(input);
  return isTrackingCode(code) ? code : undefined;
}
