import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import { type SmtpSink, startSmtpSink } from '../../../../test/smtp-sink';
import { jobs } from '../../../platform/jobs/jobs.tables';
import {
  buildMessagingCitizen,
  buildMessagingRequest,
  messageById,
  messageEventsOf,
} from '../messaging-test-setup';
import { channelSettings, outboundMessages } from '../messaging.tables';
import { parseReplyToken } from '../reply-token';
import { sendToCitizen } from '../send-message';
import { transaction } from '../../../platform/db/transaction';

const variables = { citizenName: 'Camille <Martin>', reference: '2026-000042', message: 'Réparé & testé.' };

function headerText(value: unknown): string {
  if (typeof value === 'string') return value;
  return (value as { text?: string })?.text ?? '';
}

describe('e-mail channel through a real SMTP server', () => {
  let t: TestContext;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await buildTestApp({ env: { SMTP_URL: sink.url, MAIL_FROM: 'Mairie <mairie@ville.test>' } });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  async function queueAnswer() {
    const citizen = await buildMessagingCitizen(t.app.ctx.db, t.tenant.id, { preferredChannel: 'email' });
    const request = await buildMessagingRequest(t.app.ctx.db, t.tenant.id, citizen.id);
    const { messageIds } = await transaction(t.app.ctx.db, (tx) =>
      sendToCitizen(tx, t.app.ctx, {
        tenantId: t.tenant.id,
        key: `answer:${request.id}`,
        subject: { type: 'request', id: request.id },
        recipient: { userId: citizen.id },
        template: { key: 'answer', variables },
      }),
    );
    return { citizen, request, messageId: messageIds[0]! };
  }

  it('sends HTML and text with a fixed Message-ID and a signed Reply-To, then records sent', async () => {
    const { citizen, request, messageId } = await queueAnswer();
    await t.app.ctx.jobs.runUntilIdle();
    const mail = await sink.waitForMessage((m) => m.to.includes(citizen.email));
    expect(mail.subject).toBe('Réponse à votre demande 2026-000042');
    expect(mail.text).toContain('Réparé & testé.');
    expect(mail.html).toContain('Réparé &amp; testé.');
    expect(mail.html).toContain('Camille &lt;Martin&gt;');
    expect(headerText(mail.headers.get('message-id'))).toBe(`<${messageId}@ville.test>`);
    expect(headerText(mail.headers.get('auto-submitted'))).toBe('auto-generated');
    const replyTo = headerText(mail.headers.get('reply-to'));
    const token = /reply\+([a-z2-7]+)@ville\.test/.exec(replyTo)?.[1];
    expect(token).toBeTruthy();
    expect(parseReplyToken(token!, t.app.ctx.config.sessionSecret)).toBe(request.id);
    expect(await messageById(t, messageId)).toMatchObject({
      status: 'sent',
      attempts: 1,
      providerMessageId: `<${messageId}@ville.test>`,
      costCents: 0,
    });
    const events = await messageEventsOf(t, request.id);
    expect(events.map((event) => event.data.status)).toEqual(['queued', 'sent']);
  });

  it('a message left in sending by a dead worker is re-sent with the same Message-ID, never another', async () => {
    const { citizen, messageId } = await queueAnswer();
    await t.app.ctx.jobs.runUntilIdle();
    await sink.waitForMessage((m) => m.to.includes(citizen.email));
    // Simulate the crash window: the relay got it, the outcome was never recorded, the batch's
    // lease ran out, and the town's dispatcher runs again.
    await t.app.ctx.db
      .update(outboundMessages)
      .set({ status: 'sending', providerMessageId: null, leaseUntil: new Date(0) })
      .where(eq(outboundMessages.id, messageId));
    await t.app.ctx.db
      .update(jobs)
      .set({ status: 'pending', runAt: new Date(0) })
      .where(and(eq(jobs.tenantId, t.tenant.id), eq(jobs.type, 'message.dispatch-batch')));
    await t.app.ctx.jobs.runUntilIdle();
    await t.app.ctx.jobs.runUntilIdle();
    const copies = sink.messages.filter((m) => m.to.includes(citizen.email));
    expect(copies).toHaveLength(2);
    expect(new Set(copies.map((m) => headerText(m.headers.get('message-id'))))).toEqual(
      new Set([`<${messageId}@ville.test>`]),
    );
    const row = await messageById(t, messageId);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(row.lastError).toMatch(/^POSSIBLE_DUPLICATE/);
  });
});

describe('e-mail channel: the town’s own SMTP relay', () => {
  it('uses the relay saved in the channel settings rather than SMTP_URL', async () => {
    const instanceSink = await startSmtpSink();
    const townSink = await startSmtpSink();
    const t = await buildTestApp({ env: { SMTP_URL: instanceSink.url } });
    try {
      const port = Number(new URL(townSink.url).port);
      await t.app.ctx.db.insert(channelSettings).values({
        tenantId: t.tenant.id,
        kind: 'smtp',
        config: { host: '127.0.0.1', port, security: 'none', from: 'mairie@commune.test' },
      });
      await transaction(t.app.ctx.db, (tx) =>
        sendToCitizen(tx, t.app.ctx, {
          tenantId: t.tenant.id,
          key: 'town-relay',
          recipient: { email: 'habitant@example.test' },
          template: { key: 'closure', variables },
        }),
      );
      await t.app.ctx.jobs.runUntilIdle();
      const mail = await townSink.waitForMessage((m) => m.to.includes('habitant@example.test'));
      expect(mail.from).toContain('mairie@commune.test');
      expect(instanceSink.messages).toHaveLength(0);
    } finally {
      await t.close();
      await instanceSink.close();
      await townSink.close();
    }
  });
});

describe('e-mail channel: refusals and an unreachable relay', () => {
  it('a 550 from the relay fails the message and queues the fallback on the next channel', async () => {
    const received: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('inconnu')) {
          const error = Object.assign(new Error('5.1.1 Mailbox unknown'), { responseCode: 550 });
          callback(error);
        } else callback();
      },
      onData(stream, _session, callback) {
        stream.on('data', () => {});
        stream.on('end', () => {
          received.push('x');
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.server.address() as AddressInfo;
    const t = await buildTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    try {
      const citizen = await buildMessagingCitizen(t.app.ctx.db, t.tenant.id, { preferredChannel: 'email' });
      const request = await buildMessagingRequest(t.app.ctx.db, t.tenant.id, citizen.id);
      const { messageIds } = await transaction(t.app.ctx.db, (tx) =>
        sendToCitizen(tx, t.app.ctx, {
          tenantId: t.tenant.id,
          key: `closure:${request.id}`,
          subject: { type: 'request', id: request.id },
          recipient: { userId: citizen.id, email: 'inconnu@example.test' },
          template: { key: 'closure', variables },
        }),
      );
      await t.app.ctx.jobs.runUntilIdle();
      const failed = await messageById(t, messageIds[0]!);
      expect(failed.status).toBe('failed');
      expect(failed.lastError).toContain('550');
      const rows = await t.app.ctx.db
        .select()
        .from(outboundMessages)
        .where(eq(outboundMessages.tenantId, t.tenant.id));
      const portal = rows.find((row) => row.channel === 'portal');
      expect(portal).toMatchObject({ status: 'delivered', fallbackOfId: failed.id });
      expect(received).toHaveLength(0);
    } finally {
      await t.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('an unreachable relay keeps the message queued with the error, retried with backoff by a wake-up job', async () => {
    const probe = new SMTPServer({ logger: false });
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
    const { port } = probe.server.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const t = await buildTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    try {
      const { messageIds } = await transaction(t.app.ctx.db, (tx) =>
        sendToCitizen(tx, t.app.ctx, {
          tenantId: t.tenant.id,
          key: 'unreachable',
          recipient: { email: 'quelquun@example.test' },
          template: { key: 'closure', variables },
        }),
      );
      await t.app.ctx.jobs.runUntilIdle();
      const row = await messageById(t, messageIds[0]!);
      expect(row).toMatchObject({ status: 'queued', attempts: 1 });
      expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
      expect(row.dueAt!.getTime()).toBeGreaterThan(Date.now());
      // The batch job itself succeeded; the next one is due with the message.
      const tenantJobs = await t.app.ctx.db
        .select()
        .from(jobs)
        .where(and(eq(jobs.tenantId, t.tenant.id), eq(jobs.type, 'message.dispatch-batch')))
        .orderBy(jobs.id);
      expect(tenantJobs.map((job) => job.status)).toEqual(['done', 'pending']);
      expect(tenantJobs[1]!.runAt.getTime()).toBe(row.dueAt!.getTime());
    } finally {
      await t.close();
    }
  });
});
