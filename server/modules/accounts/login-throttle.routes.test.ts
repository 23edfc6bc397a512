import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../test/build-test-app';
import { buildAgent, buildCitizen, uniqueSuffix } from '../../../test/factories';
import { createFixedClock } from '../../platform/clock';

/** A fresh client address per test, so tests never share the per-address count. */
function newAddress(): string {
  return `10.${randomInt(0, 255)}.${randomInt(0, 255)}.${randomInt(1, 254)}`;
}

describe('login throttling', () => {
  const clock = createFixedClock('2031-06-01T10:00:00Z');
  let t: TestContext;
  beforeAll(async () => {
    t = await buildTestApp({ clock });
  });
  afterAll(() => t.close());

  const attempt = (email: string, password: string, remoteAddress: string) =>
    t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress });

  it('answers 429 with Retry-After after 5 failures on an account from one address; other addresses still log in', async () => {
    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    const address = newAddress();
    for (let i = 0; i < 5; i += 1) {
      expect((await attempt(citizen.email, 'wrong password!', address)).statusCode).toBe(401);
    }
    const blocked = await attempt(citizen.email, citizen.password, address);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['content-type']).toContain('application/problem+json');
    expect(blocked.headers['retry-after']).toBe('900');
    expect(blocked.json()).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      detail: 'Trop de tentatives échouées pour ce compte depuis cette adresse. Réessayez dans 15 minutes.',
      retryAfterSeconds: 900,
    });
    // The account is not locked: its owner, elsewhere, logs in.
    expect((await attempt(citizen.email, citizen.password, newAddress())).statusCode).toBe(200);

    clock.advance(15 * 60_000 + 1_000);
    expect((await attempt(citizen.email, citizen.password, address)).statusCode).toBe(200);
  });

  it('answers an unknown account exactly like an existing one', async () => {
    const address = newAddress();
    const email = `personne-${uniqueSuffix()}@example.test`;
    for (let i = 0; i < 5; i += 1) {
      expect((await attempt(email, 'wrong password!', address)).statusCode).toBe(401);
    }
    const blocked = await attempt(email, 'wrong password!', address);
    expect(blocked.statusCode).toBe(429);
    const existing = await buildCitizen(t.app.ctx.db, t.tenant.id);
    const otherAddress = newAddress();
    for (let i = 0; i < 5; i += 1) await attempt(existing.email, 'wrong password!', otherAddress);
    const blockedExisting = await attempt(existing.email, 'wrong password!', otherAddress);
    const { requestId: _a, ...unknownBody } = blocked.json();
    const { requestId: _b, ...existingBody } = blockedExisting.json();
    expect(unknownBody).toEqual(existingBody);
  });

  it('clears the account’s failures after a successful login', async () => {
    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    const address = newAddress();
    for (let i = 0; i < 4; i += 1) await attempt(citizen.email, 'wrong password!', address);
    expect((await attempt(citizen.email, citizen.password, address)).statusCode).toBe(200);
    for (let i = 0; i < 4; i += 1) {
      expect((await attempt(citizen.email, 'wrong password!', address)).statusCode).toBe(401);
    }
    expect((await attempt(citizen.email, citizen.password, address)).statusCode).toBe(200);
  });

  it('never locks the accounts behind a busy address (a town hall’s NAT): it slows the address down', async () => {
    const address = newAddress();
    for (let i = 0; i < 21; i += 1) {
      const response = await attempt(`essai-${i}-${uniqueSuffix()}@example.test`, 'wrong password!', address);
      expect(response.statusCode).toBe(401);
    }
    const admin = await buildAgent(t.app.ctx.db, t.tenant.id, { roles: ['admin'] });
    const started = performance.now();
    expect((await attempt(admin.email, admin.password, address)).statusCode).toBe(200);
    // 21 failures from the address: a pause of half a second before the answer.
    expect(performance.now() - started).toBeGreaterThanOrEqual(450);
  });

  it('spaces out the attempts on an account guessed from many addresses, without locking its owner out', async () => {
    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    for (let i = 0; i < 10; i += 1) {
      expect((await attempt(citizen.email, 'wrong password!', newAddress())).statusCode).toBe(401);
    }
    const tooSoon = await attempt(citizen.email, 'wrong password!', newAddress());
    expect(tooSoon.statusCode).toBe(429);
    expect(tooSoon.headers['retry-after']).toBe('1');
    expect(tooSoon.json().detail).toBe(
      'Ce compte reçoit beaucoup de tentatives échouées : patientez 1 seconde avant de réessayer.',
    );
    clock.advance(1_000);
    expect((await attempt(citizen.email, 'wrong password!', newAddress())).statusCode).toBe(401);
    // Eleven failures: two seconds between attempts now.
    const again = await attempt(citizen.email, citizen.password, newAddress());
    expect(again.statusCode).toBe(429);
    expect(again.headers['retry-after']).toBe('2');
    clock.advance(2_000);
    expect((await attempt(citizen.email, citizen.password, newAddress())).statusCode).toBe(200);
  });
});
