import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import { buildCitizen } from '../../../../test/factories';
import { type LoggedInAccount, logInAccount } from '../../../../test/login';
import type { RequestStatus } from '../lifecycle';
import { insertRequestWithUniqueTrackingCode } from '../requests.repository';
import { requestEvents, requests } from '../requests.tables';

describe('satisfaction survey', () => {
  let t: TestContext;
  let owner: LoggedInAccount;
  let other: LoggedInAccount;
  let count = 0;

  beforeAll(async () => {
    t = await buildTestApp();
    owner = await logInAccount(t, await buildCitizen(t.app.ctx.db, t.tenant.id));
    other = await logInAccount(t, await buildCitizen(t.app.ctx.db, t.tenant.id));
  });
  afterAll(() => t.close());

  const addRequest = (status: RequestStatus, citizenId: string | null = owner.id) => {
    count += 1;
    return insertRequestWithUniqueTrackingCode(t.app.ctx.db, {
      tenantId: t.tenant.id,
      reference: `2026-${String(count).padStart(6, '0')}`,
      channel: 'web',
      subject: 'Lampadaire éteint',
      description: 'Le lampadaire ne s’allume plus.',
      status,
      citizenId,
      contact: citizenId ? null : { name: 'Dominique', email: 'dominique@example.test' },
    });
  };
  const rateOwn = (id: string, payload: unknown, who: LoggedInAccount = owner) =>
    t.inject({
      method: 'POST',
      url: `/api/v1/requests/${id}/satisfaction`,
      headers: who.headers,
      payload: payload as object,
    });
  const rateByCode = (code: string, payload: unknown) =>
    t.inject({ method: 'POST', url: `/api/v1/track/${code}/satisfaction`, payload: payload as object });

  it('lets the citizen rate their own closed request once, with a comment kept internal', async () => {
    const request = await addRequest('closed');
    const before = await t.inject({
      method: 'GET',
      url: `/api/v1/requests/${request.id}`,
      headers: owner.headers,
    });
    expect(before.json()).toMatchObject({ canRate: true, satisfaction: null });

    const response = await rateOwn(request.id, { rating: 4, comment: '  Rapide et efficace.  ' });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ rating: 4, comment: 'Rapide et efficace.' });

    const row = (await t.app.ctx.db.select().from(requests).where(eq(requests.id, request.id)))[0]!;
    expect(row).toMatchObject({
      satisfactionRating: 4,
      satisfactionComment: 'Rapide et efficace.',
      version: 2,
    });
    const events = await t.app.ctx.db
      .select()
      .from(requestEvents)
      .where(eq(requestEvents.requestId, request.id));
    expect(events).toEqual([
      expect.objectContaining({
        type: 'satisfaction_given',
        actorKind: 'citizen',
        actorId: owner.id,
        visibility: 'internal',
        body: 'Rapide et efficace.',
        data: { rating: 4 },
      }),
    ]);

    const detail = await t.inject({
      method: 'GET',
      url: `/api/v1/requests/${request.id}`,
      headers: owner.headers,
    });
    expect(detail.json()).toMatchObject({
      canRate: false,
      satisfaction: { rating: 4, comment: 'Rapide et efficace.' },
    });
    const tracking = await t.inject({ method: 'GET', url: `/api/v1/track/${request.trackingCode}` });
    expect(tracking.json()).toMatchObject({ canRate: false, satisfaction: { rating: 4 } });
    expect(tracking.body).not.toContain('Rapide et efficace');

    const again = await rateOwn(request.id, { rating: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('SATISFACTION_ALREADY_GIVEN');
  });

  it('answers 404 for another citizen’s request and 401 without a session', async () => {
    const request = await addRequest('closed');
    const response = await rateOwn(request.id, { rating: 5 }, other);
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('REQUEST_NOT_FOUND');
    const anonymous = await t.inject({
      method: 'POST',
      url: `/api/v1/requests/${request.id}/satisfaction`,
      payload: { rating: 5 },
    });
    expect(anonymous.statusCode).toBe(401);
    const row = (await t.app.ctx.db.select().from(requests).where(eq(requests.id, request.id)))[0]!;
    expect(row.satisfactionRating).toBeNull();
  });

  it('lets anyone with the tracking code rate a closed request, once', async () => {
    const request = await addRequest('closed', null);
    const spaced = `${request.trackingCode.slice(0, 4).toLowerCase()} ${request.trackingCode.slice(4)}`;
    const response = await rateByCode(encodeURIComponent(spaced), { rating: 2 });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ rating: 2, comment: null });
    const events = await t.app.ctx.db
      .select()
      .from(requestEvents)
      .where(eq(requestEvents.requestId, request.id));
    expect(events).toEqual([
      expect.objectContaining({ type: 'satisfaction_given', actorId: null, data: { rating: 2 } }),
    ]);

    const again = await rateByCode(request.trackingCode, { rating: 5 });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('SATISFACTION_ALREADY_GIVEN');
    expect((await rateByCode('BCDFGHJK', { rating: 5 })).statusCode).toBe(404);
  });

  it('refuses a request that is not closed with 409 SATISFACTION_NOT_OPEN', async () => {
    for (const status of ['answered', 'in_progress', 'rejected'] as const) {
      const request = await addRequest(status);
      const own = await rateOwn(request.id, { rating: 3 });
      expect(own.statusCode).toBe(409);
      expect(own.json().code).toBe('SATISFACTION_NOT_OPEN');
      const byCode = await rateByCode(request.trackingCode, { rating: 3 });
      expect(byCode.statusCode).toBe(409);
      const tracking = await t.inject({ method: 'GET', url: `/api/v1/track/${request.trackingCode}` });
      expect(tracking.json().canRate).toBe(false);
    }
  });

  it('refuses a rating outside 1..5 or a comment over 2,000 characters with a 400 naming the field', async () => {
    const request = await addRequest('closed');
    for (const payload of [{ rating: 0 }, { rating: 6 }, { rating: 2.5 }, {}, { rating: '4x' }]) {
      const response = await rateOwn(request.id, payload);
      expect(response.statusCode).toBe(400);
      expect(JSON.stringify(response.json().errors)).toContain('rating');
    }
    const long = await rateByCode(request.trackingCode, { rating: 4, comment: 'x'.repeat(2_001) });
    expect(long.statusCode).toBe(400);
    expect(JSON.stringify(long.json().errors)).toContain('comment');
    const row = (await t.app.ctx.db.select().from(requests).where(eq(requests.id, request.id)))[0]!;
    expect(row.satisfactionRating).toBeNull();
  });
});
