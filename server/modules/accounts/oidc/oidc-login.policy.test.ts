import { describe, expect, it } from 'vitest';
import {
  decideOidcAccount,
  readOidcClaims,
  type CandidateAccount,
  type OidcClaims,
} from './oidc-login.policy';

const claims: OidcClaims = { sub: 'abc', email: 'Camille@Example.fr', emailVerified: true };
const citizen: CandidateAccount = {
  kind: 'citizen',
  isActive: true,
  emailVerifiedAt: new Date('2026-01-05'),
};
const agent: CandidateAccount = { kind: 'agent', isActive: true, emailVerifiedAt: new Date('2026-01-05') };

describe('decideOidcAccount', () => {
  it('uses the linked account, citizen or agent, whatever the e-mail says', () => {
    expect(
      decideOidcAccount({
        claims: { sub: 'abc', emailVerified: false },
        linkedUser: agent,
        userWithSameEmail: undefined,
      }),
    ).toEqual({
      action: 'use',
      user: agent,
    });
  });

  it('refuses an inactive linked account', () => {
    const inactive = { ...citizen, isActive: false };
    expect(decideOidcAccount({ claims, linkedUser: inactive, userWithSameEmail: undefined }).action).toBe(
      'refuse',
    );
  });

  it('links the account of a verified e-mail, agents included', () => {
    expect(decideOidcAccount({ claims, linkedUser: undefined, userWithSameEmail: citizen })).toEqual({
      action: 'link',
      user: citizen,
      confirmEmail: false,
    });
    expect(decideOidcAccount({ claims, linkedUser: undefined, userWithSameEmail: agent }).action).toBe(
      'link',
    );
  });

  it('confirms the e-mail of an unconfirmed account it links', () => {
    const unconfirmed = { ...citizen, emailVerifiedAt: null };
    expect(
      decideOidcAccount({ claims, linkedUser: undefined, userWithSameEmail: unconfirmed }),
    ).toMatchObject({
      action: 'link',
      confirmEmail: true,
    });
  });

  it('never links an account on an e-mail the provider did not verify', () => {
    const decision = decideOidcAccount({
      claims: { ...claims, emailVerified: false },
      linkedUser: undefined,
      userWithSameEmail: agent,
    });
    expect(decision.action).toBe('refuse');
  });

  it('refuses to link an inactive account', () => {
    const inactive = { ...agent, isActive: false };
    expect(decideOidcAccount({ claims, linkedUser: undefined, userWithSameEmail: inactive }).action).toBe(
      'refuse',
    );
  });

  it('creates a citizen with the lower-cased e-mail, confirmed only when verified', () => {
    expect(decideOidcAccount({ claims, linkedUser: undefined, userWithSameEmail: undefined })).toEqual({
      action: 'create',
      email: 'camille@example.fr',
      emailVerified: true,
    });
    expect(
      decideOidcAccount({
        claims: { ...claims, emailVerified: false },
        linkedUser: undefined,
        userWithSameEmail: undefined,
      }),
    ).toMatchObject({ action: 'create', emailVerified: false });
  });

  it('refuses a new identity without a usable e-mail', () => {
    for (const email of [undefined, 'not-an-email', `${'a'.repeat(250)}@example.fr`]) {
      const decision = decideOidcAccount({
        claims: { ...claims, email },
        linkedUser: undefined,
        userWithSameEmail: undefined,
      });
      expect(decision.action).toBe('refuse');
    }
  });
});

describe('readOidcClaims', () => {
  it('reads the standard claims, email_verified as a boolean or the string "true"', () => {
    expect(
      readOidcClaims({
        sub: 'x',
        email: ' a@b.fr ',
        email_verified: 'true',
        given_name: 'Jean Pierre',
        family_name: 'Dupont',
      }),
    ).toEqual({
      sub: 'x',
      email: 'a@b.fr',
      emailVerified: true,
      givenName: 'Jean Pierre',
      familyName: 'Dupont',
    });
    expect(readOidcClaims({ sub: 'x', email_verified: 'false', given_name: '' })).toEqual({
      sub: 'x',
      email: undefined,
      emailVerified: false,
      givenName: undefined,
      familyName: undefined,
    });
  });
});
