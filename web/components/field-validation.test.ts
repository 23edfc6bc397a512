import { describe, expect, it } from 'vitest';
import { t } from '../i18n/fr';
import { validateText } from './field-validation';

describe('validateText', () => {
  it('asks for a required value, and lets an optional one be empty', () => {
    expect(validateText('  ', { isRequired: true })).toBe(t.validation.required);
    expect(validateText('', { type: 'email', minLength: 10 })).toBeNull();
  });

  it('checks e-mail addresses, lengths and patterns in French', () => {
    expect(validateText('pas-une-adresse', { type: 'email' })).toBe(t.validation.email);
    expect(validateText('nom@exemple.fr', { type: 'email' })).toBeNull();
    expect(validateText('court', { minLength: 10 })).toBe(t.validation.tooShort(10));
    expect(
      validateText('Voirie', { pattern: '[a-z0-9]+(?:(?:-|_)[a-z0-9]+)*', patternMessage: 'code' }),
    ).toBe('code');
    expect(validateText('etat-civil', { pattern: '[a-z0-9]+(?:(?:-|_)[a-z0-9]+)*' })).toBeNull();
  });

  it('checks number ranges, then the field’s own rule', () => {
    expect(validateText('0', { minValue: 1, maxValue: 365 })).toBe(t.validation.rangeUnderflow(1));
    expect(validateText('400', { minValue: 1, maxValue: 365 })).toBe(t.validation.rangeOverflow(365));
    expect(validateText('abc', { minValue: 1 })).toBe(t.validation.invalid);
    expect(validateText('x', { validate: (value) => (value === 'x' ? 'non' : null) })).toBe('non');
  });
});
