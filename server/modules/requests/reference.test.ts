import { describe, expect, it } from 'vitest';
import { formatReference, isReference, parseReference } from './reference';

describe('formatReference', () => {
  it.each([
    [2026, 1, '2026-000001'],
    [2026, 123, '2026-000123'],
    [2027, 999_999, '2027-999999'],
    [2027, 1_000_000, '2027-1000000'],
    [2030, 12_345_678, '2030-12345678'],
  ])('writes year %i, number %i as %s', (year, sequence, expected) => {
    expect(formatReference(year, sequence)).toBe(expected);
  });

  it.each([
    [2026, 0],
    [2026, -1],
    [2026, 1.5],
    [999, 1],
    [10_000, 1],
    [2026.5, 1],
  ])('refuses year %d with number %d', (year, sequence) => {
    expect(() => formatReference(year, sequence)).toThrow(RangeError);
  });
});

describe('parseReference', () => {
  it.each([
    ['2026-000123', 2026, 123],
    ['2026-000001', 2026, 1],
    [' 2027-999999 ', 2027, 999_999],
    ['2027-1000000', 2027, 1_000_000],
  ])('reads %j', (input, year, sequence) => {
    expect(parseReference(input)).toEqual({ year, sequence });
    expect(isReference(input)).toBe(true);
  });

  it.each([
    '',
    '2026',
    '2026-',
    '2026-123',
    '2026-00123',
    '2026-000000',
    '2026-0000123',
    '26-000123',
    '0999-000001',
    '2026_000123',
    '2026-000123a',
    'x2026-000123',
  ])('refuses %j', (input) => {
    expect(parseReference(input)).toBeUndefined();
    expect(isReference(input)).toBe(false);
  });

  it('round-trips', () => {
    for (const sequence of [1, 9, 10, 99_999, 100_000, 999_999, 1_000_000, 54_321_000]) {
      expect(parseReference(formatReference(2026, sequence))).toEqual({ year: 2026, sequence });
    }
  });
});
