import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../test/build-test-app';
import { buildAgent } from '../../../test/factories';
import { connectEventStream } from '../../../test/fixtures/event-stream-client';
import { testDatabaseUrl } from '../../../test/test-database';
import { buildApp, type App } from '../../app';
import { loadConfig } from '../../config';
import { openDatabase, type DatabaseHandle } from '../db/client';
import { realtimeChannels } from './channels';

const databaseUrl = testDatabaseUrl();

// Two instances need a database server both can reach: PGlite lives inside one process.
describe.skipIf(!databaseUrl)('realtime across two app instances (PostgreSQL LISTEN/NOTIFY)', () => {
  let instanceA: TestContext;
  let instanceB: App;
  let databaseB: DatabaseHandle;
  let urlA: string;
  let urlB: string;

  beforeAll(async () => {
    instanceA = await buildTestApp();
    // Instance B: its own app, pool and LISTEN connection, as another process would have.
    databaseB = await openDatabase({ databaseUrl, poolSize: 2 });
    const config = loadConfig(
      { NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'guichet-test-')), LOG_LEVEL: 'silent' },
      { sessionSecret: 'test-session-secret-0123456789abcdef', serveWeb: false, worker: false, demo: false },
    );
    instanceB = await buildApp(config, { database: databaseB, logger: false });
    await instanceA.app.listen({ port: 0, host: '127.0.0.1' });
    await instanceB.listen({ port: 0, host: '127.0.0.1' });
    urlA = `http://127.0.0.1:${(instanceA.app.server.address() as AddressInfo).port}`;
    urlB = `http://127.0.0.1:${(instanceB.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await instanceB?.close();
    await databaseB?.close();
    await instanceA?.close();
  });

  it('delivers an event published by instance A to an SSE client connected to instance B', async () => {
    const agent = await buildAgent(instanceA.app.ctx.db, instanceA.tenant.id, { roles: ['agent'] });
    // Log in through A: the session lives in the shared database, so B knows it too.
    const login = await instanceA.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: agent.email, password: agent.password },
    });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.map((entry) => `${entry.name}=${entry.value}`).join('; ');

    const client = await connectEventStream(`${urlB}/api/v1/events`, { host: instanceA.tenant.host, cookie });
    expect(client.status).toBe(200);
    // A client of the publishing instance gets it too, through the same NOTIFY round trip.
    const clientOfA = await connectEventStream(`${urlA}/api/v1/events`, {
      host: instanceA.tenant.host,
      cookie,
    });
    expect(instanceA.app.ctx.bus).not.toBe(instanceB.ctx.bus);

    await instanceA.app.ctx.bus.publish({
      channel: realtimeChannels.tenantAgents(instanceA.tenant.id),
      type: 'request.created',
      data: { requestId: 'from-instance-a' },
    });
    await instanceA.app.ctx.bus.publish({
      channel: realtimeChannels.user(agent.id),
      type: 'request.assigned',
      data: { requestId: 'from-instance-a' },
    });
    const first = await client.nextEvent();
    expect(first.event).toBe('request.created');
    expect(JSON.parse(first.data)).toMatchObject({
      channel: realtimeChannels.tenantAgents(instanceA.tenant.id),
      data: { requestId: 'from-instance-a' },
    });
    expect((await client.nextEvent()).event).toBe('request.assigned');
    expect((await clientOfA.nextEvent()).id).toBe(first.id);
    expect((await clientOfA.nextEvent()).event).toBe('request.assigned');
    client.close();
    clientOfA.close();
  });
});
