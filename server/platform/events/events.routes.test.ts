import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../test/build-test-app';
import { buildAgent, buildCitizen } from '../../../test/factories';
import { connectEventStream } from '../../../test/fixtures/event-stream-client';
import { logInAccount } from '../../../test/login';
import { realtimeChannels } from './channels';

describe('GET /api/v1/events', () => {
  let t: TestContext;
  let baseUrl: string;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  const open = (cookie?: string) =>
    connectEventStream(`${baseUrl}/api/v1/events`, { host: t.tenant.host, ...(cookie ? { cookie } : {}) });

  it('answers 401 problem+json when nobody is logged in', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/v1/events' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().code).toBe('UNAUTHENTICATED');
  });

  it('streams the citizen’s own events, not the agents’ ones, with security headers', async () => {
    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    const client = await open((await logInAccount(t, citizen)).cookie);
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(client.headers['x-content-type-options']).toBe('nosniff');
    expect(client.headers['content-security-policy']).toContain("default-src 'self'");

    await t.app.ctx.bus.publish({
      channel: realtimeChannels.tenantAgents(t.tenant.id),
      type: 'request.created',
      data: { requestId: 'agents-only' },
    });
    await t.app.ctx.bus.publish({
      channel: realtimeChannels.user(citizen.id),
      type: 'request.updated',
      data: { requestId: 'mine' },
    });
    const event = await client.nextEvent();
    expect(event.event).toBe('request.updated');
    expect(JSON.parse(event.data)).toMatchObject({ id: event.id, data: { requestId: 'mine' } });
    client.close();
  });

  it('also streams the town’s agents channel to an agent', async () => {
    const agent = await buildAgent(t.app.ctx.db, t.tenant.id, { roles: ['reception'] });
    const client = await open((await logInAccount(t, agent)).cookie);
    await t.app.ctx.bus.publish({
      channel: realtimeChannels.tenantAgents(t.tenant.id),
      type: 'request.created',
      data: { requestId: 'for-agents' },
    });
    await t.app.ctx.bus.publish({ channel: realtimeChannels.user(agent.id), type: 'note.added', data: {} });
    expect((await client.nextEvent()).event).toBe('request.created');
    expect((await client.nextEvent()).event).toBe('note.added');
    client.close();
  });

  it('ends open streams when the app closes', async () => {
    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    const client = await open((await logInAccount(t, citizen)).cookie);
    await t.close();
    await client.ended;
  });
});
