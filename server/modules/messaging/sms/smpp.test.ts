import { systemPrincipal } from '../../../platform/auth/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import { startTestSmsc, type TestSmsc } from '../../../../test/smsc';
import { submitRequest } from '../../requests/use-cases/submit-request';
import { channelSettings, outboundMessages, smsOptOuts } from '../messaging.tables';
import { sendToCitizen } from '../send-message';
import { secretBoxOf } from '../../../platform/crypto/secret-box';
import { smppGatewayFor, stopSmppGateways } from './smpp-gateway';
import {
  dispatchSms,
  eventsOf,
  findInbound,
  findOutbound,
  inboundOfTenant,
  queueSms,
  skipBackoff,
  requestsOfTenant,
  uniqueMobile,
} from './sms-test-setup';
import { transaction } from '../../../platform/db/transaction';

/** Against a real SMSC on loopback (test/smsc.ts, the `smpp` package in server mode). */
describe('SMS through SMPP', () => {
  let smsc: TestSmsc;
  let t: TestContext;
  /** The town's number the citizens text (routes mobile-originated SMS to this test's tenant). */
  const townNumber = `33700${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;

  beforeAll(async () => {
    smsc = await startTestSmsc();
    t = await buildTestApp({ config: { smppUrl: smsc.url, smsSenderId: 'MAIRIE' } });
    await t.app.ctx.db.insert(channelSettings).values({
      tenantId: t.tenant.id,
      kind: 'smpp',
      config: {
        host: '127.0.0.1',
        port: smsc.port,
        security: 'none',
        systemId: 'guichet',
        senderId: townNumber,
      },
      // Saved but off: SMPP_URL carries the messages; the sender id routes inbound SMS to this town.
      isEnabled: false,
    });
    await smsc.waitForBind();
  });

  afterAll(async () => {
    await t?.close();
    await smsc?.close();
  });

  it('binds as a transceiver with the system id and password of SMPP_URL', () => {
    expect(smsc.binds).toBeGreaterThanOrEqual(1);
  });

  it('sends a queued acknowledgement in GSM-7 once French typography is normalised', async () => {
    const before = smsc.submitted.length;
    const phone = uniqueMobile();
    const national = `0${phone.slice(3, 4)} ${phone.slice(4, 6)} ${phone.slice(6, 8)} ${phone.slice(8, 10)} ${phone.slice(10)}`;
    const { messageIds } = await transaction(t.app.ctx.db, (tx) =>
      sendToCitizen(tx, t.app.ctx, {
        tenantId: t.tenant.id,
        key: `ack-sms-${phone}`,
        recipient: { phone: national, preferredChannel: 'sms' },
        template: {
          key: 'acknowledgement',
          variables: {
            townName: 'Ville de Démo',
            citizenName: 'Camille Martin',
            reference: '2026-000123',
            subject: 'Lampadaire éteint',
            trackingCode: 'BCDFGHJK',
            trackingUrl: 'https://guichet.example.fr/suivi/BCDFGHJK',
            departmentName: 'Voirie',
            dueDate: 'lundi 14 décembre 2026',
          },
        },
      }),
    );
    expect(messageIds).toHaveLength(1);
    await t.app.ctx.jobs.runUntilIdle();
    const [sms] = (await smsc.waitForSubmits(before + 1)).slice(before);
    expect(sms).toMatchObject({
      destinationAddr: phone.slice(1),
      sourceAddr: 'MAIRIE',
      sourceAddrTon: 5,
      dataCoding: 0,
      esmClass: 0,
      registeredDelivery: 1,
    });
    // « ç » is written « c » in GSM-7: code 0x09 would reach the phone as « Ç » (see segments.ts).
    expect(sms!.text).toBe(
      'Ville de Démo : votre demande 2026-000123 a bien été recue. Suivi : https://guichet.example.fr/suivi/BCDFGHJK',
    );
    const row = await findOutbound(t, messageIds[0]!);
    expect(row).toMatchObject({
      status: 'sent',
      providerMessageId: sms!.messageId,
      segments: 1,
      costCents: 5,
    });
  });

  it('sends UCS-2 when the text needs it', async () => {
    const before = smsc.submitted.length;
    const message = await queueSms(t, { to: uniqueMobile(), text: 'Fenêtre réparée 👍' });
    await dispatchSms(t, message.id);
    const [sms] = (await smsc.waitForSubmits(before + 1)).slice(before);
    expect(sms).toMatchObject({ dataCoding: 8, esmClass: 0, text: 'Fenêtre réparée 👍' });
    expect(await findOutbound(t, message.id)).toMatchObject({ status: 'sent', segments: 1 });
  });

  it('splits a long message into concatenated parts with one UDH reference', async () => {
    const before = smsc.submitted.length;
    const text = `Bonjour, ${'la voirie interviendra rue des Lilas demain matin. '.repeat(7)}Merci.`;
    const message = await queueSms(t, { to: uniqueMobile(), text });
    await dispatchSms(t, message.id);
    const parts = (await smsc.waitForSubmits(before + 3)).slice(before);
    expect(parts).toHaveLength(3);
    const reference = parts[0]!.concatenation!.reference;
    parts.forEach((part, index) => {
      expect(part.esmClass & 0x40).toBe(0x40);
      expect(part.dataCoding).toBe(0);
      expect(part.concatenation).toEqual({ reference, total: 3, sequence: index + 1 });
    });
    expect(parts.map((part) => part.text).join('')).toBe(text.trim());
    const row = await findOutbound(t, message.id);
    expect(row).toMatchObject({ status: 'sent', providerMessageId: parts[0]!.messageId, segments: 3 });
    // Unit cost per segment × segments, in whole cents.
    expect(row.costCents).toBe(15);
  });

  it('marks a message delivered on its delivery receipt, failed on UNDELIV', async () => {
    const delivered = await queueSms(t, { to: uniqueMobile(), text: 'Votre demande est traitée.' });
    await dispatchSms(t, delivered.id);
    const sent = await findOutbound(t, delivered.id);
    expect(await smsc.sendReceipt(sent.providerMessageId!, 'DELIVRD')).toBe(0);
    expect(await findOutbound(t, delivered.id)).toMatchObject({ status: 'delivered' });

    const lost = await queueSms(t, { to: uniqueMobile(), text: 'Votre demande est traitée.' });
    await dispatchSms(t, lost.id);
    const lostRow = await findOutbound(t, lost.id);
    expect(await smsc.sendReceipt(lostRow.providerMessageId!, 'UNDELIV', '034')).toBe(0);
    const failed = await findOutbound(t, lost.id);
    expect(failed.status).toBe('failed');
    expect(failed.lastError).toContain('non distribuable');

    // A receipt for an id nobody knows is acknowledged and ignored.
    expect(await smsc.sendReceipt('unknown-id', 'DELIVRD')).toBe(0);
  });

  it('turns a mobile-originated SMS into a request, and the next one into a reply on it', async () => {
    const phone = uniqueMobile();
    expect(
      await smsc.sendMobileOriginated({
        from: phone.slice(1),
        to: townNumber,
        text: 'Un arbre est tombé rue des Lilas.',
      }),
    ).toEqual([0]);
    const created = (await requestsOfTenant(t)).find((request) => request.contact?.phone === phone);
    expect(created).toMatchObject({ channel: 'sms', status: 'received', categoryId: null });
    expect(created!.description).toBe('Un arbre est tombé rue des Lilas.');
    const inbound = (await inboundOfTenant(t)).filter((row) => row.sender === phone);
    expect(inbound).toMatchObject([
      { outcome: 'request_created', subjectType: 'request', subjectId: created!.id, source: 'smpp' },
    ]);

    expect(
      await smsc.sendMobileOriginated({ from: phone.slice(1), to: townNumber, text: 'Il bloque la rue.' }),
    ).toEqual([0]);
    const replies = await eventsOf(t, created!.id, 'citizen_message');
    expect(replies).toMatchObject([
      { body: 'Il bloque la rue.', visibility: 'public', actorKind: 'citizen' },
    ]);
    expect(
      (await inboundOfTenant(t))
        .filter((row) => row.sender === phone)
        .map((row) => row.outcome)
        .sort(),
    ).toEqual(['reply', 'request_created']);
  });

  it('reassembles a concatenated mobile-originated SMS', async () => {
    const phone = uniqueMobile();
    const text = 'Bonjour, je signale un nid de poule très profond devant le 12 avenue de la République, ';
    expect(await smsc.sendMobileOriginated({ from: phone.slice(1), to: townNumber, text, parts: 2 })).toEqual(
      [0, 0],
    );
    const created = (await requestsOfTenant(t)).find((request) => request.contact?.phone === phone);
    expect(created!.description).toBe(text.trim());
  });

  it('opts a number out on STOP, then refuses to send to it (permanent failure)', async () => {
    const phone = uniqueMobile();
    expect(await smsc.sendMobileOriginated({ from: phone.slice(1), to: townNumber, text: 'stop' })).toEqual([
      0,
    ]);
    const [optOut] = await t.app.ctx.db
      .select()
      .from(smsOptOuts)
      .where(and(eq(smsOptOuts.tenantId, t.tenant.id), eq(smsOptOuts.phone, phone)));
    expect(optOut).toBeDefined();
    const [inbound] = (await inboundOfTenant(t)).filter((row) => row.sender === phone);
    expect(inbound).toMatchObject({ outcome: 'opt_out' });
    expect((await requestsOfTenant(t)).some((request) => request.contact?.phone === phone)).toBe(false);

    const before = smsc.submitted.length;
    const message = await queueSms(t, { to: phone, text: 'Votre demande est traitée.' });
    await dispatchSms(t, message.id);
    const row = await findOutbound(t, message.id);
    expect(row.status).toBe('failed');
    expect(row.lastError).toContain('STOP');
    expect(smsc.submitted.length).toBe(before);
  });

  it('fails invalid numbers, landlines and numbers the SMSC refuses without retrying', async () => {
    const invalid = await queueSms(t, { to: '12 34', text: 'Bonjour' });
    await dispatchSms(t, invalid.id);
    expect(await findOutbound(t, invalid.id)).toMatchObject({ status: 'failed' });
    expect((await findOutbound(t, invalid.id)).lastError).toContain('invalide');

    const landline = await queueSms(t, { to: '01 23 45 67 89', text: 'Bonjour' });
    await dispatchSms(t, landline.id);
    expect((await findOutbound(t, landline.id)).lastError).toContain('pas un numéro de mobile');

    smsc.submitStatus = () => 0x0b; // ESME_RINVDSTADR
    try {
      const refused = await queueSms(t, { to: uniqueMobile(), text: 'Bonjour' });
      await dispatchSms(t, refused.id);
      const row = await findOutbound(t, refused.id);
      expect(row.status).toBe('failed');
      expect(row.lastError).toContain('destinataire invalide');
    } finally {
      smsc.submitStatus = () => 0;
    }
  });

  it('keeps a message queued with the error when the SMSC is busy, retried after the backoff', async () => {
    smsc.submitStatus = () => 0x58; // ESME_RTHROTTLED
    const message = await queueSms(t, { to: uniqueMobile(), text: 'Bonjour' });
    try {
      expect((await dispatchSms(t, message.id)).lastError).toContain('débit dépassé');
    } finally {
      smsc.submitStatus = () => 0;
    }
    expect(await findOutbound(t, message.id)).toMatchObject({ status: 'queued', attempts: 1 });
    // Not due before its backoff has passed.
    await dispatchSms(t, message.id);
    expect(await findOutbound(t, message.id)).toMatchObject({ status: 'queued', attempts: 1 });
    await skipBackoff(t, message.id);
    await dispatchSms(t, message.id);
    expect(await findOutbound(t, message.id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('reconnects and binds again after the link drops', async () => {
    const binds = smsc.binds;
    smsc.dropClients();
    // Reconnected with backoff (one second first) and bound again, without anything being sent.
    await smsc.waitForBind();
    expect(smsc.binds).toBe(binds + 1);
    const before = smsc.submitted.length;
    const message = await queueSms(t, { to: uniqueMobile(), text: 'Après reconnexion' });
    await dispatchSms(t, message.id);
    expect(smsc.submitted.length).toBe(before + 1);
    expect(await findOutbound(t, message.id)).toMatchObject({ status: 'sent' });
  });

  it('reports a message in flight when the link drops as a transient error, then sends it', async () => {
    smsc.submitStatus = () => {
      smsc.dropClients();
      return 0x08;
    };
    const message = await queueSms(t, { to: uniqueMobile(), text: 'Coupure' });
    try {
      await dispatchSms(t, message.id);
    } finally {
      smsc.submitStatus = () => 0;
    }
    expect(await findOutbound(t, message.id)).toMatchObject({ status: 'queued', attempts: 1 });
    await smsc.waitForBind();
    await skipBackoff(t, message.id);
    await dispatchSms(t, message.id);
    expect(await findOutbound(t, message.id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('reports an unreachable SMSC as a transient error', async () => {
    const unreachable = await buildTestApp({
      config: { smppUrl: 'smpp://guichet:secret@127.0.0.1:1', smsSenderId: 'MAIRIE' },
    });
    try {
      await stopSmppGateways(unreachable.app.ctx);
      smppGatewayFor(
        unreachable.app.ctx,
        { url: 'smpp://guichet:secret@127.0.0.1:1', tenantId: null },
        { bindWaitMs: 300, reconnectInitialMs: 50 },
      );
      const message = await queueSms(unreachable, { to: uniqueMobile(), text: 'Bonjour' });
      const row = await dispatchSms(unreachable, message.id);
      expect(row.status).toBe('queued');
      expect(row.lastError).toContain('SMSC injoignable');
    } finally {
      await unreachable.close();
    }
  });

  it('unbinds when the app closes', async () => {
    const other = await buildTestApp({ config: { smppUrl: smsc.url, smsSenderId: 'MAIRIE' } });
    const binds = smsc.binds;
    const unbinds = smsc.unbinds;
    try {
      // Bound at start (onReady), before any message.
      const deadline = Date.now() + 10_000;
      while (smsc.binds === binds && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(smsc.binds).toBe(binds + 1);
    } finally {
      await other.close();
    }
    expect(smsc.unbinds).toBe(unbinds + 1);
  });

  it('uses the town’s own SMPP settings, with the secret sealed at rest, when they are enabled', async () => {
    await t.app.ctx.db
      .update(channelSettings)
      .set({ isEnabled: true, secretCiphertext: secretBoxOf(t.app.ctx.config).seal('secret') })
      .where(and(eq(channelSettings.tenantId, t.tenant.id), eq(channelSettings.kind, 'smpp')));
    try {
      const before = smsc.submitted.length;
      const message = await queueSms(t, { to: uniqueMobile(), text: 'Par les réglages de la commune' });
      await dispatchSms(t, message.id);
      const [sms] = (await smsc.waitForSubmits(before + 1)).slice(before);
      expect(sms).toMatchObject({ sourceAddr: townNumber, sourceAddrTon: 1 });
      expect(await findOutbound(t, message.id)).toMatchObject({
        status: 'sent',
        providerMessageId: sms!.messageId,
      });
    } finally {
      await t.app.ctx.db
        .update(channelSettings)
        .set({ isEnabled: false })
        .where(and(eq(channelSettings.tenantId, t.tenant.id), eq(channelSettings.kind, 'smpp')));
    }
  });

  it('shows the SMS and its delivery in the request’s timeline for agents', async () => {
    const submitted = await submitRequest(t.app.ctx, systemPrincipal(t.tenant.id, 'test'), {
      channel: 'phone',
      awaitsQualification: true,
      subject: 'Encombrants',
      description: 'Rue des Lilas.',
      contact: { name: 'Camille Martin', phone: '06 00 00 00 00' },
    });
    const message = await queueSms(t, {
      to: uniqueMobile(),
      text: 'Passage mardi.',
      requestId: submitted.id,
    });
    await dispatchSms(t, message.id);
    const { providerMessageId } = await findOutbound(t, message.id);
    expect(await smsc.sendReceipt(providerMessageId!, 'DELIVRD')).toBe(0);
    // The request's own acknowledgement (queued by SMS too) is left aside: this message's events only.
    const statuses = (await eventsOf(t, submitted.id, 'message_status')).filter(
      (event) => event.data.messageId === message.id,
    );
    expect(statuses.map((event) => [event.visibility, event.data.channel, event.data.status])).toEqual([
      ['internal', 'sms', 'sent'],
      ['internal', 'sms', 'delivered'],
    ]);
  });

  it('hands a message left « sending » by a dead worker over again, once, marked as a possible duplicate', async () => {
    const message = await queueSms(t, { to: uniqueMobile(), text: 'Reprise après arrêt' });
    await t.app.ctx.db
      .update(outboundMessages)
      .set({ status: 'sending', attempts: 1, submittedAt: new Date(), leaseUntil: new Date(0) })
      .where(eq(outboundMessages.id, message.id));
    const before = smsc.submitted.length;
    await dispatchSms(t, message.id);
    await dispatchSms(t, message.id);
    expect(smsc.submitted.length).toBe(before + 1);
    const row = await findOutbound(t, message.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(row.lastError).toMatch(/^POSSIBLE_DUPLICATE/);
  });

  it('records an SMS from an invalid sender as rejected', async () => {
    expect(
      await smsc.sendMobileOriginated({ from: 'PROMO', to: townNumber, text: 'Gagnez un voyage' }),
    ).toEqual([0]);
    const rejected = (await inboundOfTenant(t)).find((row) => row.sender === 'PROMO');
    expect(rejected).toMatchObject({ outcome: 'rejected', subjectId: null });
    expect((await findInbound(t, rejected!.id)).outcomeReason).toContain('invalide');
  });
});
