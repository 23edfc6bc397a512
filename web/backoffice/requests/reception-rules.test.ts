import { describe, expect, it } from 'vitest';
import { t } from '../../i18n/fr';
import { readPostalAddress, receivedAtOf } from './reception-rules';

const empty = { line1: '', line2: '', postcode: '', city: '' };

describe('postal address at the desk', () => {
  it('is absent when every part is empty', () => {
    expect(readPostalAddress(empty, 'contact.postalAddress')).toEqual({ address: null, errors: {} });
  });

  it('is complete with number and street, postcode and town', () => {
    const values = { line1: '3 rue de la Mairie', line2: '', postcode: '67000', city: 'Strasbourg' };
    expect(readPostalAddress(values, 'p').address).toEqual({
      line1: '3 rue de la Mairie',
      postcode: '67000',
      city: 'Strasbourg',
    });
  });

  it('names each missing or wrong part', () => {
    const { address, errors } = readPostalAddress({ ...empty, line2: 'Bât. B', postcode: '670' }, 'p');
    expect(address).toBeNull();
    expect(errors).toEqual({
      'p.line1': [t.validation.addressIncomplete],
      'p.postcode': [t.validation.postcode],
      'p.city': [t.validation.addressIncomplete],
    });
  });
});

describe('date of receipt of a letter', () => {
  const now = new Date('2026-11-29T08:30:00Z');

  it('is noon in Paris for a past day', () => {
    expect(receivedAtOf('2026-11-20', '2026-11-29', now)).toBe('2026-11-20T10:00:00.000Z');
  });

  it('is the present moment for today, never later', () => {
    expect(receivedAtOf('2026-11-29', '2026-11-29', now)).toBe(now.toISOString());
  });

  it('refuses a future or malformed day', () => {
    expect(receivedAtOf('2026-11-30', '2026-11-29', now)).toBeNull();
    expect(receivedAtOf('29/11/2026', '2026-11-29', now)).toBeNull();
  });
});
