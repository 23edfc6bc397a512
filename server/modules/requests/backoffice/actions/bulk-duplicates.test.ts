import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../../test/build-test-app';
import { buildAdminSession, type LoggedInAccount, logInNewAgent } from '../../../../../test/login';
import { createFixedClock } from '../../../../platform/clock';
import { insertCategory } from '../../../organisation/categories.repository';
import { buildRoutedCategory } from '../../intake-test-setup';
import { requests } from '../../requests.tables';
import { actOk, fileRequest, loadEvents, loadRequest } from './actions-test-setup';

describe('back-office actions: bulk and duplicate suggestions', () => {
  let t: TestContext;
  let admin: LoggedInAccount;
  let categoryId: string;
  let departmentId: string;
  const clock = createFixedClock('2026-12-04T09:00:00Z');

  beforeAll(async () => {
    t = await buildTestApp({ clock });
    const routed = await buildRoutedCategory(t);
    categoryId = routed.category.id;
    departmentId = routed.department.id;
    admin = await buildAdminSession(t);
  });
  afterAll(() => t.close());

  const bulk = (who: LoggedInAccount, payload: object) =>
    t.inject({ method: 'POST', url: '/api/v1/backoffice/requests/bulk', headers: who.headers, payload });

  describe('bulk', () => {
    it('applies a transition to each request on its own and reports refusals per id', async () => {
      const first = await fileRequest(t, categoryId);
      const alreadyRejected = await fileRequest(t, categoryId);
      await actOk(t, admin, alreadyRejected.id, 'transition', { status: 'rejected', reason: 'Hors sujet.' });
      const missing = crypto.randomUUID();

      const response = await bulk(admin, {
        ids: [first.id, alreadyRejected.id, missing],
        action: 'transition',
        status: 'rejected',
        reason: 'Demande en double d’un signalement de la semaine dernière.',
      });
      expect(response.statusCode).toBe(200);
      const { results } = response.json();
      expect(results).toHaveLength(3);
      expect(results[0]).toEqual({ id: first.id, ok: true, status: 'rejected' });
      expect(results[1]).toMatchObject({
        id: alreadyRejected.id,
        ok: false,
        error: { code: 'TRANSITION_NOT_ALLOWED' },
      });
      expect(results[2]).toMatchObject({ id: missing, ok: false, error: { code: 'REQUEST_NOT_FOUND' } });
      expect((await loadRequest(t, first.id)).rejectionReason).toContain('signalement');
      expect(
        (await loadEvents(t, alreadyRejected.id)).filter((e) => e.type === 'status_changed'),
      ).toHaveLength(1);
    });

    it('assigns in bulk within the agent’s scope: ids outside it report REQUEST_NOT_FOUND', async () => {
      const reception = await logInNewAgent(t, ['reception']);
      const waiting = await fileRequest(t, categoryId);
      const qualified = await fileRequest(t, categoryId);
      await actOk(t, admin, qualified.id, 'qualify', { categoryId, departmentId, priority: 'normal' });

      const response = await bulk(reception, {
        ids: [waiting.id, qualified.id],
        action: 'assign',
        agentId: reception.id,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json().results).toEqual([
        { id: waiting.id, ok: true, status: 'received' },
        {
          id: qualified.id,
          ok: false,
          error: { code: 'REQUEST_NOT_FOUND', message: expect.any(String) },
        },
      ]);
      expect((await loadRequest(t, waiting.id)).assigneeId).toBe(reception.id);
      expect((await loadRequest(t, qualified.id)).assigneeId).toBeNull();
    });

    it('refuses a malformed batch as a whole with a 400 naming the field', async () => {
      const filed = await fileRequest(t, categoryId);
      const noAgent = await bulk(admin, { ids: [filed.id], action: 'assign' });
      expect(noAgent.statusCode).toBe(400);
      expect(noAgent.json().errors[0].field).toBe('agentId');
      const noStatus = await bulk(admin, { ids: [filed.id], action: 'transition' });
      expect(noStatus.statusCode).toBe(400);
      expect(noStatus.json().errors[0].field).toBe('status');
      const repeated = await bulk(admin, { ids: [filed.id, filed.id], action: 'assign', agentId: null });
      expect(repeated.statusCode).toBe(400);
      const tooMany = await bulk(admin, {
        ids: Array.from({ length: 201 }, () => crypto.randomUUID()),
        action: 'assign',
        agentId: null,
      });
      expect(tooMany.statusCode).toBe(400);
      expect((await loadRequest(t, filed.id)).version).toBe(1);
    });
  });

  it('documents every action route in the OpenAPI, with its security', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const paths = response.json().paths as Record<string, Record<string, { security?: unknown[] }>>;
    for (const action of ['qualify', 'assign', 'transition', 'notes', 'messages']) {
      const operation = paths[`/api/v1/backoffice/requests/{id}/${action}`]?.post;
      expect(operation, action).toBeDefined();
      expect(operation!.security).toEqual([{ session: [], csrf: [] }]);
    }
    expect(paths['/api/v1/backoffice/requests/bulk']?.post).toBeDefined();
    expect(paths['/api/v1/backoffice/requests/{id}/duplicates']?.get?.security).toEqual([{ session: [] }]);
  });

  describe('duplicate suggestions', () => {
    const here = { latitude: 48.8566, longitude: 2.3522 };
    const glassText = {
      subject: 'Conteneur à verre débordant place du Marché',
      description:
        'Le conteneur à verre de la place du Marché déborde depuis samedi, des bouteilles jonchent le trottoir.',
    };

    it('finds requests of the same category nearby or with similar text, and very similar ones elsewhere', async () => {
      const { category: otherCategory } = await buildRoutedCategory(t);
      const anotherCategory = await insertCategory(t.app.ctx.db, t.tenant.id, {
        code: `autre-${crypto.randomUUID().slice(0, 8)}`,
        name: 'Autre',
        description: '',
        defaultDepartmentId: departmentId,
        deadlineDays: 10,
        silenceRule: 'none',
        silencePeriodDays: null,
        isActive: true,
      });

      // Filed 100 days ago, same place and text: too old to suggest.
      clock.set('2026-08-26T09:00:00Z');
      const tooOld = await fileRequest(t, categoryId, { payload: { ...glassText, location: here } });
      clock.set('2026-12-04T09:00:00Z');

      const target = await fileRequest(t, categoryId, { payload: { ...glassText, location: here } });
      // ~100 m north, same category, unrelated text: found by proximity.
      const nearby = await fileRequest(t, categoryId, {
        payload: {
          subject: 'Nid-de-poule',
          description: 'Un trou profond dans la chaussée.',
          location: { latitude: here.latitude + 0.0009, longitude: here.longitude },
        },
      });
      // ~2 km away, same category, unrelated text: not a duplicate.
      const far = await fileRequest(t, categoryId, {
        payload: {
          subject: 'Banc cassé',
          description: 'Le banc du square est cassé.',
          location: { latitude: here.latitude + 0.018, longitude: here.longitude },
        },
      });
      // Same category, no location, similar text.
      const similar = await fileRequest(t, categoryId, {
        payload: {
          subject: 'Conteneur à verre plein place du Marché',
          description: 'Des bouteilles partout autour du conteneur à verre de la place du Marché.',
        },
      });
      // Another category, nearly the same text: found across categories.
      const elsewhere = await fileRequest(t, otherCategory.id, { payload: glassText });
      // Another category, loosely similar text and close by: not enough without the category.
      const loose = await fileRequest(t, anotherCategory.id, {
        payload: {
          subject: 'Propreté',
          description: 'Le quartier est sale.',
          location: here,
        },
      });
      // Same place and text but cancelled by its author: left out.
      const cancelled = await fileRequest(t, categoryId, { payload: { ...glassText, location: here } });
      await t.app.ctx.db.update(requests).set({ status: 'cancelled' }).where(eq(requests.id, cancelled.id));

      const response = await t.inject({
        method: 'GET',
        url: `/api/v1/backoffice/requests/${target.id}/duplicates`,
        headers: { cookie: admin.cookie },
      });
      expect(response.statusCode).toBe(200);
      const suggestions = response.json() as {
        id: string;
        reference: string;
        category: { id: string; name: string } | null;
        distanceMeters: number | null;
        similarity: number;
      }[];
      const ids = suggestions.map((suggestion) => suggestion.id);
      expect(new Set(ids)).toEqual(new Set([nearby.id, similar.id, elsewhere.id]));
      for (const excluded of [target.id, tooOld.id, far.id, loose.id, cancelled.id])
        expect(ids).not.toContain(excluded);

      const byId = new Map(suggestions.map((suggestion) => [suggestion.id, suggestion]));
      expect(byId.get(nearby.id)!.distanceMeters).toBeGreaterThan(90);
      expect(byId.get(nearby.id)!.distanceMeters).toBeLessThan(110);
      expect(byId.get(nearby.id)!.similarity).toBeLessThan(0.3);
      expect(byId.get(similar.id)).toMatchObject({ distanceMeters: null });
      expect(byId.get(similar.id)!.similarity).toBeGreaterThanOrEqual(0.3);
      expect(byId.get(elsewhere.id)).toMatchObject({
        similarity: 1,
        category: { id: otherCategory.id, name: otherCategory.name },
        reference: elsewhere.reference,
      });
      // Identical text ranks first.
      expect(ids[0]).toBe(elsewhere.id);
    });

    it('answers 404 for a request outside the agent’s scope', async () => {
      const filed = await fileRequest(t, categoryId);
      await actOk(t, admin, filed.id, 'qualify', { categoryId, departmentId, priority: 'normal' });
      const reception = await logInNewAgent(t, ['reception']);
      const response = await t.inject({
        method: 'GET',
        url: `/api/v1/backoffice/requests/${filed.id}/duplicates`,
        headers: { cookie: reception.cookie },
      });
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('REQUEST_NOT_FOUND');
    });
  });
});
