/**
 * Money, shared by the server and the web app. Amounts are whole euro cents everywhere (database,
 * API, computations): sums and products stay exact. Euros appear only where a person reads or
 * types an amount.
 */

/** An amount in euro cents, always an integer: 270 is 2,70 €. */
export type Cents = number;

const euroFormat = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/** « 2,70 € », « 1 200,00 € », with the no-break spaces Intl puts in French amounts. */
export function formatEuros(cents: Cents): string {
  return euroFormat.format(cents / 100);
}

const spaces = '[ \\u00a0\\u202f]';
/** « 2 », « 2,7 », « 2.70 », « 1 200,50 »; then an optional euro sign. */
const euroAmount = new RegExp(`^(\\d{1,3}(?:${spaces}\\d{3})+|\\d+)(?:[.,](\\d{1,2}))?(?:${spaces}?€)?$`);

/**
 * An amount in euros as typed in France, in cents: « 2,70 », « 2.70 », « 2 », « 0,05 », « 2,70 € »,
 * « 1 200,50 » (spaces group thousands). Null for a negative amount, more than two decimals, or
 * anything that is not an amount.
 */
export function parseEuros(text: string): Cents | null {
  const match = euroAmount.exec(text.trim());
  if (!match) return null;
  const euros = Number(match[1]!.replace(/\D/g, ''));
  const cents = euros * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}

/**
 * An amount in floating-point euros (as stored before amounts were cents) in cents, rounded half
 * away from zero on its decimal writing: 2.7 → 270, 0.15000000000000002 → 15, 1.005 → 101 (where
 * `Math.round(1.005 * 100)` gives 100).
 */
export function centsFromEuros(euros: number): Cents {
  if (!Number.isFinite(euros)) throw new RangeError(`Not an amount: ${euros}`);
  // Shift the decimal point in the decimal writing (15 significant digits, what a double holds
  // exactly), not by a binary multiplication.
  const [mantissa, exponent] = Math.abs(euros).toExponential(14).split('e');
  const cents = Math.round(Number(`${mantissa}e${Number(exponent) + 2}`));
  return euros < 0 && cents !== 0 ? -cents : cents;
}
