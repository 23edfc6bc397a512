import { domainToASCII } from 'node:url';

/**
 * The pure rules of `npm run town:create`: what a host name, a slug, an INSEE code and an
 * administrator's e-mail must look like. Each returns the normalised value or an error sentence
 * (the command prints every error at once, naming its option).
 */

export type Checked<T> = { value: T } | { error: string };

const labelPattern = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const ipv4Pattern = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * `Saint-Exemple.FR.` → `saint-exemple.fr`; an internationalised name is stored in its ASCII
 * (punycode) form, the one browsers send in the Host header.
 */
export function checkHostName(raw: string): Checked<string> {
  const trimmed = raw.trim().toLowerCase().replace(/\.$/, '');
  if (trimmed === '') return { error: 'must not be empty' };
  if (/[/\\]/.test(trimmed)) {
    return { error: `"${raw}" must be a host name alone, without scheme or path (e.g. saint-exemple.fr)` };
  }
  if (trimmed.includes(':') || trimmed.startsWith('[')) {
    return {
      error: `"${raw}" must be a host name without port (links use the protocol and port of PUBLIC_URL)`,
    };
  }
  if (ipv4Pattern.test(trimmed)) return { error: `"${raw}" must be a host name, not an IP address` };
  const ascii = domainToASCII(trimmed);
  if (ascii === '' || ascii.length > 253) return { error: `"${raw}" is not a valid host name` };
  const labels = ascii.split('.');
  if (labels.length < 2) {
    return { error: `"${raw}" must be a full host name with a domain, e.g. saint-exemple.fr` };
  }
  if (!labels.every((label) => labelPattern.test(label))) {
    return {
      error: `"${raw}" is not a valid host name (letters, digits and inner dashes, separated by dots)`,
    };
  }
  return { value: ascii };
}

export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slugMaxLength = 63;

/** `Ville de Saint-Exemple` → `saint-exemple`: the town's own name, in lower case ASCII with dashes. */
export function deriveSlug(name: string): string {
  const withoutPrefix = name.trim().replace(/^(?:ville|commune|mairie)\s+(?:de\s+|d[’']\s*)/i, '');
  const slug = withoutPrefix
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= slugMaxLength) return slug;
  return slug.slice(0, slugMaxLength).replace(/-[^-]*$/, '');
}

export function checkSlug(raw: string): Checked<string> {
  const slug = raw.trim();
  if (!slugPattern.test(slug) || slug.length > slugMaxLength) {
    return {
      error: `"${raw}" must be lower case letters and digits separated by single dashes, at most ${slugMaxLength} characters (e.g. saint-exemple)`,
    };
  }
  return { value: slug };
}

/** The code officiel géographique: five digits, or 2A/2B and three digits in Corsica. */
export function checkInseeCode(raw: string): Checked<string> {
  const code = raw.trim().toUpperCase();
  if (!/^(?:\d{5}|2[AB]\d{3})$/.test(code)) {
    return { error: `"${raw}" must be an INSEE code: five digits, or 2A/2B and three digits` };
  }
  return { value: code };
}

export function checkEmail(raw: string): Checked<string> {
  const email = raw.trim().toLowerCase();
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    return { error: `"${raw}" must be an e-mail address` };
  }
  return { value: email };
}

export const townNameMaxLength = 200;

export function checkTownName(raw: string): Checked<string> {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name === '') return { error: 'must not be blank' };
  if (name.length > townNameMaxLength) return { error: `must be at most ${townNameMaxLength} characters` };
  return { value: name };
}
