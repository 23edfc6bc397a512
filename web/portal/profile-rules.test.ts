import { describe, expect, it } from 'vitest';
import { t } from '../i18n/fr';
import { readProfile, type ProfileFormValues } from './profile-rules';

const empty: ProfileFormValues = {
  firstName: 'Camille',
  lastName: 'Martin',
  phone: '',
  'postalAddress.line1': '',
  'postalAddress.line2': '',
  'postalAddress.postcode': '',
  'postalAddress.city': '',
  preferredChannel: 'email',
};

describe('readProfile', () => {
  it('sends no address and no phone when they are left empty', () => {
    expect(readProfile(empty)).toEqual({
      changes: {
        firstName: 'Camille',
        lastName: 'Martin',
        phone: null,
        postalAddress: null,
        preferredChannel: 'email',
      },
      errors: {},
    });
  });

  it('asks for the missing parts of a partly typed address', () => {
    const { changes, errors } = readProfile({ ...empty, 'postalAddress.city': 'Démo' });
    expect(changes).toBeNull();
    expect(errors['postalAddress.line1']).toEqual([t.validation.addressIncomplete]);
    expect(errors['postalAddress.postcode']).toEqual([t.validation.addressIncomplete]);
    expect(errors['postalAddress.city']).toBeUndefined();
  });

  it('refuses a postcode that is not five digits', () => {
    const { errors } = readProfile({
      ...empty,
      'postalAddress.line1': '1 place de la Mairie',
      'postalAddress.postcode': '7500',
      'postalAddress.city': 'Démo',
    });
    expect(errors).toEqual({ 'postalAddress.postcode': [t.validation.postcode] });
  });

  it('needs a phone for SMS and an address for letters', () => {
    expect(readProfile({ ...empty, preferredChannel: 'sms' }).errors).toEqual({
      phone: [t.validation.smsNeedsPhone],
    });
    expect(readProfile({ ...empty, preferredChannel: 'letter' }).errors).toEqual({
      'postalAddress.line1': [t.validation.letterNeedsAddress],
    });
  });

  it('keeps the address line 2 only when given', () => {
    const { changes } = readProfile({
      ...empty,
      phone: '06 12 34 56 78',
      'postalAddress.line1': '1 place de la Mairie',
      'postalAddress.postcode': '75001',
      'postalAddress.city': 'Démo',
      preferredChannel: 'letter',
    });
    expect(changes?.postalAddress).toEqual({
      line1: '1 place de la Mairie',
      postcode: '75001',
      city: 'Démo',
    });
    expect(changes?.phone).toBe('06 12 34 56 78');
  });
});
