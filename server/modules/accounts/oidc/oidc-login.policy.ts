/**
 * Who an OpenID Connect login opens a session for. The decision is pure; the use case
 * `resolveOidcAccount` reads the candidates and applies it.
 *
 * 1. An identity already linked (provider, sub) logs in its account: citizen or agent.
 * 2. Otherwise, an account of this tenant with the same e-mail is linked only when the provider
 *    says `email_verified: true`: the provider then vouches that this person controls the
 *    address, which is what our own confirmation link proves. This holds for agents too: it lets
 *    a town plug its own identity provider for its staff, while an agent can never be *created*
 *    through OIDC (agents are invited by an administrator). A provider that does not verify
 *    e-mails (FranceConnect sends no `email_verified`) never takes over an existing account.
 *    Linking an account whose e-mail was never confirmed also confirms it and drops its
 *    password: whoever registered that address without proving it (account pre-hijacking)
 *    loses access.
 * 3. Otherwise a citizen is created, its e-mail confirmed when the provider verified it.
 * Inactive accounts are refused at every step.
 */

export interface OidcClaims {
  sub: string;
  email?: string;
  emailVerified: boolean;
  givenName?: string;
  familyName?: string;
}

export interface CandidateAccount {
  kind: 'citizen' | 'agent';
  isActive: boolean;
  emailVerifiedAt: Date | null;
}

export type OidcAccountDecision<T extends CandidateAccount> =
  | { action: 'use'; user: T }
  | { action: 'link'; user: T; confirmEmail: boolean }
  | { action: 'create'; email: string; emailVerified: boolean }
  | { action: 'refuse'; reason: string };

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function decideOidcAccount<T extends CandidateAccount>(input: {
  claims: OidcClaims;
  linkedUser: T | undefined;
  userWithSameEmail: T | undefined;
}): OidcAccountDecision<T> {
  const { claims, linkedUser, userWithSameEmail } = input;
  if (linkedUser) {
    return linkedUser.isActive
      ? { action: 'use', user: linkedUser }
      : { action: 'refuse', reason: 'the linked account is inactive' };
  }
  const email = claims.email?.trim().toLowerCase();
  if (!email || email.length > 254 || !emailPattern.test(email)) {
    return { action: 'refuse', reason: 'the provider sent no usable e-mail address' };
  }
  if (userWithSameEmail) {
    if (!claims.emailVerified) {
      return {
        action: 'refuse',
        reason: `an account already uses this e-mail and the provider did not verify it (${userWithSameEmail.kind})`,
      };
    }
    if (!userWithSameEmail.isActive)
      return { action: 'refuse', reason: 'the account of this e-mail is inactive' };
    return {
      action: 'link',
      user: userWithSameEmail,
      confirmEmail: userWithSameEmail.emailVerifiedAt === null,
    };
  }
  return { action: 'create', email, emailVerified: claims.emailVerified };
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The claims this policy reads, from ID token and userinfo claims merged. */
export function readOidcClaims(raw: Record<string, unknown>): OidcClaims {
  return {
    sub: String(raw.sub),
    email: optionalString(raw.email),
    // Some providers send the boolean as a string.
    emailVerified: raw.email_verified === true || raw.email_verified === 'true',
    givenName: optionalString(raw.given_name),
    familyName: optionalString(raw.family_name),
  };
}
