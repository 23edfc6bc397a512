import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../test/build-test-app';
import { buildTenant } from '../../../test/factories';
import { transaction } from '../../platform/db/transaction';
import { jobs } from '../../platform/jobs/jobs.tables';
import type { ChannelAdapter } from './channel-adapter';
import { recordDeliveryStatus } from './delivery-status';
import { dispatchDueMessages, maxDispatchAttempts } from './dispatch-message';
import {
  buildMessagingCitizen,
  buildMessagingRequest,
  dispatchStateOf,
  fakeAdapter,
  messageById,
  messageEventsOf,
} from './messaging-test-setup';
import { outboundMessages } from './messaging.tables';
import { sendToCitizen } from './send-message';

const variables = {
  citizenName: 'Camille Martin',
  reference: '2026-000001',
  trackingUrl: 'https://x.test/suivi',
};

describe('batch dispatch: at most once, retries, fallback, delivery reports', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  async function queued(adapters: ChannelAdapter[], preferred: 'sms' | 'email' = 'sms') {
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
    return { tenant, citizen, request, messageId: messageIds[0]! };
  }

  /** Queues `count` e-mails to plain addresses in one transaction (a broadcast). */
  async function broadcast(tenantId: string, count: number, prefix = 'broadcast') {
    const { ids } = await transaction(t.app.ctx.db, async (tx) => {
      const queuedIds: string[] = [];
      for (let index = 0; index < count; index += 1) {
        const { messageIds } = await sendToCitizen(
          tx,
          t.app.ctx,
          {
            tenantId,
            key: `${prefix}:${index}`,
            recipient: { email: `habitant-${index}@example.test` },
            template: { key: 'closure', variables },
          },
          [fakeAdapter('email')],
        );
        queuedIds.push(messageIds[0]!);
      }
      return { ids: queuedIds };
    });
    return ids;
  }

  const jobsOf = (tenantId: string) =>
    t.app.ctx.db.select().from(jobs).where(eq(jobs.tenantId, tenantId)).orderBy(jobs.id);

  it('sends once and leaves a settled message alone', async () => {
    const sms = fakeAdapter('sms');
    const { messageId, request, tenant } = await queued([sms]);
    await dispatchDueMessages(t.app.ctx, tenant.id, { adapters: [sms] });
    await dispatchDueMessages(t.app.ctx, tenant.id, { adapters: [sms] });
    expect(sms.sent).toHaveLength(1);
    expect(await messageById(t, messageId)).toMatchObject({
      status: 'sent',
      attempts: 1,
      providerMessageId: `sms-${messageId}`,
      lastError: null,
      leaseUntil: null,
    });
    const events = await messageEventsOf(t, request.id);
    expect(events.map((event) => event.data.status)).toEqual(['queued', 'sent']);
  });

  it('writes one wake-up job per transaction, and claims the messages in batches of the set size', async () => {
    const tenant = await buildTenant(t.app.ctx.db);
    const ids = await broadcast(tenant.id, 5);
    expect((await jobsOf(tenant.id)).map((job) => job.type)).toEqual(['message.dispatch-batch']);
    const batches: number[] = [];
    const email: ChannelAdapter = {
      channel: 'email',
      async send(message, _ctx, batch) {
        if (batch && batch.messages[0]!.id === message.id) batches.push(batch.messages.length);
        return { status: 'sent', providerMessageId: `email-${message.id}` };
      },
    };
    const report = await dispatchDueMessages(t.app.ctx, tenant.id, { adapters: [email], batchSize: 2 });
    expect(report).toMatchObject({ claimed: 5, sent: 5, failed: 0, retried: 0, unrecorded: 0 });
    expect(batches).toEqual([2, 2, 1]);
    for (const id of ids) expect((await messageById(t, id)).status).toBe('sent');
  });

  it('wakes the dispatcher for each message queued outside a transaction', async () => {
    const tenant = await buildTenant(t.app.ctx.db);
    for (const index of [1, 2]) {
      await sendToCitizen(
        t.app.ctx.db,
        t.app.ctx,
        {
          tenantId: tenant.id,
          key: `alone:${index}`,
          recipient: { email: `seul-${index}@example.test` },
          template: { key: 'closure', variables },
        },
        [fakeAdapter('email')],
      );
    }
    const wakeUps = await jobsOf(tenant.id);
    expect(wakeUps.map((job) => `${job.type}:${job.status}`)).toEqual([
      'message.dispatch-batch:pending',
      'message.dispatch-batch:pending',
    ]);
  });

  it('records each message of a batch on its own: one refused, one to retry, the others sent', async () => {
    const tenant = await buildTenant(t.app.ctx.db);
    const ids = await broadcast(tenant.id, 4);
    // As when its wake-up job runs the drain (a pending one would make a later wake-up pointless).
    await t.app.ctx.db.update(jobs).set({ status: 'running' }).where(eq(jobs.tenantId, tenant.id));
    const email: ChannelAdapter = {
      channel: 'email',
      async send(message) {
        if (message.toAddress === 'habitant-1@example.test') {
          const { PermanentDeliveryError } = await import('./channel-adapter');
          throw new PermanentDeliveryError('550 boîte inconnue');
        }
        if (message.toAddress === 'habitant-2@example.test') throw new Error('relais injoignable');
        return { status: 'sent', providerMessageId: `email-${message.id}` };
      },
    };
    const report = await dispatchDueMessages(t.app.ctx, tenant.id, { adapters: [email] });
    expect(report).toMatchObject({ claimed: 4, sent: 2, failed: 1, retried: 1 });
    const rows = await Promise.all(ids.map((id) => messageById(t, id)));
    expect(rows.map((row) => row.status)).toEqual(['sent', 'failed', 'queued', 'sent']);
    expect(rows[1]!.lastError).toBe('550 boîte inconnue');
    expect(rows[2]).toMatchObject({ lastError: 'relais injoignable', attempts: 1, leaseUntil: null });
    // The retry waits for its backoff, and a wake-up job is due then.
    expect(rows[2]!.dueAt!.getTime()).toBeGreaterThan(Date.now() + 5_000);
    const wakeUps = (await jobsOf(tenant.id)).filter((job) => job.status === 'pending');
    expect(wakeUps.map((job) => job.runAt.getTime())).toEqual([rows[2]!.dueAt!.getTime()]);
  });

  it('retries a transient error after its backoff, then sends', async () => {
    const sms = fakeAdapter('sms', (attempt) => (attempt === 1 ? 'transient' : 'ok'));
    const { messageId, tenant } = await queued([sms]);
    await dispatchDueMessages(t.app.ctx, tenant.id, { adapters: [sms] });
    expect(await messageById(t, messageId)).toMatchObject({
      status: 'queued',
      attempts: 1,
      lastError: 'sms: relais injoignable',
    });
    // Not due yet: nothing happens.
    await dispatchDueMessages(t.app.ctx, tenant.id, { adapters: [sms] });
    expect(sms.sent).toHaveLength(1);
    await t.app.ctx.db
      .update(outboundMessages)
      .set({ dueAt: sql`now()` })
      .where(and(eq(outboundMessages.tenantId, tenant.id), eq(outboundMessages.id, messageId)));
    await dispatchDueMessages(t.app.ctx, tenant.id, { adapters: [sms] });
    expect(await messageById(t, messageId)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('fails the message at its last attempt (dead letter) and still tries the fallback', async () => {
    const sms = fakeAdapter('sms', () => 'transient');
    const adapters = [sms, fakeAdapter('email')];
    const { messageId, tenant } = await queued(adapters);
    await t.app.ctx.db
      .update(outboundMessages)
      .set({ attempts: maxDispatchAttempts - 1 })
      .where(and(eq(outboundMessages.tenantId, tenant.id), eq(outboundMessages.id, messageId)));
    await dispatchDueMessages(t.app.ctx, tenant.id, { adapters });
    expect(await messageById(t, messageId)).toMatchObject({
      status: 'failed',
      attempts: maxDispatchAttempts,
      lastError: 'sms: relais injoignable',
    });
    const rows = await t.app.ctx.db
      .select()
      .from(outboundMessages)
      .where(eq(outboundMessages.tenantId, tenant.id));
    // The fallback was queued and sent by the same drain.
    expect(rows.map((row) => `${row.channel}:${row.status}`).sort()).toEqual(['email:sent', 'sms:failed']);
  });

  it('fails at once on a permanent error and queues the next channel, never one already tried', async () => {
    const sms = fakeAdapter('sms', () => 'permanent');
    const failingEmail = fakeAdapter('email', () => 'permanent');
    const portal = fakeAdapter('portal', () => 'transient');
    const adapters = [sms, failingEmail, portal];
    const { messageId, request, tenant } = await queued(adapters);
    await dispatchDueMessages(t.app.ctx, tenant.id, { adapters });
    const rows = await t.app.ctx.db
      .select()
      .from(outboundMessages)
      .where(eq(outboundMessages.tenantId, tenant.id));
    expect(rows.map((row) => `${row.channel}:${row.status}`).sort()).toEqual([
      'email:failed',
      'portal:queued',
      'sms:failed',
    ]);
    const fallback = rows.find((row) => row.channel === 'email')!;
    expect(fallback).toMatchObject({
      fallbackOfId: messageId,
      messageKey: `closure:${request.id}:fallback:email`,
    });
    expect((await dispatchStateOf(t, fallback.id)).tried).toEqual(['sms']);
    const events = await messageEventsOf(t, request.id);
    expect(events.map((event) => `${event.data.channel}:${event.data.status}`)).toEqual([
      'sms:queued',
      'sms:failed',
      'email:queued',
      'email:failed',
      'portal:queued',
    ]);
  });

  it('re-sends a message whose worker died (lease expired) once, marked as a possible duplicate', async () => {
    const sms = fakeAdapter('sms');
    const { messageId, tenant } = await queued([sms]);
    // A worker claimed it (sending, attempt 1, lease still running) and died before recording.
    await t.app.ctx.db
      .update(outboundMessages)
      .set({
        status: 'sending',
        attempts: 1,
        submittedAt: new Date(),
        leaseUntil: sql`now() + interval '1 minute'`,
      })
      .where(and(eq(outboundMessages.tenantId, tenant.id), eq(outboundMessages.id, messageId)));
    await dispatchDueMessages(t.app.ctx, tenant.id, { adapters: [sms] });
    expect(sms.sent).toHaveLength(0);
    // Its lease runs out: the next drain takes it over.
    await t.app.ctx.db
      .update(outboundMessages)
      .set({ leaseUntil: sql`now() - interval '1 second'` })
      .where(and(eq(outboundMessages.tenantId, tenant.id), eq(outboundMessages.id, messageId)));
    await dispatchDueMessages(t.app.ctx, tenant.id, { adapters: [sms] });
    expect(sms.sent).toEqual([
      { id: messageId, attempts: 2, lastError: expect.stringMatching(/^POSSIBLE_DUPLICATE/) },
    ]);
    const row = await messageById(t, messageId);
    expect(row.status).toBe('sent');
    expect(row.lastError).toMatch(/^POSSIBLE_DUPLICATE/);
  });

  it('a rerun of the batch job takes back the messages its dead worker claimed, without waiting', async () => {
    const sms = fakeAdapter('sms');
    const { messageId, tenant } = await queued([sms]);
    await t.app.ctx.db
      .update(outboundMessages)
      .set({
        status: 'sending',
        attempts: 1,
        claimedByJob: 424242,
        leaseUntil: sql`now() + interval '1 minute'`,
      })
      .where(and(eq(outboundMessages.tenantId, tenant.id), eq(outboundMessages.id, messageId)));
    await dispatchDueMessages(t.app.ctx, tenant.id, { adapters: [sms], jobId: 424242, resume: true });
    expect(sms.sent).toHaveLength(1);
    expect(await messageById(t, messageId)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('a burst of transactions costs one drain: the first wake-up job takes the others along', async () => {
    const tenant = await buildTenant(t.app.ctx.db);
    const ids = [
      ...(await broadcast(tenant.id, 2, 'first')),
      ...(await broadcast(tenant.id, 2, 'second')),
      ...(await broadcast(tenant.id, 2, 'third')),
    ];
    expect(await jobsOf(tenant.id)).toHaveLength(3);
    expect(await t.app.ctx.jobs.runUntilIdle({ tenantId: tenant.id })).toBe(1);
    expect((await jobsOf(tenant.id)).map((job) => job.status)).toEqual(['done', 'done', 'done']);
    for (const id of ids) expect((await messageById(t, id)).status).toBe('sent');
  });

  it('still handles a message.dispatch job written before batch dispatch (adopts its message)', async () => {
    const tenant = await buildTenant(t.app.ctx.db);
    // As the old code left it: no dispatch state, no due date; the job holds the payload.
    const [message] = await t.app.ctx.db
      .insert(outboundMessages)
      .values({
        tenantId: tenant.id,
        messageKey: 'legacy:1',
        channel: 'email',
        toAddress: 'ancien@example.test',
        subject: 'Votre demande',
        bodyText: 'Bonjour',
      })
      .returning();
    const [stuck] = await t.app.ctx.db
      .insert(outboundMessages)
      .values({
        tenantId: tenant.id,
        messageKey: 'legacy:2',
        channel: 'email',
        toAddress: 'ancien-2@example.test',
        subject: 'Votre demande',
        bodyText: 'Bonjour',
        status: 'sending',
        attempts: 1,
      })
      .returning();
    const recipient = {
      userId: null,
      name: '',
      email: 'ancien@example.test',
      phone: null,
      letterAddress: null,
      preferredChannel: null,
    };
    await t.app.ctx.db.insert(jobs).values(
      [message!, stuck!].map((row) => ({
        type: 'message.dispatch',
        tenantId: tenant.id,
        payload: {
          messageId: row.id,
          variables: { reference: 'R-1' },
          recipient,
          tried: [],
          only: ['email'],
        },
        idempotencyKey: `message.dispatch:${row.id}`,
      })),
    );
    await t.app.ctx.jobs.runUntilIdle({ tenantId: tenant.id });
    expect(await messageById(t, message!.id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect((await dispatchStateOf(t, message!.id)).only).toEqual(['email']);
    const resent = await messageById(t, stuck!.id);
    expect(resent).toMatchObject({ status: 'sent', attempts: 2 });
    expect(resent.lastError).toMatch(/^POSSIBLE_DUPLICATE/);
    expect((await jobsOf(tenant.id)).every((job) => job.status === 'done')).toBe(true);
  });

  it('records delivery receipts and bounces by provider id, once', async () => {
    const sms = fakeAdapter('sms');
    const adapters = [sms, fakeAdapter('email')];
    const { messageId, tenant, request } = await queued(adapters);
    await dispatchDueMessages(t.app.ctx, tenant.id, { adapters });
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
    const { messageId, tenant } = await queued(adapters, 'email');
    await dispatchDueMessages(t.app.ctx, tenant.id, { adapters });
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
