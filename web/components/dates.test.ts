import { describe, expect, it } from 'vitest';
import { formatDay, todayInParis } from './dates';

describe('calendar days', () => {
  it('writes a day in French words', () => {
    expect(formatDay('2026-07-14')).toBe('mardi 14 juillet 2026');
    expect(formatDay('2026-01-01')).toBe('jeudi 1er janvier 2026');
    expect(formatDay('2026-11-11')).toBe('mercredi 11 novembre 2026');
  });

  it('leaves anything else as it is', () => {
    expect(formatDay('14/07/2026')).toBe('14/07/2026');
  });

  it('takes today in Paris, not in UTC', () => {
    expect(todayInParis(new Date('2026-03-01T23:30:00Z'))).toBe('2026-03-02');
    expect(todayInParis(new Date('2026-07-14T10:00:00Z'))).toBe('2026-07-14');
  });
});
