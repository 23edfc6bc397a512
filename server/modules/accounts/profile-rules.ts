import type { PostalAddress } from './accounts.tables';

export interface ContactProfile {
  phone: string | null;
  postalAddress: PostalAddress | null;
  preferredChannel: 'email' | 'sms' | 'letter' | 'portal';
}

/**
 * A preferred channel must be reachable: SMS needs a phone number, a letter needs a postal
 * address. Returns the field at fault and why, or undefined.
 */
export function findContactProblem(profile: ContactProfile): { field: string; message: string } | undefined {
  if (profile.preferredChannel === 'sms' && !profile.phone) {
    return { field: 'phone', message: 'is required to be contacted by SMS' };
  }
  if (profile.preferredChannel === 'letter' && !profile.postalAddress) {
    return { field: 'postalAddress', message: 'is required to be contacted by letter' };
  }
  return undefined;
}

/** `06 12 34 56 78`, `+33 6 12-34-56-78` → `0612345678`, `+33612345678`: digits and a leading +. */
export function normalisePhone(phone: string): string {
  const trimmed = phone.trim();
  return (trimmed.startsWith('+') ? '+' : '') + trimmed.replace(/\D/g, '');
}
