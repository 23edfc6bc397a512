import { describe, expect, it } from 'vitest';
import { centsFromEuros, formatEuros, parseEuros } from './money';

describe('formatEuros', () => {
  it('writes cents as a French amount in euros, with Intl’s no-break spaces', () => {
    expect(formatEuros(270)).toBe('2,70\u00a0€');
    expect(formatEuros(5)).toBe('0,05\u00a0€');
    expect(formatEuros(0)).toBe('0,00\u00a0€');
    expect(formatEuros(1200)).toBe('12,00\u00a0€');
    expect(formatEuros(120_050)).toBe('1\u202f200,50\u00a0€');
  });
});

describe('parseEuros', () => {
  it('reads a decimal comma or point, whole euros and cents, in cents', () => {
    expect(parseEuros('2,70')).toBe(270);
    expect(parseEuros('2.70')).toBe(270);
    expect(parseEuros('2,7')).toBe(270);
    expect(parseEuros('2')).toBe(200);
    expect(parseEuros('0,05')).toBe(5);
    expect(parseEuros('0')).toBe(0);
    expect(parseEuros('12')).toBe(1200);
  });

  it('takes a euro sign, surrounding spaces and spaces grouping thousands', () => {
    expect(parseEuros(' 0,05 € ')).toBe(5);
    expect(parseEuros('2,70€')).toBe(270);
    expect(parseEuros('2,70\u00a0€')).toBe(270);
    expect(parseEuros('1\u202f200,5')).toBe(120_050);
    expect(parseEuros('1 200')).toBe(120_000);
    expect(parseEuros('1200,50')).toBe(120_050);
  });

  it('refuses negatives, more than two decimals and what is not an amount', () => {
    for (const text of [
      '',
      ' ',
      'gratuit',
      '-1',
      '-0,05',
      '+2',
      '2,705',
      '0,001',
      '2,',
      ',5',
      '.5',
      '1,2,3',
      '12 34',
      '1e3',
      '€2',
      '2 € 50',
      '99999999999999999',
    ]) {
      expect(parseEuros(text), text).toBeNull();
    }
  });

  it('gives back what formatEuros wrote', () => {
    for (const cents of [0, 5, 270, 1200, 120_050]) expect(parseEuros(formatEuros(cents))).toBe(cents);
  });
});

describe('centsFromEuros', () => {
  it('converts floating-point euros exactly, whatever the binary noise', () => {
    expect(centsFromEuros(2.7)).toBe(270);
    expect(centsFromEuros(0.05)).toBe(5);
    expect(centsFromEuros(0.15000000000000002)).toBe(15);
    expect(centsFromEuros(0.1 + 0.2)).toBe(30);
    expect(centsFromEuros(12)).toBe(1200);
    expect(centsFromEuros(0)).toBe(0);
    expect(centsFromEuros(14.5)).toBe(1450);
  });

  it('rounds a fraction of a cent half away from zero on the decimal writing', () => {
    expect(centsFromEuros(1.005)).toBe(101);
    expect(centsFromEuros(0.125)).toBe(13);
    expect(centsFromEuros(0.124)).toBe(12);
    expect(centsFromEuros(-1.005)).toBe(-101);
    expect(Object.is(centsFromEuros(-0.001), 0)).toBe(true);
  });

  it('refuses what is not a number of euros', () => {
    expect(() => centsFromEuros(Number.NaN)).toThrow(RangeError);
    expect(() => centsFromEuros(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
