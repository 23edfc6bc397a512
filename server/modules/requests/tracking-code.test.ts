import { describe, expect, it } from 'vitest';
import {
  generateTrackingCode,
  isTrackingCode,
  normalizeTrackingCode,
  parseTrackingCode,
  trackingCodeAlphabet,
  trackingCodeLength,
} from './tracking-code';

describe('generateTrackingCode', () => {
  it('draws eight characters from the twenty consonants', () => {
    expect(trackingCodeAlphabet).toHaveLength(20);
    expect(new Set(trackingCodeAlphabet).size).toBe(20);
    expect(trackingCodeAlphabet).not.toMatch(/[AEIOUY0-9]/);
    for (let index = 0; index < 200; index += 1) {
      const code = generateTrackingCode();
      expect(code).toHaveLength(trackingCodeLength);
      expect(code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{8}$/);
      expect(isTrackingCode(code)).toBe(true);
    }
  });

  it('asks the random source for an index below the alphabet size for each character', () => {
    const bounds: number[] = [];
    const indexes = [0, 19, 1, 18, 2, 17, 3, 16];
    const code = generateTrackingCode((max) => {
      bounds.push(max);
      return indexes[bounds.length - 1]!;
    });
    expect(bounds).toEqual(Array(8).fill(20));
    expect(code).toBe('BZCXDWFV');
  });

  it('uses every letter of the alphabet with no obvious skew', () => {
    const counts = new Map<string, number>();
    const draws = 2_000;
    for (let index = 0; index < draws; index += 1) {
      for (const character of generateTrackingCode()) counts.set(character, (counts.get(character) ?? 0) + 1);
    }
    expect(counts.size).toBe(20);
    // 16,000 characters: 800 expected per letter; a letter below 500 or above 1,100 is beyond 10 σ.
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(500);
      expect(count).toBeLessThan(1_100);
    }
  });

  it('does not repeat itself', () => {
    const codes = new Set(Array.from({ length: 1_000 }, () => generateTrackingCode()));
    expect(codes.size).toBe(1_000);
  });
});

describe('normalizeTrackingCode and parseTrackingCode', () => {
  it.each([
    ['bcdf-ghjk', 'BCDFGHJK'],
    [' BCDF GHJK ', 'BCDFGHJK'],
    ['bcdf–ghjk', 'BCDFGHJK'],
    ['b.c.d.f.g.h.j.k', 'BCDFGHJK'],
    ['BcDf\tGhJk', 'BCDFGHJK'],
  ])('reads %j as %s', (input, expected) => {
    expect(normalizeTrackingCode(input)).toBe(expected);
    expect(parseTrackingCode(input)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['BCDFGHJ', 'too short'],
    ['BCDFGHJKL', 'too long'],
    ['BCDFGHJA', 'a vowel'],
    ['BCDFGHJ1', 'a digit'],
    ['BCDFGHJÉ', 'an accented letter'],
  ])('refuses %j (%s)', (input) => {
    expect(parseTrackingCode(input)).toBeUndefined();
    expect(isTrackingCode(normalizeTrackingCode(input))).toBe(false);
  });

  it('validates only normalised codes', () => {
    expect(isTrackingCode('BCDFGHJK')).toBe(true);
    expect(isTrackingCode('bcdfghjk')).toBe(false);
    expect(isTrackingCode('BCDF-GHJK')).toBe(false);
  });
});
