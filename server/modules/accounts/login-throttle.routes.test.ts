import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../test/build-test-app';
import { buildCitizen, uniqueSuffix } from '../../../test/factories';
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

  it('answers 429 after 5 failures on an existing account, even with the right password, until the window passes', async () => {
    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    const address = newAddress();
    for (let i = 0; i < 5; i += 1) {
      expect((await attempt(citizen.email, 'wrong password!', address)).statusCode).toBe(401);
    }
    const blocked = await attempt(citizen.email, citizen.password, address);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('TOO_MANY_REQUESTS');
    // Another address does not help: the account itself is throttled.
    expect((await attempt(citizen.email, citizen.password, newAddress())).statusCode).toBe(429);

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

  it('answers 429 to an address after 20 failures across accounts', async () => {
    const address = newAddress();
    for (let i = 0; i < 20; i += 1) {
      const response = await attempt(`essai-${i}-${uniqueSuffix()}@example.test`, 'wrong password!', address);
      expect(response.statusCode).toBe(401);
    }
    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    expect((await attempt(citizen.email, citizen.password, address)).statusCode).toBe(429);
    expect((await attempt(citizen.email, citizen.password, newAddress())).statusCode).toBe(200);
  });
});
