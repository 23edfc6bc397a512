import { describe, expect, it } from 'vitest';
import { findPasswordWeakness } from './password-rule';

describe('findPasswordWeakness', () => {
  const email = 'camille.martin@example.fr';

  it('accepts a long, uncommon password unrelated to the e-mail', () => {
    expect(findPasswordWeakness('tartine de confiture', email)).toBeUndefined();
    expect(findPasswordWeakness('guichet-demo', 'admin@demo.guichet.fr')).toBeUndefined();
  });

  it('refuses fewer than 10 characters, counting characters rather than bytes', () => {
    expect(findPasswordWeakness('court-123', email)).toMatch(/at least 10/);
    expect(findPasswordWeakness('éééééééééa', email)).toBeUndefined();
  });

  it('refuses very common passwords whatever their case', () => {
    expect(findPasswordWeakness('azertyuiop', email)).toMatch(/common/);
    expect(findPasswordWeakness('MotDePasse123', email)).toMatch(/common/);
  });

  it('refuses one character repeated', () => {
    expect(findPasswordWeakness('zzzzzzzzzzzz', email)).toMatch(/repeat/);
  });

  it('refuses a password containing the local part of the e-mail', () => {
    expect(findPasswordWeakness('Camille.Martin2024', email)).toMatch(/e-mail/);
  });

  it('ignores a very short local part, which would match almost anything', () => {
    expect(findPasswordWeakness('tartine de confiture', 'ti@example.fr')).toBeUndefined();
  });
});
