/**
 * Request references read `2026-000123`: the year of receipt, then the tenant's counter for that
 * year on at least six digits (a seventh appears past 999,999).
 */

const referencePattern = /^(\d{4})-(\d{6,})$/;

export interface ParsedReference {
  year: number;
  sequence: number;
}

export function formatReference(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999)
    throw new RangeError(`Not a reference year: ${year}`);
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new RangeError(`Not a reference sequence: ${sequence}`);
  }
  return `${year}-${String(sequence).padStart(6, '0')}`;
}

/** The year and sequence of a reference, or undefined when `input` is not one (surrounding spaces allowed). */
export function parseReference(input: string): ParsedReference | undefined {
  const match = referencePattern.exec(input.trim());
  if (!match) return undefined;
  const year = Number(match[1]);
  const sequence = Number(match[2]);
  if (year < 1000 || !Number.isSafeInteger(sequence) || sequence < 1) return undefined;
  // 2026-0000123 is not a reference: only the six-digit padding may carry leading zeros.
  if (formatReference(year, sequence) !== match[0]) return undefined;
  return { year, sequence };
}

export function isReference(input: string): boolean {
  return parseReference(input) !== undefined;
}
