import { systemPrincipal } from '../../../platform/auth/principal';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import { buildCitizen } from '../../../../test/factories';
import { users } from '../../accounts/accounts.tables';
import { submitRequest } from '../../requests/use-cases/submit-request';
import { updateRequestAtVersion } from '../../requests/requests.repository';
import { smsOptOuts } from '../messaging.tables';
import {
  dispatchSms,
  eventsOf,
  findOutbound,
  inboundOfTenant,
  queueSms,
  requestsOfTenant,
  uniqueMobile,
} from './sms-test-setup';

interface GatewayCall {
  headers: IncomingMessage['headers'];
  body: { from: string; to: string; text: string; reference: string };
}

const webhookToken = 'gateway-webhook-token-0123456789';

/** A local HTTP SMS gateway: records each POST and answers what the test chooses. */
async function startGateway() {
  const calls: GatewayCall[] = [];
  const state = { status: 200, counter: 0 };
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    request.on('end', () => {
      calls.push({ headers: request.headers, body: JSON.parse(raw) as GatewayCall['body'] });
      state.counter += 1;
      response.writeHead(state.status, { 'content-type': 'application/json' });
      response.end(
        state.status === 200
          ? JSON.stringify({ id: `gw-${state.counter}` })
          : JSON.stringify({ error: 'refused' }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
  return { calls, state, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('SMS through the HTTP gateway, and its webhooks', () => {
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  let t: TestContext;

  beforeAll(async () => {
    gateway = await startGateway();
    t = await buildTestApp({
      config: {
        smsHttpUrl: gateway.url,
        smsHttpToken: 'send-token',
        smsWebhookToken: webhookToken,
        smsSenderId: 'MAIRIE',
      },
    });
  });

  afterAll(async () => {
    await t?.close();
    await gateway?.close();
  });

  const inbound = (body: Record<string, unknown>, token = webhookToken) =>
    t.inject({
      method: 'POST',
      url: '/api/v1/sms/inbound',
      headers: { authorization: `Bearer ${token}` },
      payload: body,
    });
  const status = (body: Record<string, unknown>, token = webhookToken) =>
    t.inject({
      method: 'POST',
      url: '/api/v1/sms/status',
      headers: { authorization: `Bearer ${token}` },
      payload: body,
    });

  it('posts {from, to, text} with the bearer token and the message id as idempotency key', async () => {
    const phone = uniqueMobile();
    const message = await queueSms(t, { to: phone, text: 'L’accueil est ouvert\u00a0!' });
    await dispatchSms(t, message.id);
    const call = gateway.calls.at(-1)!;
    expect(call.body).toEqual({
      from: 'MAIRIE',
      to: phone,
      text: "L'accueil est ouvert !",
      reference: message.id,
    });
    expect(call.headers.authorization).toBe('Bearer send-token');
    expect(call.headers['idempotency-key']).toBe(message.id);
    const row = await findOutbound(t, message.id);
    expect(row).toMatchObject({
      status: 'sent',
      providerMessageId: `gw-${gateway.state.counter}`,
      segments: 1,
    });
  });

  it('fails at once when the gateway refuses the message (4xx), retries on 5xx', async () => {
    gateway.state.status = 422;
    try {
      const refused = await queueSms(t, { to: uniqueMobile(), text: 'Bonjour' });
      await dispatchSms(t, refused.id);
      expect(await findOutbound(t, refused.id)).toMatchObject({ status: 'failed' });
      expect((await findOutbound(t, refused.id)).lastError).toContain('HTTP 422');

      gateway.state.status = 503;
      const later = await queueSms(t, { to: uniqueMobile(), text: 'Bonjour' });
      // Back to queued, due after the backoff; the batch itself does not fail.
      const retried = await dispatchSms(t, later.id);
      expect(retried).toMatchObject({ status: 'queued', attempts: 1 });
      expect(retried.lastError).toContain('HTTP 503');
      expect(retried.dueAt!.getTime()).toBeGreaterThan(Date.now());
    } finally {
      gateway.state.status = 200;
    }
  });

  it('records delivery reports posted to /sms/status', async () => {
    const message = await queueSms(t, { to: uniqueMobile(), text: 'Bonjour' });
    await dispatchSms(t, message.id);
    const { providerMessageId } = await findOutbound(t, message.id);

    const intermediate = await status({ id: providerMessageId, status: 'ENROUTE' });
    expect(intermediate.statusCode).toBe(200);
    expect(intermediate.json()).toEqual({ messageId: message.id, recorded: false });

    const delivered = await status({ id: providerMessageId, status: 'delivered' });
    expect(delivered.json()).toEqual({ messageId: message.id, recorded: true });
    expect(await findOutbound(t, message.id)).toMatchObject({ status: 'delivered' });

    const failing = await queueSms(t, { to: uniqueMobile(), text: 'Bonjour' });
    await dispatchSms(t, failing.id);
    // Our own reference works too.
    expect((await status({ id: failing.id, status: 'failed', error: 'absent subscriber' })).statusCode).toBe(
      200,
    );
    const failed = await findOutbound(t, failing.id);
    expect(failed.status).toBe('failed');
    expect(failed.lastError).toContain('absent subscriber');

    expect((await status({ id: 'nobody', status: 'delivered' })).statusCode).toBe(404);
  });

  it('refuses webhooks without the right token', async () => {
    const wrong = await inbound({ from: '0612345678', text: 'Bonjour' }, 'wrong-token');
    expect(wrong.statusCode).toBe(401);
    const none = await t.inject({
      method: 'POST',
      url: '/api/v1/sms/inbound',
      payload: { from: '0612345678', text: 'x' },
    });
    expect(none.statusCode).toBe(401);
    expect((await status({ id: 'x', status: 'delivered' }, 'wrong-token')).statusCode).toBe(401);
    expect((await inboundOfTenant(t)).some((row) => row.subject === 'Bonjour')).toBe(false);
  });

  it('turns an incoming SMS into a request waiting for qualification, once per gateway id', async () => {
    const phone = uniqueMobile();
    const national = `0${phone.slice(3)}`;
    const first = await inbound({
      from: national,
      to: '38100',
      text: 'Le feu rouge est en panne.',
      id: `in-${phone}`,
    });
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body).toMatchObject({ outcome: 'request_created', duplicate: false });
    const [request] = (await requestsOfTenant(t)).filter((row) => row.id === body.requestId);
    expect(request).toMatchObject({ channel: 'sms', status: 'received', contact: { name: phone, phone } });
    expect(request!.subject).toBe('SMS : Le feu rouge est en panne.');

    const again = await inbound({
      from: national,
      to: '38100',
      text: 'Le feu rouge est en panne.',
      id: `in-${phone}`,
    });
    expect(again.json()).toMatchObject({
      duplicate: true,
      requestId: body.requestId,
      inboundMessageId: body.inboundMessageId,
    });
    expect((await requestsOfTenant(t)).filter((row) => row.contact?.phone === phone)).toHaveLength(1);
  });

  it('threads a reply into the sender’s open request and reopens it when it was answered', async () => {
    const phone = uniqueMobile();
    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    await t.app.ctx.db
      .update(users)
      .set({
        phone: `0${phone.slice(3, 4)} ${phone.slice(4, 6)} ${phone.slice(6, 8)} ${phone.slice(8, 10)} ${phone.slice(10)}`,
      })
      .where(eq(users.id, citizen.id));
    const submitted = await submitRequest(t.app.ctx, systemPrincipal(t.tenant.id, 'test'), {
      channel: 'web',
      citizen: {
        id: citizen.id,
        email: citizen.email,
        firstName: citizen.firstName,
        lastName: citizen.lastName,
      },
      awaitsQualification: true,
      subject: 'Trottoir abîmé',
      description: 'Devant la boulangerie.',
    });
    const [request] = (await requestsOfTenant(t)).filter((row) => row.id === submitted.id);
    await updateRequestAtVersion(
      t.app.ctx.db,
      t.tenant.id,
      submitted.id,
      request!.version,
      { status: 'answered' },
      new Date(),
    );

    const reply = await inbound({ from: phone, text: 'Merci, mais rien n’a changé.' });
    expect(reply.json()).toMatchObject({ outcome: 'reply', requestId: submitted.id });
    const [after] = (await requestsOfTenant(t)).filter((row) => row.id === submitted.id);
    expect(after!.status).toBe('in_progress');
    expect(await eventsOf(t, submitted.id, 'citizen_message')).toMatchObject([
      {
        body: 'Merci, mais rien n’a changé.',
        actorId: citizen.id,
        actorKind: 'citizen',
        data: { channel: 'sms' },
      },
    ]);
    expect(await eventsOf(t, submitted.id, 'status_changed')).toMatchObject([
      { data: { from: 'answered', to: 'in_progress' } },
    ]);
  });

  it('opts out on « STOP » and in again on START', async () => {
    const phone = uniqueMobile();
    const stop = await inbound({ from: phone, text: ' STOP ' });
    expect(stop.json()).toMatchObject({ outcome: 'opt_out', requestId: null });
    const optedOut = () =>
      t.app.ctx.db
        .select()
        .from(smsOptOuts)
        .where(and(eq(smsOptOuts.tenantId, t.tenant.id), eq(smsOptOuts.phone, phone)));
    expect(await optedOut()).toHaveLength(1);
    expect((await inbound({ from: phone, text: 'stop sms' })).json()).toMatchObject({ outcome: 'opt_out' });
    expect(await optedOut()).toHaveLength(1);
    expect((await inbound({ from: phone, text: 'START' })).json()).toMatchObject({ outcome: 'opt_out' });
    expect(await optedOut()).toHaveLength(0);
  });

  it('answers 400 for an invalid sender and keeps the SMS as rejected', async () => {
    const response = await inbound({ from: 'not-a-number', text: 'Bonjour' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const rejected = (await inboundOfTenant(t)).find((row) => row.sender === 'not-a-number');
    expect(rejected).toMatchObject({ outcome: 'rejected', channel: 'sms', source: 'http' });
    expect(rejected!.outcomeReason).toContain('invalide');

    const missing = await inbound({ text: 'Bonjour' });
    expect(missing.statusCode).toBe(400);
  });

  it('documents the webhooks in the OpenAPI with the gateway token', async () => {
    const spec = (await t.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.paths['/api/v1/sms/inbound'].post.security).toEqual([{ smsGatewayToken: [] }]);
    expect(spec.paths['/api/v1/sms/status'].post).toBeDefined();
    expect(spec.components.securitySchemes.smsGatewayToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('keeps an empty SMS as rejected', async () => {
    const phone = uniqueMobile();
    expect((await inbound({ from: phone, text: '   ' })).json()).toMatchObject({
      outcome: 'rejected',
      reason: 'SMS vide.',
    });
  });
});
