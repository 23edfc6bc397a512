import { describe, expect, it } from 'vitest';
import { phaseTimestampsFor, withSearchText } from './change-request';

describe('phaseTimestampsFor', () => {
  const now = new Date('2026-12-04T09:00:00Z');
  const earlier = new Date('2026-12-01T09:00:00Z');
  const fresh = { status: 'received' as const, qualifiedAt: null, treatmentStartedAt: null };

  it('stamps qualification and the first start of treatment only once', () => {
    expect(phaseTimestampsFor(fresh, 'qualified', now)).toEqual({ qualifiedAt: now });
    expect(phaseTimestampsFor({ ...fresh, qualifiedAt: earlier }, 'qualified', now)).toEqual({
      qualifiedAt: earlier,
    });
    expect(phaseTimestampsFor({ ...fresh, status: 'qualified' }, 'in_progress', now)).toEqual({
      treatmentStartedAt: now,
    });
    expect(
      phaseTimestampsFor(
        { ...fresh, status: 'waiting_citizen', treatmentStartedAt: earlier },
        'in_progress',
        now,
      ),
    ).toEqual({ treatmentStartedAt: earlier });
  });

  it('stamps the answer and every way of finishing, and reopening clears the closure', () => {
    expect(phaseTimestampsFor(fresh, 'answered', now)).toEqual({ answeredAt: now });
    for (const status of ['closed', 'rejected', 'duplicate', 'cancelled'] as const) {
      expect(phaseTimestampsFor(fresh, status, now)).toEqual({ closedAt: now });
    }
    expect(
      phaseTimestampsFor({ ...fresh, status: 'closed', treatmentStartedAt: earlier }, 'in_progress', now),
    ).toEqual({ treatmentStartedAt: earlier, closedAt: null });
    expect(phaseTimestampsFor(fresh, 'waiting_citizen', now)).toEqual({});
  });
});

describe('withSearchText', () => {
  it('appends the text and keeps the most recent 100 000 characters', () => {
    expect(withSearchText({ searchExtra: 'Camille Martin' }, 'ENEDIS')).toBe('Camille Martin ENEDIS');
    const long = withSearchText({ searchExtra: 'x'.repeat(100_000) }, 'fin');
    expect(long).toHaveLength(100_000);
    expect(long.endsWith(' fin')).toBe(true);
  });
});
