/** Rules of the reception desk form that span several fields (pure, unit-tested). */
import type { FieldErrors } from '../../api/problem';
import type { PostalAddress } from '../../api/types';
import { t } from '../../i18n/fr';

export type AddressValues = Record<'line1' | 'line2' | 'postcode' | 'city', string>;

const postcodePattern = /^[0-9]{5}$/;

/** An address is complete (number and street, postcode, town) or left empty. */
export function readPostalAddress(
  values: AddressValues,
  prefix: string,
): { address: PostalAddress | null; errors: FieldErrors } {
  const { line1, line2, postcode, city } = values;
  if (!line1 && !line2 && !postcode && !city) return { address: null, errors: {} };
  const errors: FieldErrors = {};
  if (!line1) errors[`${prefix}.line1`] = [t.validation.addressIncomplete];
  if (!postcode) errors[`${prefix}.postcode`] = [t.validation.addressIncomplete];
  else if (!postcodePattern.test(postcode)) errors[`${prefix}.postcode`] = [t.validation.postcode];
  if (!city) errors[`${prefix}.city`] = [t.validation.addressIncomplete];
  if (Object.keys(errors).length > 0) return { address: null, errors };
  return { address: { line1, ...(line2 ? { line2 } : {}), postcode, city }, errors: {} };
}

/**
 * The instant sent as `receivedAt` for a letter received on `day` (YYYY-MM-DD): noon in Paris
 * (10:00 UTC, within that day whatever the season) for a past day, the present moment for today
 * (never in the future). Null for a malformed or future day. `today` is today in Paris.
 */
export function receivedAtOf(day: string, today: string, now: Date): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || day > today) return null;
  if (day === today) return now.toISOString();
  const date = new Date(`${day}T10:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
