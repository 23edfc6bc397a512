import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueSuffix } from '../../../test/factories';
import { getTestDatabase, testDatabaseUrl } from '../../../test/test-database';
import { openDatabase, queryRows, type DatabaseHandle } from '../db/client';
import { createEventBus, maxEventBytes, type DeliveredEvent, type EventBus } from './event-bus';

async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  const giveUpAt = Date.now() + 20_000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > giveUpAt) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('event bus', () => {
  let bus: EventBus;
  beforeAll(async () => {
    bus = await createEventBus(await getTestDatabase());
  });
  afterAll(() => bus.close());

  it('delivers a published event to the subscribers of its channel, with an id', async () => {
    const channel = `user:${uniqueSuffix()}`;
    const received: DeliveredEvent[] = [];
    const elsewhere: DeliveredEvent[] = [];
    bus.subscribe(channel, (event) => received.push(event));
    bus.subscribe(`user:${uniqueSuffix()}`, (event) => elsewhere.push(event));
    await bus.publish({ channel, type: 'request.updated', data: { requestId: 'r1' } });
    const event = await waitFor(() => received[0], 'the event');
    expect(event).toEqual({
      id: expect.any(String),
      channel,
      type: 'request.updated',
      data: { requestId: 'r1' },
    });
    expect(elsewhere).toEqual([]);
  });

  it('stops delivering after unsubscribe, and one failing listener does not starve the others', async () => {
    const channel = `user:${uniqueSuffix()}`;
    const kept: string[] = [];
    const dropped: string[] = [];
    bus.subscribe(channel, () => {
      throw new Error('broken subscriber');
    });
    const unsubscribe = bus.subscribe(channel, (event) => dropped.push(event.type));
    bus.subscribe(channel, (event) => kept.push(event.type));
    await bus.publish({ channel, type: 'first', data: {} });
    await waitFor(() => (kept.length === 1 ? true : undefined), 'the first event');
    unsubscribe();
    await bus.publish({ channel, type: 'second', data: {} });
    await waitFor(() => (kept.length === 2 ? true : undefined), 'the second event');
    expect(kept).toEqual(['first', 'second']);
    expect(dropped).toEqual(['first']);
  });

  it('refuses an event too big for NOTIFY, on every engine', async () => {
    const event = { channel: 'user:x', type: 'huge', data: { text: 'é'.repeat(maxEventBytes / 2) } };
    await expect(bus.publish(event)).rejects.toThrow(/bytes; the limit is 7999/);
  });
});

describe.skipIf(!testDatabaseUrl())('event bus across instances (PostgreSQL LISTEN/NOTIFY)', () => {
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  let busA: EventBus;
  let busB: EventBus;
  const listenerName = `guichet-events-test-${uniqueSuffix()}`;

  beforeAll(async () => {
    first = await openDatabase({ databaseUrl: testDatabaseUrl(), poolSize: 2 });
    second = await openDatabase({ databaseUrl: testDatabaseUrl(), poolSize: 2 });
    busA = await createEventBus(first);
    busB = await createEventBus(second, { applicationName: listenerName, reconnectDelayMs: 50 });
  });
  afterAll(async () => {
    await busA?.close();
    await busB?.close();
    await first?.close();
    await second?.close();
  });

  it('delivers an event exactly once to every instance, the publisher included', async () => {
    const channel = `tenant:${uniqueSuffix()}:agents`;
    const onA: string[] = [];
    const onB: string[] = [];
    busA.subscribe(channel, (event) => onA.push(event.type));
    busB.subscribe(channel, (event) => onB.push(event.type));
    await busA.publish({ channel, type: 'request.created', data: { n: 1 } });
    // Notifications arrive in order: once the marker is in, the first event had its chance.
    await busA.publish({ channel, type: 'marker', data: {} });
    await waitFor(() => (onA.includes('marker') && onB.includes('marker') ? true : undefined), 'the marker');
    expect(onA).toEqual(['request.created', 'marker']);
    expect(onB).toEqual(['request.created', 'marker']);
  });

  it('listens again after its connection is cut', async () => {
    const channel = `user:${uniqueSuffix()}`;
    const received: string[] = [];
    busB.subscribe(channel, (event) => received.push(String(event.data.n)));
    const terminated = await queryRows<{ ok: boolean }>(
      first.db,
      sql`select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = ${listenerName}`,
    );
    expect(terminated).toEqual([{ ok: true }]);
    let n = 0;
    await waitFor(async () => {
      n += 1;
      await busA.publish({ channel, type: 'ping', data: { n } });
      return received.length > 0 ? true : undefined;
    }, 'an event after reconnection');
    const [listening] = await queryRows<{ count: number }>(
      first.db,
      sql`select count(*)::int as count from pg_stat_activity where application_name = ${listenerName}`,
    );
    expect(listening!.count).toBe(1);
  });
});
