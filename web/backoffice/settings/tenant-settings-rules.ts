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

/**
 * An amount in euros as typed in France: « 2,70 », « 2.70 », « 2,7 € », « 1 200,50 » (spaces,
 * including no-break ones, group thousands). Null when it is not a non-negative amount with at
 * most two decimals.
 */
export function parseEuros(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, '');
  if (!/^\d+(?:[.,]\d{1,2})?$/.test(compact)) return null;
  return Number(compact.replace(',', '.'));
}

/** An amount as a French input value: « 2,70 », « 12 », « 0,05 ». */
export function formatEurosInput(amount: number): string {
  return Number.isInteger(amount) ? String(amount) : amount.toFixed(2).replace('.', ',');
}
