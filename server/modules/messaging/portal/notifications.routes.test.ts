import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import { buildCitizen, buildTenant } from '../../../../test/factories';
import { type LoggedInAccount, logInAccount } from '../../../../test/login';
import type { DeliveredEvent } from '../../../platform/events/event-bus';
import { realtimeChannels } from '../../../platform/events/channels';
import { portalNotifications } from '../messaging.tables';

describe('portal notifications routes', () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  async function logInNewCitizen(): Promise<LoggedInAccount> {
    return logInAccount(t, await buildCitizen(t.app.ctx.db, t.tenant.id));
  }

  /**
   * Notifications for `userId`, the first one oldest, one minute apart from 08:00 (or all at
   * `sameTime`); read ones are titled « Lue n » and written 30 seconds later than unread ones.
   */
  async function insertNotifications(
    userId: string,
    count: number,
    options: { tenantId?: string; sameTime?: boolean; read?: boolean } = {},
  ) {
    const start = Date.parse('2026-03-02T08:00:00Z');
    return t.app.ctx.db
      .insert(portalNotifications)
      .values(
        Array.from({ length: count }, (_, index) => ({
          tenantId: options.tenantId ?? t.tenant.id,
          userId,
          title: `${options.read ? 'Lue' : 'Notification'} ${index + 1}`,
          body: `Texte ${index + 1}`,
          createdAt: new Date(start + (options.sameTime ? 0 : index * 60_000) + (options.read ? 30_000 : 0)),
          readAt: options.read ? new Date(start + 3_600_000) : null,
        })),
      )
      .returning();
  }

  const get = (who: LoggedInAccount, url: string) => t.inject({ method: 'GET', url, headers: who.headers });
  const post = (who: LoggedInAccount, url: string) => t.inject({ method: 'POST', url, headers: who.headers });

  /** The next event on the account's channel (through LISTEN/NOTIFY on PostgreSQL). */
  function nextUserEvent(userId: string): Promise<DeliveredEvent> {
    return new Promise((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error('no realtime event within 5 s')), 5_000);
      const unsubscribe = t.app.ctx.bus.subscribe(realtimeChannels.user(userId), (event) => {
        clearTimeout(timeout);
        unsubscribe();
        resolve(event);
      });
    });
  }

  it('lists my notifications newest first, a page at a time, with the unread count', async () => {
    const citizen = await logInNewCitizen();
    await insertNotifications(citizen.id, 5);
    await insertNotifications(citizen.id, 2, { read: true });

    const first = await get(citizen, '/api/v1/notifications?limit=3');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ unread: 5, hasMore: true });
    expect(first.json().items.map((item: { title: string }) => item.title)).toEqual([
      'Notification 5',
      'Notification 4',
      'Notification 3',
    ]);
    expect(first.json().items[0]).toEqual({
      id: expect.any(String),
      title: 'Notification 5',
      body: 'Texte 5',
      about: null,
      readAt: null,
      createdAt: '2026-03-02T08:04:00.000Z',
    });

    const last = first.json().items[2].id;
    const second = await get(citizen, `/api/v1/notifications?limit=3&before=${last}`);
    expect(second.json().items.map((item: { title: string }) => item.title)).toEqual([
      'Lue 2',
      'Notification 2',
      'Lue 1',
    ]);
    expect(second.json().hasMore).toBe(true);
    const third = await get(citizen, `/api/v1/notifications?limit=3&before=${second.json().items[2].id}`);
    expect(third.json()).toMatchObject({ hasMore: false, items: [{ title: 'Notification 1' }] });

    // The default page is 20; limits outside 1–100 are refused, naming the field.
    expect((await get(citizen, '/api/v1/notifications')).json().items).toHaveLength(7);
    const tooMany = await get(citizen, '/api/v1/notifications?limit=500');
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().code).toBe('VALIDATION_FAILED');
  });

  it('pages through notifications written in the same instant without a gap or a repeat', async () => {
    const citizen = await logInNewCitizen();
    const inserted = await insertNotifications(citizen.id, 5, { sameTime: true });
    const seen: string[] = [];
    let before: string | undefined;
    for (let page = 0; page < 5; page += 1) {
      const response = await get(
        citizen,
        `/api/v1/notifications?limit=2${before ? `&before=${before}` : ''}`,
      );
      const { items, hasMore } = response.json() as { items: { id: string }[]; hasMore: boolean };
      seen.push(...items.map((item) => item.id));
      before = items.at(-1)?.id;
      if (!hasMore) break;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen)).toEqual(new Set(inserted.map((row) => row.id)));
  });

  it('counts my unread notifications only', async () => {
    const citizen = await logInNewCitizen();
    const neighbour = await logInNewCitizen();
    await insertNotifications(citizen.id, 3);
    await insertNotifications(citizen.id, 1, { read: true });
    await insertNotifications(neighbour.id, 4);
    expect((await get(citizen, '/api/v1/notifications/unread-count')).json()).toEqual({ unread: 3 });
    expect((await get(neighbour, '/api/v1/notifications/unread-count')).json()).toEqual({ unread: 4 });
    const anonymous = await t.inject({ method: 'GET', url: '/api/v1/notifications/unread-count' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('marks one as read, once, and tells my other tabs', async () => {
    const citizen = await logInNewCitizen();
    const [older, newer] = await insertNotifications(citizen.id, 2);

    const event = nextUserEvent(citizen.id);
    const read = await post(citizen, `/api/v1/notifications/${newer!.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: newer!.id, readAt: expect.any(String) });
    expect(await event).toMatchObject({
      type: 'notification.read',
      data: { id: newer!.id, readAt: read.json().readAt },
    });

    const again = await post(citizen, `/api/v1/notifications/${newer!.id}/read`);
    expect(again.json().readAt).toBe(read.json().readAt);
    const list = await get(citizen, '/api/v1/notifications');
    expect(list.json().unread).toBe(1);
    expect(
      list.json().items.map((item: { id: string; readAt: string | null }) => [item.id, item.readAt]),
    ).toEqual([
      [newer!.id, read.json().readAt],
      [older!.id, null],
    ]);
  });

  it('marks all mine as read, and only mine', async () => {
    const citizen = await logInNewCitizen();
    const neighbour = await logInNewCitizen();
    await insertNotifications(citizen.id, 3);
    await insertNotifications(citizen.id, 1, { read: true });
    await insertNotifications(neighbour.id, 2);

    const event = nextUserEvent(citizen.id);
    const marked = await post(citizen, '/api/v1/notifications/read-all');
    expect(marked.statusCode).toBe(200);
    expect(marked.json()).toEqual({ marked: 3 });
    expect(await event).toMatchObject({ type: 'notification.read', data: { all: true } });
    expect((await get(citizen, '/api/v1/notifications/unread-count')).json().unread).toBe(0);
    expect((await post(citizen, '/api/v1/notifications/read-all')).json()).toEqual({ marked: 0 });
    expect((await get(neighbour, '/api/v1/notifications/unread-count')).json().unread).toBe(2);
  });

  it('answers 404 for someone else’s notification, in this town or another', async () => {
    const citizen = await logInNewCitizen();
    const neighbour = await logInNewCitizen();
    const [theirs] = await insertNotifications(neighbour.id, 1);
    const otherTown = await buildTenant(t.app.ctx.db);
    const stranger = await buildCitizen(t.app.ctx.db, otherTown.id);
    const [elsewhere] = await insertNotifications(stranger.id, 1, { tenantId: otherTown.id });

    for (const id of [theirs!.id, elsewhere!.id, '00000000-0000-4000-8000-000000000000']) {
      const read = await post(citizen, `/api/v1/notifications/${id}/read`);
      expect(read.statusCode).toBe(404);
      expect(read.json().code).toBe('NOTIFICATION_NOT_FOUND');
      expect((await get(citizen, `/api/v1/notifications?before=${id}`)).statusCode).toBe(404);
    }
    expect((await get(neighbour, '/api/v1/notifications')).json().items[0].readAt).toBeNull();
  });

  it('needs a session, and the CSRF token for the changes', async () => {
    const citizen = await logInNewCitizen();
    const [notification] = await insertNotifications(citizen.id, 1);
    for (const url of [`/api/v1/notifications/${notification!.id}/read`, '/api/v1/notifications/read-all']) {
      const withoutToken = await t.inject({ method: 'POST', url, headers: { cookie: citizen.cookie } });
      expect(withoutToken.statusCode).toBe(403);
      expect(withoutToken.json().code).toBe('CSRF_TOKEN_INVALID');
      expect((await t.inject({ method: 'POST', url })).statusCode).toBe(401);
    }
    expect((await t.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
    expect((await get(citizen, '/api/v1/notifications/unread-count')).json().unread).toBe(1);
  });

  it('documents every route in the OpenAPI', async () => {
    const document = (await t.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/notifications',
        '/api/v1/notifications/unread-count',
        '/api/v1/notifications/read-all',
        '/api/v1/notifications/{id}/read',
      ]),
    );
    const list = document.paths['/api/v1/notifications'].get;
    expect(list.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(
      expect.arrayContaining(['limit', 'before']),
    );
    expect(document.paths['/api/v1/notifications/read-all'].post.security).toEqual([
      { session: [], csrf: [] },
    ]);
  });
});
