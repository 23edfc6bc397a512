import type { Cents } from '../../../common/money';

/** Pure rules of the « Réglages de la commune » form. */

/** A copy of `items` with the item at `index` moved by `offset` places (clamped to the ends). */
export function moveItem<T>(items: readonly T[], index: number, offset: number): T[] {
  const copy = [...items];
  if (index < 0 || index >= copy.length) return copy;
  const target = Math.min(copy.length - 1, Math.max(0, index + offset));
  const [item] = copy.splice(index, 1);
  copy.splice(target, 0, item!);
  return copy;
}

/** An amount in cents as a French input value in euros: « 2,70 », « 12 », « 0,05 » (read back by `parseEuros`). */
export function formatEurosInput(cents: Cents): string {
  const euros = String(Math.trunc(cents / 100));
  const rest = cents % 100;
  return rest === 0 ? euros : `${euros},${String(rest).padStart(2, '0')}`;
}
