import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEventStream } from '../../../test/fixtures/event-stream-client';
import type { DatabaseHandle } from '../db/client';
import { createEventBus, type EventBus } from './event-bus';
import { closeEventStreams, openEventStream } from './event-stream';

async function waitFor(check: () => boolean, what: string): Promise<void> {
  const giveUpAt = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > giveUpAt) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('openEventStream', () => {
  let app: FastifyInstance;
  let bus: EventBus;
  let baseUrl: string;
  let subscribed = 0;

  beforeAll(async () => {
    // The in-process bus needs no database.
    const inner = await createEventBus({ kind: 'pglite' } as DatabaseHandle);
    bus = {
      ...inner,
      subscribe(channel, listener) {
        subscribed += 1;
        const unsubscribe = inner.subscribe(channel, listener);
        return () => {
          subscribed -= 1;
          unsubscribe();
        };
      },
    };
    app = Fastify();
    app.addHook('onRequest', async (_request, reply) => {
      reply.header('x-frame-options', 'DENY');
    });
    app.get('/stream', async (request, reply) => {
      openEventStream(request, reply, ['a', 'b', 'a'], bus, { heartbeatMs: 20, retryMs: 1234 });
      return reply;
    });
    app.addHook('preClose', async () => closeEventStreams(bus));
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  it('streams id, event and data lines for the requested channels, keeping headers already set', async () => {
    const client = await connectEventStream(`${baseUrl}/stream`);
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(client.headers['cache-control']).toBe('no-cache, no-transform');
    expect(client.headers['x-frame-options']).toBe('DENY');
    expect(client.headers['x-request-id']).toBeTruthy();
    expect(subscribed).toBe(2);

    await bus.publish({ channel: 'b', type: 'thing.done', data: { n: 1 } });
    await bus.publish({ channel: 'elsewhere', type: 'ignored', data: {} });
    await bus.publish({ channel: 'a', type: 'thing.started', data: { n: 2 } });
    const first = await client.nextEvent();
    expect(first.event).toBe('thing.done');
    expect(JSON.parse(first.data)).toEqual({
      id: first.id,
      channel: 'b',
      type: 'thing.done',
      data: { n: 1 },
    });
    expect((await client.nextEvent()).event).toBe('thing.started');
    client.close();
    await waitFor(() => subscribed === 0, 'the stream to unsubscribe');
  });

  it('sends heartbeat comments while idle', async () => {
    const client = await connectEventStream(`${baseUrl}/stream`);
    await waitFor(() => client.comments.includes('heartbeat'), 'a heartbeat');
    expect(client.comments[0]).toBe('connected');
    client.close();
    await waitFor(() => subscribed === 0, 'the stream to unsubscribe');
  });

  it('is ended by closeEventStreams, so a shutting-down app does not wait for its clients', async () => {
    const client = await connectEventStream(`${baseUrl}/stream`);
    expect(subscribed).toBe(2);
    closeEventStreams(bus);
    await client.ended;
    expect(subscribed).toBe(0);
  });
});
