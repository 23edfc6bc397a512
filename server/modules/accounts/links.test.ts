import { describe, expect, it } from 'vitest';
import { accountPages, tenantBaseUrl, tokenLink } from './links';

describe('tenantBaseUrl', () => {
  it('uses PUBLIC_URL for the default tenant', () => {
    expect(tenantBaseUrl('https://guichet.example.fr/', { isDefault: true, hostNames: ['a.fr'] })).toBe(
      'https://guichet.example.fr',
    );
  });

  it('uses the protocol of PUBLIC_URL and the first host name of another tenant', () => {
    expect(
      tenantBaseUrl('https://guichet.example.fr', {
        isDefault: false,
        hostNames: ['mairie.ville.fr', 'ville.fr'],
      }),
    ).toBe('https://mairie.ville.fr');
  });

  it('keeps the port of PUBLIC_URL', () => {
    expect(tenantBaseUrl('http://localhost:3000', { isDefault: false, hostNames: ['t-1.test'] })).toBe(
      'http://t-1.test:3000',
    );
  });

  it('falls back to PUBLIC_URL for a tenant without host name', () => {
    expect(tenantBaseUrl('http://localhost:3000', { isDefault: false, hostNames: [] })).toBe(
      'http://localhost:3000',
    );
  });
});

describe('tokenLink', () => {
  it('puts the token in the query string', () => {
    expect(tokenLink('https://ville.fr', accountPages.confirmEmail, 'a-b_c')).toBe(
      'https://ville.fr/confirmer-email?token=a-b_c',
    );
  });
});
