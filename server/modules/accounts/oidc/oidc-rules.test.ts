import { describe, expect, it } from 'vitest';
import { hasOpenidScope, isAcceptedAcr, issuerUrlProblem, normaliseScopes, safeReturnTo } from './oidc-rules';

describe('safeReturnTo', () => {
  it('keeps a path of this site with its query and fragment', () => {
    expect(safeReturnTo('/mes-demandes?page=2#haut', '/mon-compte')).toBe('/mes-demandes?page=2#haut');
    expect(safeReturnTo('/agent/demandes', '/mon-compte')).toBe('/agent/demandes');
  });

  it('falls back when nothing is given', () => {
    expect(safeReturnTo(undefined, '/mon-compte')).toBe('/mon-compte');
    expect(safeReturnTo('', '/mon-compte')).toBe('/mon-compte');
  });

  it.each([
    'https://evil.example/',
    'http:/evil.example',
    '//evil.example/x',
    '/\\evil.example',
    '\\\\evil.example',
    '/.//evil.example',
    'javascript:alert(1)',
    'mes-demandes',
    '/\tevil',
    '/a\nb',
    '/api/v1/auth/oidc/x/start',
    `/${'a'.repeat(2000)}`,
  ])('refuses %j', (returnTo) => {
    expect(safeReturnTo(returnTo, '/mon-compte')).toBe('/mon-compte');
  });
});

describe('issuerUrlProblem', () => {
  it('accepts https issuers, with or without a path', () => {
    expect(issuerUrlProblem('https://fcp.integ01.dev-franceconnect.fr/api/v1', true)).toBeUndefined();
    expect(issuerUrlProblem('https://login.example.fr', true)).toBeUndefined();
  });

  it('accepts http outside production, and on loopback in production', () => {
    expect(issuerUrlProblem('http://idp.example.test', false)).toBeUndefined();
    expect(issuerUrlProblem('http://127.0.0.1:8080', true)).toBeUndefined();
    expect(issuerUrlProblem('http://idp.example.test', true)).toBe('must use https');
  });

  it('refuses what is no issuer identifier', () => {
    expect(issuerUrlProblem('idp.example', false)).toBe('must be an absolute URL');
    expect(issuerUrlProblem('ftp://idp.example', false)).toBe('must use https (or http)');
    expect(issuerUrlProblem('javascript:alert(1)', false)).toBe('must use https (or http)');
    expect(issuerUrlProblem('https://user:secret@idp.example', false)).toBe('must not contain credentials');
    expect(issuerUrlProblem('https://idp.example/?tenant=1', false)).toBe(
      'must not contain a query or a fragment',
    );
  });
});

describe('scopes', () => {
  it('needs openid and drops repeats and extra spaces', () => {
    expect(normaliseScopes('  openid  email openid profile ')).toBe('openid email profile');
    expect(hasOpenidScope('email openid')).toBe(true);
    expect(hasOpenidScope('email profile openid_connect')).toBe(false);
  });
});

describe('isAcceptedAcr', () => {
  it('accepts anything when no level was asked', () => {
    expect(isAcceptedAcr(null, undefined)).toBe(true);
    expect(isAcceptedAcr('', 'eidas1')).toBe(true);
  });

  it('needs one of the levels asked', () => {
    expect(isAcceptedAcr('eidas1', 'eidas1')).toBe(true);
    expect(isAcceptedAcr('eidas2 eidas3', 'eidas3')).toBe(true);
    expect(isAcceptedAcr('eidas2', 'eidas1')).toBe(false);
    expect(isAcceptedAcr('eidas1', undefined)).toBe(false);
  });
});
