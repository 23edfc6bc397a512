import { t } from '../i18n/fr';

/** The rules of one text-like field, checked when the form is submitted. */
export interface TextRules {
  isRequired?: boolean;
  type?: string;
  minLength?: number;
  maxLength?: number;
  /** A regular expression the whole value must match (as in the HTML attribute). */
  pattern?: string;
  /** The message for a value that does not match `pattern`. */
  patternMessage?: string;
  minValue?: number;
  maxValue?: number;
  /** A further rule; returns the French message when the value breaks it. */
  validate?: (value: string) => string | null | undefined;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Phone numbers as the API accepts them: digits, spaces, dots, dashes, brackets, a leading +. */
export const phonePattern = '\\+?[0-9][0-9 .()-]{5,24}';

/** The French message for a value that breaks one of the rules, or null when it is fine. */
export function validateText(value: string, rules: TextRules): string | null {
  if (!value.trim()) return rules.isRequired ? t.validation.required : null;
  if (rules.type === 'email' && !emailPattern.test(value.trim())) return t.validation.email;
  if (rules.minLength !== undefined && value.length < rules.minLength)
    return t.validation.tooShort(rules.minLength);
  if (rules.maxLength !== undefined && value.length > rules.maxLength)
    return t.validation.tooLong(rules.maxLength);
  if (rules.pattern && !new RegExp(`^(?:${rules.pattern})$`, 'u').test(value.trim())) {
    return rules.patternMessage ?? t.validation.invalid;
  }
  if (rules.minValue !== undefined || rules.maxValue !== undefined) {
    const number = Number(value);
    if (!Number.isFinite(number)) return t.validation.invalid;
    if (rules.minValue !== undefined && number < rules.minValue)
      return t.validation.rangeUnderflow(rules.minValue);
    if (rules.maxValue !== undefined && number > rules.maxValue)
      return t.validation.rangeOverflow(rules.maxValue);
  }
  return rules.validate?.(value) ?? null;
}
