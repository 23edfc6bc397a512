import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../test/build-test-app';
import { buildTenant } from '../../../test/factories';
import { users } from '../accounts/accounts.tables';
import { tenants } from '../organisation/organisation.tables';
import { defaultTenantSettings } from '../organisation/tenant-settings';
import { channelAdaptersOf } from './channel-adapter';
import { jobs } from '../../platform/jobs/jobs.tables';
import { candidateChannels, resolveRecipient } from './message-queue';
import {
  buildMessagingCitizen,
  buildMessagingRequest,
  fakeAdapter,
  letterAddress,
  messageEventsOf,
} from './messaging-test-setup';
import { outboundMessages, smsOptOuts } from './messaging.tables';
import { recipientOfRequest } from '../requests/request-recipient';
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
    expect(tenantJobs.map((job) => job.type)).toEqual(['message.dispatch-batch']);
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
