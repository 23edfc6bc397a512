import { and, eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import { uniqueSuffix } from '../../../../test/factories';
import {
  createSelfSignedCertificate,
  opensslMissingReason,
  type SelfSignedCertificate,
} from '../../../../test/self-signed-certificate';
import type { AppContext } from '../../../app-context';
import type { Config } from '../../../config';
import { requests } from '../../requests/requests.tables';
import { inboundMessages } from '../intake.tables';
import { type SmtpListener, startSmtpListener } from './smtp-listener';

const missing = opensslMissingReason();

describe.skipIf(missing !== null)(`SMTP listener with TLS${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let t: TestContext;
  let certificate: SelfSignedCertificate;
  const listeners: SmtpListener[] = [];

  beforeAll(async () => {
    certificate = createSelfSignedCertificate();
    // The certificate comes the way operators give it: file paths read by config.ts.
    t = await buildTestApp({
      env: { SMTP_INBOUND_TLS_CERT: certificate.certFile, SMTP_INBOUND_TLS_KEY: certificate.keyFile },
    });
    // A migrated database: slow on a busy machine.
  }, 120_000);

  afterAll(async () => {
    await Promise.all(listeners.map((listener) => listener.close()));
    await t?.close();
  });

  /** A listener on a free port with this app, some settings changed. */
  async function listen(config: Partial<Config> = {}) {
    const ctx: AppContext = { ...t.app.ctx, config: { ...t.app.ctx.config, ...config } };
    const listener = await startSmtpListener(ctx, { port: 0, host: '127.0.0.1' });
    listeners.push(listener);
    return listener;
  }

  /** Sends one e-mail to the town; resolves with the SMTP error code when refused. */
  async function send(options: SMTPTransport.Options) {
    const messageId = `<tls-${uniqueSuffix()}@example.test>`;
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      tls: { ca: certificate.cert, servername: 'localhost' },
      ...options,
    });
    try {
      await transport.sendMail({
        from: 'Louise Garnier <louise.garnier@example.test>',
        to: `mairie@${t.tenant.host}`,
        subject: 'Lampadaire éteint rue des Tilleuls',
        text: 'Le lampadaire devant le 4 rue des Tilleuls ne s’allume plus.',
        messageId,
      });
      return { messageId, refused: null };
    } catch (error) {
      const { responseCode, code } = error as { responseCode?: number; code?: string };
      return { messageId, refused: responseCode ?? code ?? 'unknown' };
    } finally {
      transport.close();
    }
  }

  async function requestOf(messageId: string) {
    const [row] = await t.app.ctx.db
      .select()
      .from(inboundMessages)
      .where(and(eq(inboundMessages.tenantId, t.tenant.id), eq(inboundMessages.externalId, messageId)));
    if (!row?.subjectId) return undefined;
    const [request] = await t.app.ctx.db.select().from(requests).where(eq(requests.id, row.subjectId));
    return request;
  }

  it('offers STARTTLS with the configured certificate: the encrypted mail becomes a request', async () => {
    expect(t.app.ctx.config.smtpInboundTls?.cert).toBe(certificate.cert);
    const listener = await listen();
    // requireTLS: the client gives up unless the upgrade happens, so success proves it did.
    const sent = await send({ port: listener.port, secure: false, requireTLS: true });
    expect(sent.refused).toBeNull();
    expect(await requestOf(sent.messageId)).toMatchObject({
      channel: 'email',
      status: 'received',
      subject: 'Lampadaire éteint rue des Tilleuls',
    });
    // Without SMTP_INBOUND_REQUIRE_TLS a sender that does not encrypt is still heard.
    const plain = await send({ port: listener.port, secure: false, ignoreTLS: true });
    expect(plain.refused).toBeNull();
    expect(await requestOf(plain.messageId)).toBeDefined();
  });

  it('with SMTP_INBOUND_REQUIRE_TLS refuses MAIL FROM in clear text (530) and accepts after STARTTLS', async () => {
    const listener = await listen({ smtpInboundRequireTls: true });
    const plain = await send({ port: listener.port, secure: false, ignoreTLS: true });
    expect(plain.refused).toBe(530);
    const [row] = await t.app.ctx.db
      .select()
      .from(inboundMessages)
      .where(eq(inboundMessages.externalId, plain.messageId));
    expect(row).toBeUndefined();

    const encrypted = await send({ port: listener.port, secure: false, requireTLS: true });
    expect(encrypted.refused).toBeNull();
    expect(await requestOf(encrypted.messageId)).toMatchObject({ channel: 'email' });
  });

  it('with SMTP_INBOUND_SECURE speaks TLS from the first byte (port 465 style)', async () => {
    const listener = await listen({ smtpInboundSecure: true });
    const sent = await send({ port: listener.port, secure: true });
    expect(sent.refused).toBeNull();
    expect(await requestOf(sent.messageId)).toMatchObject({ channel: 'email' });
    // A client in clear text gets no SMTP greeting it can read.
    const plain = await send({
      port: listener.port,
      secure: false,
      ignoreTLS: true,
      greetingTimeout: 1000,
      connectionTimeout: 2000,
    });
    expect(plain.refused).not.toBeNull();
  });

  it('offers no STARTTLS without a certificate (never smtp-server’s built-in one)', async () => {
    const listener = await listen({ smtpInboundTls: undefined });
    const sent = await send({ port: listener.port, secure: false, requireTLS: true });
    expect(sent.refused).not.toBeNull();
    expect(await requestOf(sent.messageId)).toBeUndefined();
  });
});
