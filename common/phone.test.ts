import { describe, expect, it } from 'vitest';
import { formatPhone } from './phone';

describe('formatPhone', () => {
  it('shows French numbers in pairs, however they were stored', () => {
    for (const stored of [
      '0639981234',
      '06 39 98 12 34',
      '06.39.98.12.34',
      '+33639981234',
      '+33 (0)6 39 98 12 34',
      '0033639981234',
    ]) {
      expect(formatPhone(stored), stored).toBe('06 39 98 12 34');
    }
    expect(formatPhone('0199001234')).toBe('01 99 00 12 34');
  });

  it('keeps the country code of overseas numbers, grouped', () => {
    expect(formatPhone('+262639123456')).toBe('+262 6 39 12 34 56');
    expect(formatPhone('+590690123456')).toBe('+590 6 90 12 34 56');
  });

  it('leaves anything else as it was given', () => {
    expect(formatPhone('+4915112345678')).toBe('+4915112345678');
    expect(formatPhone(' 3630 ')).toBe('3630');
    expect(formatPhone('standard de la mairie')).toBe('standard de la mairie');
  });
});
