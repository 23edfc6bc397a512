import { systemPrincipal } from '../../../platform/auth/principal';
import { and, eq } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import { buildCitizen, uniqueSuffix } from '../../../../test/factories';
import { buildAdminSession } from '../../../../test/login';
import { requestAttachments, requestEvents, requests } from '../../requests/requests.tables';
import { countRequestsAndJobs } from '../../requests/intake-test-setup';
import { submitRequest } from '../../requests/use-cases/submit-request';
import { messageIdFor } from '../../messaging/email/email-adapter';
import { outboundMessages } from '../../messaging/messaging.tables';
import { inboundMessages } from '../intake.tables';
import { replySecretOf, replyTokenFor } from '../../messaging/reply-token';
import { type SmtpListener, startSmtpListener } from './smtp-listener';

/** A tiny valid PNG (1×1). */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const maxBytes = 200_000;
const hourlyLimit = 3;

let t: TestContext;
let listener: SmtpListener;
let transport: Transporter;
let townAddress: string;

beforeAll(async () => {
  t = await buildTestApp({
    env: { INBOUND_MAX_BYTES: String(maxBytes), INBOUND_SENDER_HOURLY_LIMIT: String(hourlyLimit) },
  });
  listener = await startSmtpListener(t.app.ctx, { port: 0, host: '127.0.0.1' });
  transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: listener.port,
    secure: false,
    ignoreTLS: true,
  });
  townAddress = `mairie@${t.tenant.host}`;
});

afterAll(async () => {
  transport?.close();
  await listener?.close();
  await t?.close();
});

function citizenAddress() {
  return `habitant-${uniqueSuffix()}@example.test`;
}

async function inboundByMessageId(messageId: string) {
  const [row] = await t.app.ctx.db
    .select()
    .from(inboundMessages)
    .where(and(eq(inboundMessages.tenantId, t.tenant.id), eq(inboundMessages.externalId, messageId)));
  return row;
}

async function requestById(id: string) {
  const [row] = await t.app.ctx.db.select().from(requests).where(eq(requests.id, id));
  return row!;
}

/** Sends raw bytes with a real SMTP client and a chosen envelope (the null sender `<>` included). */
async function sendRaw(envelope: { from: string; to: string[] }, raw: Buffer | string) {
  const connection = new SMTPConnection({ host: '127.0.0.1', port: listener.port, ignoreTLS: true });
  await new Promise<void>((resolve, reject) => {
    connection.once('error', reject);
    connection.connect(() => resolve());
  });
  try {
    return await new Promise<{ ok: true } | { ok: false; code: number | undefined; message: string }>(
      (resolve) => {
        connection.send(envelope, raw, (error) => {
          if (error) resolve({ ok: false, code: error.responseCode, message: error.message });
          else resolve({ ok: true });
        });
      },
    );
  } finally {
    connection.quit();
  }
}

function compose(options: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
  return new MailComposer(options).compile().build();
}

async function fileRequest(contactEmail: string) {
  return submitRequest(t.app.ctx, systemPrincipal(t.tenant.id, 'test'), {
    channel: 'email',
    awaitsQualification: true,
    subject: 'Banc cassé au square',
    description: 'Le banc près du bac à sable est cassé.',
    contact: { name: 'Jeanne Dupont', email: contactEmail },
  });
}

async function setStatus(requestId: string, status: 'answered' | 'closed') {
  await t.app.ctx.db.update(requests).set({ status }).where(eq(requests.id, requestId));
}

describe('SMTP listener → inbound e-mail', () => {
  it('turns a new e-mail into a request with channel email waiting for qualification, attachments kept', async () => {
    const sender = citizenAddress();
    const messageId = `<new-${uniqueSuffix()}@example.test>`;
    await transport.sendMail({
      from: `Jeanne Dupont <${sender}>`,
      to: townAddress,
      subject: 'Trou dans la chaussée rue Victor-Hugo',
      text: 'Bonjour,\n\nIl y a un trou profond devant le 12 rue Victor-Hugo.\n\nJeanne',
      messageId,
      attachments: [{ filename: 'trou.png', content: png }],
    });
    const row = await inboundByMessageId(messageId);
    expect(row).toMatchObject({ outcome: 'request_created', source: 'smtp', sender, channel: 'email' });
    expect(row!.rawStorageKey).not.toBeNull();
    expect(await t.app.ctx.files.exists(row!.rawStorageKey!)).toBe(true);
    const request = await requestById(row!.subjectId!);
    expect(request).toMatchObject({
      channel: 'email',
      status: 'received',
      categoryId: null,
      citizenId: null,
      subject: 'Trou dans la chaussée rue Victor-Hugo',
      contact: { name: 'Jeanne Dupont', email: sender },
    });
    expect(request.description).toContain('devant le 12 rue Victor-Hugo');
    const files = await t.app.ctx.db
      .select()
      .from(requestAttachments)
      .where(eq(requestAttachments.requestId, request.id));
    expect(files).toMatchObject([
      { fileName: 'trou.png', mediaType: 'image/png', uploadedByKind: 'citizen' },
    ]);
  });

  it('links a new request to the citizen account with that address, and reads HTML-only mail', async () => {
    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    const messageId = `<html-${uniqueSuffix()}@example.test>`;
    await transport.sendMail({
      from: citizen.email,
      to: townAddress,
      subject: 'Lampadaire éteint',
      html: '<p>Le lampadaire de l’impasse des Roses est <b>éteint</b> depuis lundi.</p>',
      messageId,
    });
    const row = await inboundByMessageId(messageId);
    expect(row?.outcome).toBe('request_created');
    const request = await requestById(row!.subjectId!);
    expect(request.citizenId).toBe(citizen.id);
    expect(request.description).toContain('impasse des Roses est éteint depuis lundi');
  });

  it('threads a reply sent to reply+<token>@ into its request and reopens an answered one', async () => {
    const sender = citizenAddress();
    const filed = await fileRequest(sender);
    await setStatus(filed.id, 'answered');
    const token = replyTokenFor(filed.id, replySecretOf(t.app.ctx.config));
    const messageId = `<reply-${uniqueSuffix()}@example.test>`;
    await transport.sendMail({
      from: sender,
      to: `reply+${token}@${t.tenant.host}`,
      subject: 'Re: Réponse à votre demande',
      text: 'Le banc est toujours cassé.\n\nLe lun. 30 nov. 2026, Mairie a écrit :\n> Le banc a été réparé.',
      messageId,
      attachments: [{ filename: 'banc.png', content: png }],
    });
    const row = await inboundByMessageId(messageId);
    expect(row).toMatchObject({ outcome: 'reply', subjectId: filed.id });
    expect((await requestById(filed.id)).status).toBe('in_progress');
    const events = await t.app.ctx.db
      .select()
      .from(requestEvents)
      .where(eq(requestEvents.requestId, filed.id));
    const message = events.find((event) => event.type === 'citizen_message');
    expect(message?.body).toBe('Le banc est toujours cassé.');
    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['status_changed', 'attachment_added']),
    );
  });

  it('threads a reply by the tracking code in the subject, and by the reference from the requester', async () => {
    const sender = citizenAddress();
    const filed = await fileRequest(sender);
    const byCode = `<code-${uniqueSuffix()}@example.test>`;
    await transport.sendMail({
      from: `someone-${uniqueSuffix()}@example.test`,
      to: townAddress,
      subject: `Complément pour le dossier ${filed.trackingCode}`,
      text: 'Voici un complément.',
      messageId: byCode,
    });
    expect(await inboundByMessageId(byCode)).toMatchObject({ outcome: 'reply', subjectId: filed.id });

    const byReference = `<ref-${uniqueSuffix()}@example.test>`;
    await transport.sendMail({
      from: sender,
      to: townAddress,
      subject: `Re: Votre demande ${filed.reference} a bien été reçue`,
      text: 'Merci !',
      messageId: byReference,
    });
    expect(await inboundByMessageId(byReference)).toMatchObject({ outcome: 'reply', subjectId: filed.id });

    // The reference alone is easy to guess: from anyone else it is a new request.
    const stranger = `<stranger-${uniqueSuffix()}@example.test>`;
    await transport.sendMail({
      from: citizenAddress(),
      to: townAddress,
      subject: `Re: Votre demande ${filed.reference}`,
      text: 'Je ne suis pas le demandeur.',
      messageId: stranger,
    });
    const row = await inboundByMessageId(stranger);
    expect(row?.outcome).toBe('request_created');
    expect(row?.subjectId).not.toBe(filed.id);
  });

  it('files a new request when the reply is for a finished request', async () => {
    const sender = citizenAddress();
    const filed = await fileRequest(sender);
    await setStatus(filed.id, 'closed');
    const token = replyTokenFor(filed.id, replySecretOf(t.app.ctx.config));
    const messageId = `<closed-${uniqueSuffix()}@example.test>`;
    await transport.sendMail({
      from: sender,
      to: `reply+${token}@${t.tenant.host}`,
      subject: 'Re: x',
      text: 'Encore moi',
      messageId,
    });
    const row = await inboundByMessageId(messageId);
    expect(row?.outcome).toBe('request_created');
    expect(row?.subjectId).not.toBe(filed.id);
    expect((await requestById(row!.subjectId!)).description).toContain(filed.reference);
  });

  it('ignores automatic replies: no request, no reply', async () => {
    const before = await countRequestsAndJobs(t);
    const messageId = `<auto-${uniqueSuffix()}@example.test>`;
    await transport.sendMail({
      from: citizenAddress(),
      to: townAddress,
      subject: 'Absence du bureau',
      text: 'Je suis absent jusqu’au 4 janvier.',
      headers: { 'Auto-Submitted': 'auto-replied' },
      messageId,
    });
    const row = await inboundByMessageId(messageId);
    expect(row?.outcome).toBe('auto_reply');
    expect(row?.subjectId).toBeNull();
    expect(await countRequestsAndJobs(t)).toEqual(before);
  });

  it('reads a delivery status notification as a bounce of our outbound message', async () => {
    const [outbound] = await t.app.ctx.db
      .insert(outboundMessages)
      .values({
        tenantId: t.tenant.id,
        messageKey: `test-bounce:${uniqueSuffix()}`,
        channel: 'email',
        toAddress: 'inconnu@example.test',
        subject: 'Réponse à votre demande',
        bodyText: 'Bonjour',
        status: 'sent',
        sentAt: new Date(),
      })
      .returning();
    const providerMessageId = messageIdFor(outbound!.id, t.app.ctx.config);
    await t.app.ctx.db
      .update(outboundMessages)
      .set({ providerMessageId })
      .where(eq(outboundMessages.id, outbound!.id));
    const boundary = `dsn-${uniqueSuffix()}`;
    const dsnId = `<dsn-${uniqueSuffix()}@mx.example.test>`;
    const raw = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.example.test>',
      `To: ${townAddress}`,
      'Subject: Undelivered Mail Returned to Sender',
      `Message-ID: ${dsnId}`,
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Your message could not be delivered.',
      `--${boundary}`,
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.test',
      '',
      'Final-Recipient: rfc822; inconnu@example.test',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
      '',
      `--${boundary}`,
      'Content-Type: text/rfc822-headers',
      '',
      `From: ${t.app.ctx.config.mailFrom}`,
      'To: inconnu@example.test',
      `Message-ID: ${providerMessageId}`,
      'Subject: Réponse à votre demande',
      '',
      `--${boundary}--`,
      '',
    ].join('\r\n');
    expect(await sendRaw({ from: '', to: [townAddress] }, raw)).toEqual({ ok: true });
    const row = await inboundByMessageId(dsnId);
    expect(row?.outcome).toBe('bounce');
    expect(row?.outcomeReason).toContain('5.1.1');
    const [after] = await t.app.ctx.db
      .select()
      .from(outboundMessages)
      .where(eq(outboundMessages.id, outbound!.id));
    expect(after?.status).toBe('failed');
    expect(after?.lastError).toContain('5.1.1');
  });

  it('rejects an e-mail with no sender, recording it', async () => {
    const messageId = `<nosender-${uniqueSuffix()}@example.test>`;
    const raw = `To: ${townAddress}\r\nSubject: Sans expéditeur\r\nMessage-ID: ${messageId}\r\n\r\nQui suis-je ?\r\n`;
    expect(await sendRaw({ from: '', to: [townAddress] }, raw)).toEqual({ ok: true });
    const row = await inboundByMessageId(messageId);
    expect(row).toMatchObject({ outcome: 'rejected', subjectId: null, sender: null });
    expect(row?.outcomeReason).toContain('aucun expéditeur');
  });

  it('refuses an oversized message at DATA with 552 and records it as rejected', async () => {
    const sender = citizenAddress();
    const messageId = `<huge-${uniqueSuffix()}@example.test>`;
    const raw = await compose({
      from: sender,
      to: townAddress,
      subject: 'Beaucoup de photos',
      text: 'Voir pièce jointe',
      messageId,
      attachments: [{ filename: 'grande.png', content: Buffer.concat([png, Buffer.alloc(maxBytes)]) }],
    });
    const result = await sendRaw({ from: sender, to: [townAddress] }, raw);
    expect(result).toMatchObject({ ok: false, code: 552 });
    const row = await inboundByMessageId(messageId);
    expect(row).toMatchObject({ outcome: 'rejected', sender, rawStorageKey: null });
    expect(row?.outcomeReason).toContain('trop volumineux');
    expect(row!.sizeBytes).toBeGreaterThan(maxBytes);
  });

  it('rejects a message carrying an executable, creating nothing', async () => {
    const before = await countRequestsAndJobs(t);
    const messageId = `<exe-${uniqueSuffix()}@example.test>`;
    await transport.sendMail({
      from: citizenAddress(),
      to: townAddress,
      subject: 'Votre facture',
      text: 'Ouvrez la pièce jointe.',
      messageId,
      attachments: [
        { filename: 'facture.pdf', content: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]) },
      ],
    });
    const row = await inboundByMessageId(messageId);
    expect(row?.outcome).toBe('rejected');
    expect(row?.outcomeReason).toContain('facture.pdf');
    expect(await countRequestsAndJobs(t)).toEqual(before);
  });

  it('rejects mail loops (our own header)', async () => {
    const messageId = `<loop-${uniqueSuffix()}@example.test>`;
    await transport.sendMail({
      from: citizenAddress(),
      to: townAddress,
      subject: 'Boucle',
      text: 'x',
      headers: { 'X-Guichet-Loop': '1' },
      messageId,
    });
    expect((await inboundByMessageId(messageId))?.outcome).toBe('rejected');
  });

  it('limits each sender per hour: further messages are kept as rejected items', async () => {
    const sender = citizenAddress();
    const outcomes: string[] = [];
    for (let index = 0; index <= hourlyLimit; index += 1) {
      const messageId = `<rate-${index}-${uniqueSuffix()}@example.test>`;
      await transport.sendMail({
        from: sender,
        to: townAddress,
        subject: `Demande ${index}`,
        text: 'Bonjour',
        messageId,
      });
      outcomes.push((await inboundByMessageId(messageId))!.outcome);
    }
    expect(outcomes).toEqual([...Array(hourlyLimit).fill('request_created'), 'rejected']);
  });

  it('handles the same Message-ID once', async () => {
    const before = await countRequestsAndJobs(t);
    const messageId = `<twice-${uniqueSuffix()}@example.test>`;
    const mail = {
      from: citizenAddress(),
      to: townAddress,
      subject: 'Deux fois',
      text: 'Bonjour',
      messageId,
    };
    await transport.sendMail(mail);
    await transport.sendMail(mail);
    const rows = await t.app.ctx.db
      .select()
      .from(inboundMessages)
      .where(and(eq(inboundMessages.tenantId, t.tenant.id), eq(inboundMessages.externalId, messageId)));
    expect(rows).toHaveLength(1);
    expect((await countRequestsAndJobs(t)).requests).toBe(before.requests + 1);
  });

  it('handles a message left pending by a crash when it comes again (the sender retried)', async () => {
    const messageId = `<crashed-${uniqueSuffix()}@example.test>`;
    const sender = citizenAddress();
    await t.app.ctx.db.insert(inboundMessages).values({
      tenantId: t.tenant.id,
      channel: 'email',
      source: 'smtp',
      sender,
      externalId: messageId,
      outcome: 'pending',
    });
    await transport.sendMail({
      from: sender,
      to: townAddress,
      subject: 'Après panne',
      text: 'Bonjour',
      messageId,
    });
    const rows = await t.app.ctx.db
      .select()
      .from(inboundMessages)
      .where(and(eq(inboundMessages.tenantId, t.tenant.id), eq(inboundMessages.externalId, messageId)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'request_created' });
    expect(rows[0]!.subjectId).not.toBeNull();
  });

  it('lists inbound messages for administrators with outcome, reason and request reference', async () => {
    const admin = await buildAdminSession(t);
    const response = await t.inject({
      method: 'GET',
      url: '/api/v1/admin/inbound-messages?outcome=rejected&pageSize=100',
      headers: { cookie: admin.cookie },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json() as {
      items: { outcome: string; outcomeReason: string; hasRaw: boolean }[];
      total: number;
    };
    expect(body.total).toBeGreaterThan(0);
    expect(body.items.every((item) => item.outcome === 'rejected' && item.outcomeReason)).toBe(true);

    const created = await t.inject({
      method: 'GET',
      url: '/api/v1/admin/inbound-messages?outcome=request_created',
      headers: { cookie: admin.cookie },
    });
    const createdItems = (
      created.json() as { items: { id: string; requestReference: string | null; hasRaw: boolean }[] }
    ).items;
    expect(createdItems.every((item) => item.hasRaw)).toBe(true);
    const first = createdItems[0]!;
    expect(first.requestReference).toMatch(/^\d{4}-\d{6}$/);
    const raw = await t.inject({
      method: 'GET',
      url: `/api/v1/admin/inbound-messages/${first.id}/raw`,
      headers: { cookie: admin.cookie },
    });
    expect(raw.statusCode).toBe(200);
    expect(raw.headers['content-type']).toContain('message/rfc822');
    expect(raw.body).toContain('Subject:');

    const anonymous = await t.inject({ method: 'GET', url: '/api/v1/admin/inbound-messages' });
    expect(anonymous.statusCode).toBe(401);
  });
});
