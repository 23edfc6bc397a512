import { describe, expect, it } from 'vitest';
import { findContactProblem, normalisePhone } from './profile-rules';

describe('findContactProblem', () => {
  const address = { line1: '1 place de la Mairie', postcode: '75001', city: 'Paris' };

  it('accepts e-mail and portal without phone or address', () => {
    expect(
      findContactProblem({ phone: null, postalAddress: null, preferredChannel: 'email' }),
    ).toBeUndefined();
    expect(
      findContactProblem({ phone: null, postalAddress: null, preferredChannel: 'portal' }),
    ).toBeUndefined();
  });

  it('asks for a phone number when SMS is preferred', () => {
    expect(findContactProblem({ phone: null, postalAddress: address, preferredChannel: 'sms' })).toEqual({
      field: 'phone',
      message: expect.stringContaining('SMS'),
    });
    expect(
      findContactProblem({ phone: '0612345678', postalAddress: null, preferredChannel: 'sms' }),
    ).toBeUndefined();
  });

  it('asks for a postal address when letters are preferred', () => {
    expect(
      findContactProblem({ phone: '0612345678', postalAddress: null, preferredChannel: 'letter' })?.field,
    ).toBe('postalAddress');
    expect(
      findContactProblem({ phone: null, postalAddress: address, preferredChannel: 'letter' }),
    ).toBeUndefined();
  });
});

describe('normalisePhone', () => {
  it('keeps digits and a leading plus', () => {
    expect(normalisePhone(' 06 12.34-56 78 ')).toBe('0612345678');
    expect(normalisePhone('+33 (0)6 12 34 56 78')).toBe('+330612345678');
  });
});
