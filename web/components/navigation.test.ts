import { describe, expect, it } from 'vitest';
import { loginPathFor, safeReturnPath } from './navigation';

describe('safeReturnPath', () => {
  it('keeps a path of this site', () => {
    expect(safeReturnPath('/mon-compte', '/')).toBe('/mon-compte');
    expect(safeReturnPath('/agent/natures?x=1', '/agent')).toBe('/agent/natures?x=1');
  });

  it('refuses what could leave the site', () => {
    expect(safeReturnPath('https://evil.example', '/')).toBe('/');
    expect(safeReturnPath('//evil.example', '/')).toBe('/');
    expect(safeReturnPath('/\\evil.example', '/')).toBe('/');
    expect(safeReturnPath('/\nx', '/')).toBe('/');
    expect(safeReturnPath(null, '/agent')).toBe('/agent');
  });

  it('builds a login link that round-trips', () => {
    const link = loginPathFor('/connexion', '/mon-compte?a=1&b=2');
    expect(new URL(link, 'http://x').searchParams.get('retour')).toBe('/mon-compte?a=1&b=2');
  });
});
