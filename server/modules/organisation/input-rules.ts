import { invalidField } from '../../platform/http/app-error';
import type { SilenceRule } from './organisation.tables';

/** `value` trimmed; a blank text is refused naming `field`. */
export function requireText(field: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw invalidField(field, 'must not be blank');
  return trimmed;
}

/** Like requireText for optional fields: `undefined` (unchanged) and `null` (cleared) pass through. */
export function optionalText(field: string, value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  return requireText(field, value);
}

export interface SilenceSetting {
  silenceRule: SilenceRule;
  silencePeriodDays: number | null;
}

/**
 * The silence setting after a change: a rule other than `none` needs its period (refused naming
 * `silencePeriodDays`); the `none` rule keeps no period.
 */
export function resolveSilenceSetting(
  current: SilenceSetting,
  changes: { silenceRule?: SilenceRule; silencePeriodDays?: number | null },
): SilenceSetting {
  const silenceRule = changes.silenceRule ?? current.silenceRule;
  if (silenceRule === 'none') return { silenceRule, silencePeriodDays: null };
  const silencePeriodDays =
    changes.silencePeriodDays === undefined ? current.silencePeriodDays : changes.silencePeriodDays;
  if (silencePeriodDays === null) {
    throw invalidField('silencePeriodDays', `is required when silenceRule is "${silenceRule}"`);
  }
  return { silenceRule, silencePeriodDays };
}
