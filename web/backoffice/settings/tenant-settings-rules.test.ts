import { describe, expect, it } from 'vitest';
import { formatEurosInput, moveItem, parseEuros } from './tenant-settings-rules';

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

describe('parseEuros', () => {
  it('accepts a decimal comma or point, a euro sign and grouped thousands', () => {
    expect(parseEuros('2,70')).toBe(2.7);
    expect(parseEuros('2.70')).toBe(2.7);
    expect(parseEuros(' 0,05 € ')).toBe(0.05);
    expect(parseEuros('1\u202f200,5')).toBe(1200.5);
    expect(parseEuros('12')).toBe(12);
  });

  it('refuses what is not an amount', () => {
    for (const text of ['', 'gratuit', '-1', '2,705', '2,', ',5', '1,2,3'])
      expect(parseEuros(text), text).toBeNull();
  });
});

describe('formatEurosInput', () => {
  it('writes amounts the French way, cents only when there are some', () => {
    expect(formatEurosInput(2.7)).toBe('2,70');
    expect(formatEurosInput(0.05)).toBe('0,05');
    expect(formatEurosInput(12)).toBe('12');
  });
});
