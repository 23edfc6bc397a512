/** Shortest password accepted (CNIL recommends 12 with complexity, or 10+ with a blocklist check). */
export const minimumPasswordLength = 10;

/**
 * Very common passwords of 10 characters or more (French and international leaked lists).
 * Kept short on purpose: the length rule already stops most of the others.
 */
const commonPasswords = new Set([
  '0123456789',
  '1234567890',
  '12345678910',
  '123456789a',
  '1234567890a',
  '1q2w3e4r5t',
  '1qaz2wsx3edc',
  'a123456789',
  'aaaaaaaaaa',
  'abcdefghij',
  'abcd123456',
  'administrateur',
  'administrator',
  'azerty1234',
  'azerty12345',
  'azertyuiop',
  'azertyuiop1',
  'azertyuiop123',
  'bonjour123',
  'bonjour1234',
  'chouchou12',
  'doudou1234',
  'football12',
  'iloveyou12',
  'jetaime123',
  'loulou1234',
  'marseille13',
  'motdepasse',
  'motdepasse1',
  'motdepasse12',
  'motdepasse123',
  'password12',
  'password123',
  'password1234',
  'passw0rd123',
  'qwerty1234',
  'qwerty12345',
  'qwertyuiop',
  'qwertyuiop1',
  'soleil1234',
  'unmotdepasse',
  'zaq12wsxcde',
]);

/**
 * Returns why `password` is too weak for the account `email`, or undefined when it is acceptable:
 * at least 10 characters, not one character repeated, not a very common password, and not
 * containing the local part of the e-mail address.
 */
export function findPasswordWeakness(password: string, email: string): string | undefined {
  if ([...password].length < minimumPasswordLength) {
    return `must be at least ${minimumPasswordLength} characters long`;
  }
  const lowered = password.toLowerCase();
  if (new Set(lowered).size === 1) return 'must not repeat a single character';
  if (commonPasswords.has(lowered)) return 'is too common';
  const localPart = email.trim().toLowerCase().split('@')[0] ?? '';
  if (localPart.length >= 3 && lowered.includes(localPart)) {
    return 'must not contain the e-mail address';
  }
  return undefined;
}
