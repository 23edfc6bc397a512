import { describe, expect, it } from 'vitest';
import { parseEuros } from '../../../common/money';
import { formatEurosInput, moveItem } from './tenant-settings-rules';

describe('moveItem', () => {
  const order = ['sms', 'email', 'portal'];

  it('moves an item up or down one place, leaving the original list alone', () => {
    expect(moveItem(order, 1, -1)).toEqual(['email', 'sms', 'portal']);
    expect(moveItem(order, 1, 1)).toEqual(['sms', 'portal', 'email']);
    expect(order).toEqual(['sms', 'email', 'portal']);
  });

  it('stays at the ends instead of wrapping around', () => {
    expect(moveItem(order, 0, -1)).toEqual(order);
    expect(moveItem(order, 2, 1)).toEqual(order);
    expect(moveItem(order, 5, -1)).toEqual(order);
  });
});

describe('formatEurosInput', () => {
  it('writes cents as euros the French way, the decimals only when there are some', () => {
    expect(formatEurosInput(270)).toBe('2,70');
    expect(formatEurosInput(5)).toBe('0,05');
    expect(formatEurosInput(1200)).toBe('12');
    expect(formatEurosInput(0)).toBe('0');
    expect(formatEurosInput(120_050)).toBe('1200,50');
  });

  it('writes what parseEuros reads back to the same cents', () => {
    for (const cents of [0, 5, 99, 270, 1200, 1450, 1_000_000]) {
      expect(parseEuros(formatEurosInput(cents))).toBe(cents);
    }
  });
});
