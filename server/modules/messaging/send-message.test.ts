import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../test/build-test-app';
import { buildTenant } from '../../../test/factories';
import { users } from '../accounts/accounts.tables';
import { tenants } from '../organisation/organisation.tables';
import { defaultTenantSettings } from '../organisation/tenant-settings';
import { channelAdaptersOf } from './channel-adapter';
import { jobs } from '../../platform/jobs/jobs.tables';
import { dispatchMessage } from './dispatch-message';
import { candidateChannels, resolveRecipient } from './message-queue';
import {
  buildMessagingCitizen,
  buildMessagingRequest,
  dispatchPayloadOf,
  fakeAdapter,
  letterAddress,
  messageById,
  messageEventsOf,
} from './messaging-test-setup';
import { outboundMessages, smsOptOuts } from './messaging.tables';
import { recipientOfRequest } from '../requests/request-recipient';
import { recordDeliveryStatus } from './delivery-status';
import { sendToCitizen } from './send-message';
import { transaction } from '../../platform/db/transaction';

const allFake = () => [
  fakeAdapter('sms'),
  fakeAdapter('email'),
  fakeAdapter('portal'),
  fakeAdapter('letter'),
];
const variables = {
  citizenName: 'Camille Martin',
  reference: '2026-000001',
  trackingUrl: 'https://x.test/suivi',
};

describe('sendToCitizen: channel choice', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const channelsFor = async (recipient: Parameters<typeof resolveRecipient>[2], tenantId = t.tenant.id) =>
    candidateChannels(t.app.ctx, tenantId, await resolveRecipient(t.app.ctx, tenantId, recipient), {
      adapters: allFake(),
    });

  it('puts the preferred channel first, then sms → email → portal → letter', async () => {
    const citizen = await buildMessagingCitizen(t.app.ctx.db, t.tenant.id, {
      phone: '+33612345678',
      preferredChannel: 'portal',
      postalAddress: letterAddress,
    });
    expect(await channelsFor({ userId: citizen.id })).toEqual(['portal', 'sms', 'email', 'letter']);
  });

  it('skips a preferred channel whose address is missing, and SMS to an opted-out number', async () => {
    const citizen = await buildMessagingCitizen(t.app.ctx.db, t.tenant.id, {
      phone: '+33600000001',
      preferredChannel: 'letter',
    });
    expect(await channelsFor({ userId: citizen.id })).toEqual(['sms', 'email', 'portal']);
    await t.app.ctx.db.insert(smsOptOuts).values({ tenantId: t.tenant.id, phone: '+33600000001' });
    expect(await channelsFor({ userId: citizen.id })).toEqual(['email', 'portal']);
  });

  it('uses a letter only when nothing digital can reach the person', async () => {
    expect(await channelsFor({ letterAddress: { name: 'Jean Dupont', ...letterAddress } })).toEqual([
      'letter',
    ]);
    expect(
      await channelsFor({ email: 'a@b.test', letterAddress: { name: 'J D', ...letterAddress } }),
    ).toEqual(['email', 'letter']);
  });

  it('normalises phone numbers to E.164 and never texts a landline', async () => {
    const mobile = await resolveRecipient(t.app.ctx, t.tenant.id, { phone: '06 12 34 56 78' });
    expect(mobile.phone).toBe('+33612345678');
    expect(await channelsFor({ phone: '01 23 45 67 89', email: 'a@b.test' })).toEqual(['email']);
  });

  it('answers a contact without an account on the channel the request came in by', async () => {
    const contact = {
      name: 'Jean Dupont',
      email: 'j@d.test',
      phone: '0612345678',
      postalAddress: letterAddress,
    };
    expect(await channelsFor(recipientOfRequest({ citizenId: null, contact, channel: 'letter' }))).toEqual([
      'letter',
      'sms',
      'email',
    ]);
    expect(await channelsFor(recipientOfRequest({ citizenId: null, contact, channel: 'web' }))).toEqual([
      'email',
      'sms',
      'letter',
    ]);
    expect(recipientOfRequest({ citizenId: 'u', contact, channel: 'sms' })).toEqual({ userId: 'u' });
  });

  it('only offers channels that have an adapter', async () => {
    const recipient = await resolveRecipient(t.app.ctx, t.tenant.id, {
      email: 'a@b.test',
      phone: '+33611111111',
    });
    expect(
      await candidateChannels(t.app.ctx, t.tenant.id, recipient, {
        adapters: [fakeAdapter('email')],
      }),
    ).toEqual(['email']);
  });

  it('follows the town’s order of digital channels, a letter always last', async () => {
    const tenant = await buildTenant(t.app.ctx.db);
    await t.app.ctx.db
      .update(tenants)
      .set({ settings: { ...defaultTenantSettings, channelOrder: ['portal', 'email', 'sms'] } })
      .where(eq(tenants.id, tenant.id));
    const citizen = await buildMessagingCitizen(t.app.ctx.db, tenant.id, {
      phone: '+33612345678',
      postalAddress: letterAddress,
    });
    expect(await channelsFor({ userId: citizen.id }, tenant.id)).toEqual([
      'email',
      'portal',
      'sms',
      'letter',
    ]);
    await t.app.ctx.db.update(users).set({ preferredChannel: 'sms' }).where(eq(users.id, citizen.id));
    expect(await channelsFor({ userId: citizen.id }, tenant.id)).toEqual([
      'sms',
      'portal',
      'email',
      'letter',
    ]);
  });

  it('keeps to the allowed channels when a message is restricted (account mails: e-mail only)', async () => {
    const citizen = await buildMessagingCitizen(t.app.ctx.db, t.tenant.id, {
      phone: '+33612345670',
      postalAddress: letterAddress,
    });
    const recipient = await resolveRecipient(t.app.ctx, t.tenant.id, { userId: citizen.id });
    expect(
      await candidateChannels(t.app.ctx, t.tenant.id, recipient, {
        adapters: allFake(),
        only: ['email'],
      }),
    ).toEqual(['email']);
  });

  it('skips SMS while the town has no SMS gateway, and offers it once one is configured', async () => {
    const recipient = await resolveRecipient(t.app.ctx, t.tenant.id, {
      email: 'a@b.test',
      phone: '+33622222222',
    });
    const real = { adapters: channelAdaptersOf(t.app.ctx) };
    const unconfigured = {
      ...t.app.ctx,
      config: { ...t.app.ctx.config, smppUrl: undefined, smsHttpUrl: undefined },
    };
    expect(await candidateChannels(unconfigured, t.tenant.id, recipient, real)).toEqual(['email']);
    const configured = {
      ...unconfigured,
      config: { ...unconfigured.config, smppUrl: 'smpp://u:p@127.0.0.1:1' },
    };
    expect(await candidateChannels(configured, t.tenant.id, recipient, real)).toEqual(['sms', 'email']);
  });

  it('queues one message with its cost and job, idempotent by key', async () => {
    const tenant = await buildTenant(t.app.ctx.db);
    const citizen = await buildMessagingCitizen(t.app.ctx.db, tenant.id, {
      phone: '+33622222222',
      preferredChannel: 'sms',
    });
    const request = await buildMessagingRequest(t.app.ctx.db, tenant.id, citizen.id);
    const send = () =>
      transaction(t.app.ctx.db, (tx) =>
        sendToCitizen(
          tx,
          t.app.ctx,
          {
            tenantId: tenant.id,
            key: `answer:${request.id}`,
            subject: { type: 'request', id: request.id },
            recipient: { userId: citizen.id },
            template: { key: 'answer', variables: { ...variables, message: 'Réparé.' } },
          },
          allFake(),
        ),
      );
    const first = await send();
    const second = await send();
    expect(second.messageIds).toEqual(first.messageIds);
    const rows = await t.app.ctx.db
      .select()
      .from(outboundMessages)
      .where(eq(outboundMessages.tenantId, tenant.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      channel: 'sms',
      status: 'queued',
      toAddress: '+33622222222',
      costCents: 5,
      segments: 1,
      templateKey: 'answer',
      subjectType: 'request',
      subjectId: request.id,
    });
    expect(rows[0]!.bodyText).toContain('2026-000001');
    const tenantJobs = await t.app.ctx.db.select().from(jobs).where(eq(jobs.tenantId, tenant.id));
    expect(tenantJobs.map((job) => job.type)).toEqual(['message.dispatch']);
    const events = await messageEventsOf(t, request.id);
    expect(events.map((event) => event.data.status)).toEqual(['queued']);
    expect(events[0]!.visibility).toBe('internal');
  });

  it('records on the timeline that nobody could be reached, and queues nothing', async () => {
    const tenant = await buildTenant(t.app.ctx.db);
    const request = await buildMessagingRequest(t.app.ctx.db, tenant.id);
    const result = await transaction(t.app.ctx.db, (tx) =>
      sendToCitizen(tx, t.app.ctx, {
        tenantId: tenant.id,
        key: `ack:${request.id}`,
        subject: { type: 'request', id: request.id },
        recipient: {},
        template: { key: 'acknowledgement', variables },
      }),
    );
    expect(result.messageIds).toEqual([]);
    const events = await messageEventsOf(t, request.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ status: 'failed', channel: null });
  });

  it('refuses an unknown template key', async () => {
    await expect(
      sendToCitizen(t.app.ctx.db, t.app.ctx, {
        tenantId: t.tenant.id,
        key: 'x',
        recipient: { email: 'a@b.test' },
        template: { key: 'nope' as never, variables: {} },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('dispatch: at most once, retries, fallback, delivery reports', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  async function queued(adapters: ReturnType<typeof fakeAdapter>[], preferred: 'sms' | 'email' = 'sms') {
    const tenant = await buildTenant(t.app.ctx.db);
    const citizen = await buildMessagingCitizen(t.app.ctx.db, tenant.id, {
      phone: '+33633333333',
      preferredChannel: preferred,
    });
    const request = await buildMessagingRequest(t.app.ctx.db, tenant.id, citizen.id);
    const { messageIds } = await transaction(t.app.ctx.db, (tx) =>
      sendToCitizen(
        tx,
        t.app.ctx,
        {
          tenantId: tenant.id,
          key: `closure:${request.id}`,
          subject: { type: 'request', id: request.id },
          recipient: { userId: citizen.id },
          template: { key: 'closure', variables },
        },
        adapters,
      ),
    );
    const payload = await dispatchPayloadOf(t, messageIds[0]!);
    return { tenant, citizen, request, messageId: messageIds[0]!, payload };
  }

  it('sends once and leaves a settled message alone', async () => {
    const sms = fakeAdapter('sms');
    const { messageId, payload, request, tenant } = await queued([sms]);
    await dispatchMessage(t.app.ctx, payload, { tenantId: tenant.id, isLastAttempt: false, adapters: [sms] });
    await dispatchMessage(t.app.ctx, payload, { tenantId: tenant.id, isLastAttempt: false, adapters: [sms] });
    expect(sms.sent).toHaveLength(1);
    expect(await messageById(t, messageId)).toMatchObject({
      status: 'sent',
      attempts: 1,
      providerMessageId: `sms-${messageId}`,
      lastError: null,
    });
    const events = await messageEventsOf(t, request.id);
    expect(events.map((event) => event.data.status)).toEqual(['queued', 'sent']);
  });

  it('re-sends a message left in sending (worker died) once, marked as a possible duplicate', async () => {
    const sms = fakeAdapter('sms');
    const { messageId, payload, tenant } = await queued([sms]);
    // A worker claimed it (sending, attempt 1) and died before recording the outcome.
    await t.app.ctx.db
      .update(outboundMessages)
      .set({ status: 'sending', attempts: 1, submittedAt: new Date() })
      .where(eq(outboundMessages.id, messageId));
    await dispatchMessage(t.app.ctx, payload, { tenantId: tenant.id, isLastAttempt: false, adapters: [sms] });
    expect(sms.sent).toHaveLength(1);
    expect(sms.sent[0]!.attempts).toBe(2);
    expect(sms.sent[0]!.lastError).toMatch(/^POSSIBLE_DUPLICATE/);
    const row = await messageById(t, messageId);
    expect(row.status).toBe('sent');
    expect(row.lastError).toMatch(/^POSSIBLE_DUPLICATE/);
  });

  it('puts a message back to queued on a transient error and rethrows for the queue to retry', async () => {
    const sms = fakeAdapter('sms', (attempt) => (attempt === 1 ? 'transient' : 'ok'));
    const { messageId, payload, tenant } = await queued([sms]);
    await expect(
      dispatchMessage(t.app.ctx, payload, { tenantId: tenant.id, isLastAttempt: false, adapters: [sms] }),
    ).rejects.toThrow(/relais injoignable/);
    expect(await messageById(t, messageId)).toMatchObject({
      status: 'queued',
      attempts: 1,
      lastError: 'sms: relais injoignable',
    });
    await dispatchMessage(t.app.ctx, payload, { tenantId: tenant.id, isLastAttempt: false, adapters: [sms] });
    expect(await messageById(t, messageId)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('fails at once on a permanent error and queues the next channel', async () => {
    const sms = fakeAdapter('sms', () => 'permanent');
    const email = fakeAdapter('email');
    const adapters = [sms, email, fakeAdapter('portal')];
    const { messageId, payload, request, tenant } = await queued(adapters);
    await dispatchMessage(t.app.ctx, payload, { tenantId: tenant.id, isLastAttempt: false, adapters });
    const failed = await messageById(t, messageId);
    expect(failed).toMatchObject({ status: 'failed', lastError: 'sms: destinataire inconnu' });
    const rows = await t.app.ctx.db
      .select()
      .from(outboundMessages)
      .where(eq(outboundMessages.tenantId, tenant.id));
    const fallback = rows.find((row) => row.id !== messageId)!;
    expect(fallback).toMatchObject({
      channel: 'email',
      status: 'queued',
      fallbackOfId: messageId,
      messageKey: `closure:${request.id}:fallback:email`,
      costCents: 0,
    });
    expect(fallback.bodyHtml).toContain('<p>');
    // The fallback fails too: portal is next, never SMS again.
    const failingEmail = fakeAdapter('email', () => 'permanent');
    const next = [sms, failingEmail, fakeAdapter('portal')];
    await dispatchMessage(t.app.ctx, await dispatchPayloadOf(t, fallback.id), {
      tenantId: tenant.id,
      isLastAttempt: false,
      adapters: next,
    });
    const after = await t.app.ctx.db
      .select()
      .from(outboundMessages)
      .where(eq(outboundMessages.tenantId, tenant.id));
    expect(after.map((row) => `${row.channel}:${row.status}`).sort()).toEqual([
      'email:failed',
      'portal:queued',
      'sms:failed',
    ]);
    const events = await messageEventsOf(t, request.id);
    expect(events.map((event) => `${event.data.channel}:${event.data.status}`)).toEqual([
      'sms:queued',
      'sms:failed',
      'email:queued',
      'email:failed',
      'portal:queued',
    ]);
  });

  it('fails the message after the last attempt (dead letter) and still tries the fallback', async () => {
    const sms = fakeAdapter('sms', () => 'transient');
    const adapters = [sms, fakeAdapter('email')];
    const { messageId, payload, tenant } = await queued(adapters);
    await expect(
      dispatchMessage(t.app.ctx, payload, { tenantId: tenant.id, isLastAttempt: true, adapters }),
    ).rejects.toThrow();
    expect(await messageById(t, messageId)).toMatchObject({
      status: 'failed',
      lastError: 'sms: relais injoignable',
    });
    const rows = await t.app.ctx.db
      .select()
      .from(outboundMessages)
      .where(eq(outboundMessages.tenantId, tenant.id));
    expect(rows.map((row) => row.channel).sort()).toEqual(['email', 'sms']);
  });

  it('records delivery receipts and bounces by provider id, once', async () => {
    const sms = fakeAdapter('sms');
    const adapters = [sms, fakeAdapter('email')];
    const { messageId, payload, tenant, request } = await queued(adapters);
    await dispatchMessage(t.app.ctx, payload, { tenantId: tenant.id, isLastAttempt: false, adapters });
    const delivered = await recordDeliveryStatus(t.app.ctx, {
      tenantId: tenant.id,
      providerMessageId: `sms-${messageId}`,
      status: 'delivered',
    });
    expect(delivered).toEqual({ messageId, fallbackId: null, subject: { type: 'request', id: request.id } });
    expect((await messageById(t, messageId)).status).toBe('delivered');
    // A late failure report does not undo a final status.
    await recordDeliveryStatus(t.app.ctx, {
      tenantId: tenant.id,
      providerMessageId: `sms-${messageId}`,
      status: 'failed',
      error: 'late',
    });
    expect((await messageById(t, messageId)).status).toBe('delivered');
    expect(
      await recordDeliveryStatus(t.app.ctx, {
        tenantId: tenant.id,
        providerMessageId: 'unknown',
        status: 'delivered',
      }),
    ).toBeNull();
  });

  it('a bounce fails a sent message and queues the fallback', async () => {
    const adapters = [fakeAdapter('sms'), fakeAdapter('email')];
    const { messageId, payload, tenant } = await queued(adapters, 'email');
    await dispatchMessage(t.app.ctx, payload, { tenantId: tenant.id, isLastAttempt: false, adapters });
    const result = await recordDeliveryStatus(
      t.app.ctx,
      {
        tenantId: tenant.id,
        providerMessageId: `email-${messageId}`,
        status: 'failed',
        error: '550 5.1.1 unknown user',
      },
      { adapters },
    );
    expect(result?.fallbackId).toBeTruthy();
    expect(await messageById(t, messageId)).toMatchObject({
      status: 'failed',
      lastError: '550 5.1.1 unknown user',
    });
    expect(await messageById(t, result!.fallbackId!)).toMatchObject({ channel: 'sms', status: 'queued' });
  });
});
