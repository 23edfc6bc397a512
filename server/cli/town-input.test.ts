import { describe, expect, it } from 'vitest';
import {
  checkEmail,
  checkHostName,
  checkInseeCode,
  checkSlug,
  checkTownName,
  deriveSlug,
} from './town-input';

describe('town:create input rules', () => {
  it('normalises host names and refuses what is not one', () => {
    expect(checkHostName(' Saint-Exemple.FR. ')).toEqual({ value: 'saint-exemple.fr' });
    expect(checkHostName('mairie.saint-exemple.fr')).toEqual({ value: 'mairie.saint-exemple.fr' });
    expect(checkHostName('saint-étienne.fr')).toEqual({ value: 'xn--saint-tienne-geb.fr' });
    expect(checkHostName('saint-exemple.localhost')).toEqual({ value: 'saint-exemple.localhost' });
    for (const [raw, reason] of [
      ['https://saint-exemple.fr', 'without scheme or path'],
      ['saint-exemple.fr/portail', 'without scheme or path'],
      ['saint-exemple.fr:8443', 'without port'],
      ['[::1]', 'without port'],
      ['10.0.0.1', 'not an IP address'],
      ['localhost', 'with a domain'],
      ['-saint.fr', 'not a valid host name'],
      ['saint_exemple.fr', 'not a valid host name'],
      ['saint..fr', 'not a valid host name'],
      [`${'a'.repeat(64)}.fr`, 'not a valid host name'],
      ['', 'must not be empty'],
    ] as const) {
      const checked = checkHostName(raw);
      expect(checked, raw).toHaveProperty('error');
      expect('error' in checked && checked.error, raw).toContain(reason);
    }
  });

  it('derives the slug from the town’s own name', () => {
    expect(deriveSlug('Ville de Saint-Exemple')).toBe('saint-exemple');
    expect(deriveSlug('Commune d’Îles-en-Œuvre')).toBe('iles-en-oeuvre');
    expect(deriveSlug("Mairie d'Arles")).toBe('arles');
    expect(deriveSlug('Ville-d’Avray')).toBe('ville-d-avray');
    expect(deriveSlug('La Rochelle')).toBe('la-rochelle');
    // A long name is cut between two words, within 63 characters.
    const long = deriveSlug(`Ville de ${'Très-Long-Nom '.repeat(10)}`);
    expect(long.length).toBeLessThanOrEqual(63);
    expect(`${'tres-long-nom-'.repeat(10)}`.startsWith(`${long}-`)).toBe(true);
    expect(deriveSlug('« »')).toBe('');
  });

  it('checks slugs, INSEE codes, e-mails and names', () => {
    expect(checkSlug('saint-exemple')).toEqual({ value: 'saint-exemple' });
    expect(checkSlug('Saint-Exemple')).toHaveProperty('error');
    expect(checkSlug('saint--exemple')).toHaveProperty('error');
    expect(checkInseeCode('12345')).toEqual({ value: '12345' });
    expect(checkInseeCode('2a004')).toEqual({ value: '2A004' });
    expect(checkInseeCode('1234')).toHaveProperty('error');
    expect(checkEmail(' DGS@Saint-Exemple.fr ')).toEqual({ value: 'dgs@saint-exemple.fr' });
    expect(checkEmail('dgs@saint-exemple')).toHaveProperty('error');
    expect(checkTownName('  Ville   de Saint-Exemple ')).toEqual({ value: 'Ville de Saint-Exemple' });
    expect(checkTownName(' ')).toEqual({ error: 'must not be blank' });
    expect(checkTownName('x'.repeat(201))).toHaveProperty('error');
  });
});
