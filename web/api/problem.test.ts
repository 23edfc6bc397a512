import { describe, expect, it } from 'vitest';
import { t } from '../i18n/fr';
import { fieldErrorsOf, formFieldName, messageOf } from './problem';

describe('problem+json to form errors', () => {
  it('puts each validation error under its field, in French', () => {
    const errors = fieldErrorsOf({
      status: 400,
      code: 'VALIDATION_FAILED',
      errors: [
        { field: 'email', message: 'must match format "email"' },
        { field: 'postalAddress.postcode', message: 'must match pattern "^[0-9]{5}$"' },
        { field: 'firstName', message: 'must NOT have fewer than 1 characters' },
        { field: 'lastName', message: "must have required property 'lastName'" },
      ],
    });
    expect(errors).toEqual({
      email: [t.validation.email],
      'postalAddress.postcode': [t.validation.postcode],
      firstName: [t.validation.required],
      lastName: [t.validation.required],
    });
  });

  it('maps the silence period errors to its field, without the nullable union noise', () => {
    expect(
      fieldErrorsOf({
        status: 400,
        code: 'VALIDATION_FAILED',
        errors: [
          { field: 'silencePeriodDays', message: 'must be <= 365' },
          { field: 'silencePeriodDays', message: 'must be null' },
          { field: 'silencePeriodDays', message: 'must match a schema in anyOf' },
          { field: 'silenceRule', message: 'must match a schema in anyOf' },
        ],
      }),
    ).toEqual({
      silencePeriodDays: [t.validation.rangeOverflow(365)],
      silenceRule: [t.validation.invalid],
    });
    expect(
      fieldErrorsOf({
        status: 400,
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'silencePeriodDays', message: 'is required when silenceRule is "rejection"' }],
      }),
    ).toEqual({ silencePeriodDays: [t.validation.required] });
  });

  it('asks for an amount in euros under a field the API takes in cents, never for a number of cents', () => {
    expect(
      fieldErrorsOf({
        status: 400,
        code: 'VALIDATION_FAILED',
        errors: [
          { field: 'settings.unitCostsCents.letter', message: 'must be integer' },
          { field: '/settings/unitCostsCents/counter', message: 'must be <= 1000000' },
        ],
      }),
    ).toEqual({
      'settings.unitCostsCents.letter': [t.validation.amount],
      'settings.unitCostsCents.counter': [t.validation.amount],
    });
  });

  it('names the field a code implies when the server does not', () => {
    expect(fieldErrorsOf({ status: 409, code: 'EMAIL_TAKEN' })).toEqual({
      email: [t.errors.byCode.EMAIL_TAKEN],
    });
    expect(
      fieldErrorsOf({
        status: 400,
        code: 'WEAK_PASSWORD',
        errors: [{ field: 'password', message: 'too common' }],
      }),
    ).toEqual({ password: [t.validation.weakPassword] });
  });

  it('explains the identity provider and calendar rules under their fields', () => {
    expect(
      fieldErrorsOf({
        status: 400,
        code: 'VALIDATION_FAILED',
        errors: [
          { field: 'issuerUrl', message: 'must be an absolute URL' },
          { field: 'scopes', message: 'must include openid' },
        ],
      }),
    ).toEqual({ issuerUrl: [t.validation.issuerUrl], scopes: [t.validation.openidScope] });
    expect(
      fieldErrorsOf({
        status: 409,
        code: 'IDENTITY_PROVIDER_SLUG_TAKEN',
        errors: [{ field: 'slug', message: 'is already used' }],
      }),
    ).toEqual({ slug: [t.errors.byCode.IDENTITY_PROVIDER_SLUG_TAKEN] });
    expect(
      fieldErrorsOf({
        status: 409,
        code: 'CALENDAR_CLOSURE_TAKEN',
        errors: [{ field: 'day', message: 'already has a closure' }],
      }),
    ).toEqual({ day: [t.errors.byCode.CALENDAR_CLOSURE_TAKEN] });
  });

  it('normalises JSON-pointer-like paths and keeps unknown rules readable', () => {
    expect(formFieldName('/postalAddress/city')).toBe('postalAddress.city');
    expect(formFieldName('body.roles.0')).toBe('roles');
    expect(fieldErrorsOf({ code: 'VALIDATION_FAILED', errors: [{ field: 'code', message: 'odd' }] })).toEqual(
      {
        code: [t.validation.invalid],
      },
    );
  });

  it('chooses the message above the form', () => {
    expect(messageOf({ status: 401, code: 'INVALID_CREDENTIALS' })).toBe(t.errors.byCode.INVALID_CREDENTIALS);
    expect(messageOf({ status: 500, code: 'INTERNAL_ERROR', requestId: 'req-42' })).toBe(
      t.errors.unexpected('req-42'),
    );
    expect(messageOf({ status: 418, code: 'SOMETHING_NEW' })).toBe(t.errors.unexpectedNoReference);
  });
});

describe('codes that name their field', () => {
  it('puts a weak new password and a wrong current password under their own fields', () => {
    expect(
      fieldErrorsOf({ code: 'WEAK_PASSWORD', errors: [{ field: 'newPassword', message: 'is too common' }] }),
    ).toEqual({ newPassword: [t.validation.weakPassword] });
    expect(fieldErrorsOf({ code: 'CURRENT_PASSWORD_INCORRECT' })).toEqual({
      currentPassword: [t.portal.account.wrongCurrentPassword],
    });
  });
});
