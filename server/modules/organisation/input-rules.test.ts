import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/app-error';
import { resolveSilenceSetting } from './input-rules';

describe('resolveSilenceSetting', () => {
  const none = { silenceRule: 'none', silencePeriodDays: null } as const;

  it('keeps no period for the none rule', () => {
    expect(resolveSilenceSetting(none, {})).toEqual(none);
    expect(
      resolveSilenceSetting({ silenceRule: 'rejection', silencePeriodDays: 60 }, { silenceRule: 'none' }),
    ).toEqual(none);
  });

  it('takes the period given, or the current one', () => {
    expect(resolveSilenceSetting(none, { silenceRule: 'acceptance', silencePeriodDays: 60 })).toEqual({
      silenceRule: 'acceptance',
      silencePeriodDays: 60,
    });
    expect(
      resolveSilenceSetting(
        { silenceRule: 'acceptance', silencePeriodDays: 60 },
        { silenceRule: 'rejection' },
      ),
    ).toEqual({ silenceRule: 'rejection', silencePeriodDays: 60 });
  });

  it('refuses a rule without a period, naming silencePeriodDays', () => {
    for (const changes of [
      { silenceRule: 'rejection' as const },
      { silenceRule: 'acceptance' as const, silencePeriodDays: null },
    ]) {
      const attempt = () => resolveSilenceSetting(none, changes);
      expect(attempt).toThrow(AppError);
      try {
        attempt();
      } catch (error) {
        expect((error as AppError).details).toEqual({
          errors: [
            {
              field: 'silencePeriodDays',
              message: `is required when silenceRule is "${changes.silenceRule}"`,
            },
          ],
        });
      }
    }
    expect(() =>
      resolveSilenceSetting(
        { silenceRule: 'acceptance', silencePeriodDays: 30 },
        { silencePeriodDays: null },
      ),
    ).toThrow(AppError);
  });
});
