// French typography: non-breaking spaces before « : » in the messages.
/* eslint no-irregular-whitespace: ["error", { "skipStrings": true, "skipTemplates": true }] */
import net from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import { type LoggedInAccount, logInStaff } from '../../../../test/login';
import { type SmtpSink, startSmtpSink } from '../../../../test/smtp-sink';
import { channelSettings } from '../messaging.tables';
import { readChannelSettings } from './channel-settings.use-cases';

/** A port nobody listens on: taken from the system, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('channel settings: /api/v1/admin/channel-settings', () => {
  let t: TestContext;
  let admin: LoggedInAccount;
  let manager: LoggedInAccount;
  let sink: SmtpSink;
  let sinkPort: number;

  beforeAll(async () => {
    t = await buildTestApp();
    ({ admin, manager } = await logInStaff(t, ['agent']));
    sink = await startSmtpSink();
    sinkPort = Number(new URL(sink.url).port);
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  const put = (kind: string, payload: object, account = admin) =>
    t.inject({
      method: 'PUT',
      url: `/api/v1/admin/channel-settings/${kind}`,
      headers: account.headers,
      payload,
    });
  const test = (kind: string, account = admin) =>
    t.inject({
      method: 'POST',
      url: `/api/v1/admin/channel-settings/${kind}/test`,
      headers: account.headers,
      payload: {},
    });
  const list = async () => {
    const response = await t.inject({
      method: 'GET',
      url: '/api/v1/admin/channel-settings',
      headers: admin.headers,
    });
    expect(response.statusCode).toBe(200);
    return (response.json() as { items: Record<string, unknown>[] }).items;
  };
  const row = async (kind: 'smtp' | 'imap' | 'smpp' | 'sms_http') =>
    (
      await t.app.ctx.db
        .select()
        .from(channelSettings)
        .where(and(eq(channelSettings.tenantId, t.tenant.id), eq(channelSettings.kind, kind)))
    )[0];

  it('lists every kind, none configured at first', async () => {
    expect(await list()).toEqual(
      ['smtp', 'imap', 'smpp', 'sms_http'].map((kind) => ({
        kind,
        configured: false,
        isEnabled: false,
        config: {},
        hasSecret: false,
        updatedAt: null,
        pollStatus: null,
      })),
    );
  });

  it('saves a configuration with its secret sealed at rest, never returned, kept when left empty', async () => {
    const secret = 'Mot-de-passe-SMTP-42';
    const saved = await put('smtp', {
      config: {
        host: '127.0.0.1',
        port: sinkPort,
        security: 'none',
        user: 'mairie',
        from: 'mairie@ville.test',
      },
      secret,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.body).not.toContain(secret);
    expect(saved.json()).toMatchObject({ kind: 'smtp', configured: true, isEnabled: true, hasSecret: true });

    const stored = await row('smtp');
    expect(stored!.secretCiphertext).toMatch(/^v1:/);
    expect(stored!.secretCiphertext).not.toContain(secret);
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect((await readChannelSettings(t.app.ctx, t.tenant.id, 'smtp'))!.secret).toBe(secret);

    const listed = await list();
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(listed[0]).toMatchObject({
      kind: 'smtp',
      hasSecret: true,
      config: { host: '127.0.0.1', user: 'mairie' },
    });

    // An empty secret keeps the saved one; clearSecret removes it.
    await put('smtp', {
      config: { host: '127.0.0.1', port: sinkPort, security: 'none', user: 'mairie' },
      secret: '',
    });
    expect((await readChannelSettings(t.app.ctx, t.tenant.id, 'smtp'))!.secret).toBe(secret);
    const cleared = await put('smtp', {
      config: { host: '127.0.0.1', port: sinkPort, security: 'none' },
      clearSecret: true,
    });
    expect(cleared.json()).toMatchObject({ hasSecret: false });
    expect((await row('smtp'))!.secretCiphertext).toBeNull();
  });

  it('validates each kind’s configuration and refuses a secret inside it', async () => {
    const missing = await put('smpp', { config: { host: 'smsc.example.fr', port: 2775, security: 'none' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const badPort = await put('imap', {
      config: { host: 'imap.example.fr', port: 70000, security: 'tls', user: 'u', mailbox: 'INBOX' },
    });
    expect(badPort.statusCode).toBe(400);
    const smuggled = await put('smtp', {
      config: { host: 'relay.example.fr', port: 587, security: 'starttls', password: 'in clear' },
    });
    expect(smuggled.statusCode).toBe(400);
    const badUrl = await put('sms_http', { config: { url: 'ftp://gateway.example.fr' } });
    expect(badUrl.statusCode).toBe(400);
    const sms = await put('sms_http', {
      config: { url: 'http://127.0.0.1:9/send', senderId: 'MAIRIE' },
      secret: 'api-key',
    });
    expect(sms.statusCode, sms.body).toBe(200);
  });

  it('is for administrators only', async () => {
    const response = await t.inject({
      method: 'GET',
      url: '/api/v1/admin/channel-settings',
      headers: manager.headers,
    });
    expect(response.statusCode).toBe(403);
    expect(
      (await put('smtp', { config: { host: 'x', port: 25, security: 'none' } }, manager)).statusCode,
    ).toBe(403);
    expect((await test('smtp', manager)).statusCode).toBe(403);
  });

  it('tests SMTP against a real local server, and says in French what went wrong', async () => {
    await put('smtp', { config: { host: '127.0.0.1', port: sinkPort, security: 'none' } });
    const ok = await test('smtp');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({
      ok: true,
      message: `Connexion réussie à 127.0.0.1:${sinkPort} : le serveur SMTP répond.`,
    });

    const port = await closedPort();
    await put('smtp', { config: { host: '127.0.0.1', port, security: 'none' } });
    const refused = await test('smtp');
    expect(refused.json()).toEqual({
      ok: false,
      message: `Connexion refusée par 127.0.0.1:${port} : aucun service n’écoute à cette adresse.`,
    });

    // STARTTLS required, but the sink offers none.
    await put('smtp', { config: { host: '127.0.0.1', port: sinkPort, security: 'starttls' } });
    const noTls = await test('smtp');
    expect(noTls.json()).toMatchObject({ ok: false });
  });

  it('tests SMPP and IMAP by connecting, and the HTTP gateway with a HEAD request', async () => {
    const server = net.createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const open = (server.address() as net.AddressInfo).port;
    try {
      await put('smpp', {
        config: { host: '127.0.0.1', port: open, security: 'none', systemId: 'mairie', senderId: 'MAIRIE' },
        secret: 's',
      });
      expect((await test('smpp')).json()).toEqual({
        ok: true,
        message: `Le centre SMS (SMSC) 127.0.0.1:${open} répond.`,
      });
      const closed = await closedPort();
      await put('smpp', {
        config: { host: '127.0.0.1', port: closed, security: 'none', systemId: 'mairie', senderId: 'MAIRIE' },
      });
      expect((await test('smpp')).json()).toMatchObject({
        ok: false,
        message: expect.stringContaining('Connexion refusée'),
      });

      await put('sms_http', { config: { url: `http://127.0.0.1:${closed}/send` } });
      expect((await test('sms_http')).json()).toMatchObject({
        ok: false,
        message: expect.stringContaining('Connexion refusée'),
      });

      await put('imap', {
        config: { host: '127.0.0.1', port: closed, security: 'none', user: 'mairie', mailbox: 'INBOX' },
      });
      expect((await test('imap')).json()).toMatchObject({
        ok: false,
        message: expect.stringContaining('127.0.0.1'),
      });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    // The application's own API answers a HEAD: a reachable gateway.
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    await put('sms_http', { config: { url: `${address}/api/v1/health` } });
    expect((await test('sms_http')).json()).toMatchObject({
      ok: true,
      message: expect.stringContaining('répond (HTTP'),
    });
  });

  it('answers 409 when testing a kind never saved', async () => {
    const fresh = await buildTestApp();
    try {
      const { admin: otherAdmin } = await logInStaff(fresh, ['agent']);
      const response = await fresh.inject({
        method: 'POST',
        url: '/api/v1/admin/channel-settings/smpp/test',
        headers: otherAdmin.headers,
        payload: {},
      });
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ code: 'CHANNEL_NOT_CONFIGURED' });
    } finally {
      await fresh.close();
    }
  });
});
