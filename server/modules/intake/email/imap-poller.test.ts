import { and, eq } from 'drizzle-orm';
import MailComposer from 'nodemailer/lib/mail-composer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import { dovecotMissingReason, startDovecot, type TestDovecot } from '../../../../test/dovecot';
import { uniqueSuffix } from '../../../../test/factories';
import { requests } from '../../requests/requests.tables';
import { inboundMessages } from '../intake.tables';
import { parseImapUrl, pollImapOnce, processedFolder } from './imap-poller';

const missing = dovecotMissingReason();
const maxBytes = 100_000;

describe('parseImapUrl', () => {
  it('reads host, port, TLS, credentials and mailbox', () => {
    expect(parseImapUrl('imaps://mairie%40ville.fr:p%40ss@imap.ville.fr/INBOX')).toEqual({
      host: 'imap.ville.fr',
      port: 993,
      secure: true,
      user: 'mairie@ville.fr',
      password: 'p@ss',
      mailbox: 'INBOX',
    });
    expect(parseImapUrl('imap://u:p@127.0.0.1:1143')).toMatchObject({
      port: 1143,
      secure: false,
      mailbox: 'INBOX',
    });
  });
});

describe.skipIf(missing !== null)(
  `IMAP polling against Dovecot${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let t: TestContext;
    let dovecot: TestDovecot;

    beforeAll(async () => {
      dovecot = await startDovecot();
      t = await buildTestApp({ env: { INBOUND_MAX_BYTES: String(maxBytes) } });
      // Dovecot and a migrated database: slow on a busy machine.
    }, 120_000);

    afterAll(async () => {
      await t?.close();
      await dovecot?.stop();
    });

    async function rowOf(messageId: string) {
      const [row] = await t.app.ctx.db
        .select()
        .from(inboundMessages)
        .where(and(eq(inboundMessages.tenantId, t.tenant.id), eq(inboundMessages.externalId, messageId)));
      return row;
    }

    it('turns an unseen message into a request, then moves it to « Traités »; polling again does nothing', async () => {
      const messageId = `<imap-${uniqueSuffix()}@example.test>`;
      const raw = await new MailComposer({
        from: 'Paul Martin <paul.martin@example.test>',
        to: 'mairie@ville.test',
        subject: 'Dépôt sauvage chemin des Vignes',
        text: 'Des gravats ont été déposés au bout du chemin des Vignes.',
        messageId,
      })
        .compile()
        .build();
      await dovecot.deliver(raw);
      expect(await dovecot.count('INBOX')).toBe(1);

      const first = await pollImapOnce(t.app.ctx, { url: dovecot.url, tenantId: t.tenant.id });
      expect(first).toEqual({ processed: 1, failed: 0 });
      const row = await rowOf(messageId);
      expect(row).toMatchObject({
        outcome: 'request_created',
        source: 'imap',
        sender: 'paul.martin@example.test',
      });
      const [request] = await t.app.ctx.db.select().from(requests).where(eq(requests.id, row!.subjectId!));
      expect(request).toMatchObject({
        channel: 'email',
        status: 'received',
        subject: 'Dépôt sauvage chemin des Vignes',
      });
      expect(await dovecot.count('INBOX')).toBe(0);
      expect(await dovecot.count(processedFolder)).toBe(1);

      const second = await pollImapOnce(t.app.ctx, { url: dovecot.url, tenantId: t.tenant.id });
      expect(second).toEqual({ processed: 0, failed: 0 });
    });

    it('keeps a message polled twice once (same Message-ID delivered again)', async () => {
      const messageId = `<imap-twice-${uniqueSuffix()}@example.test>`;
      const raw = await new MailComposer({
        from: 'claire@example.test',
        to: 'mairie@ville.test',
        subject: 'Chien errant',
        text: 'Un chien erre place du Marché.',
        messageId,
      })
        .compile()
        .build();
      await dovecot.deliver(raw);
      await dovecot.deliver(raw);
      const result = await pollImapOnce(t.app.ctx, { url: dovecot.url, tenantId: t.tenant.id });
      expect(result).toEqual({ processed: 2, failed: 0 });
      const rows = await t.app.ctx.db
        .select()
        .from(inboundMessages)
        .where(and(eq(inboundMessages.tenantId, t.tenant.id), eq(inboundMessages.externalId, messageId)));
      expect(rows).toHaveLength(1);
      expect(rows[0]?.outcome).toBe('request_created');
    });

    it('records an oversized message from its headers without downloading it', async () => {
      const messageId = `<imap-huge-${uniqueSuffix()}@example.test>`;
      const raw = await new MailComposer({
        from: 'lourd@example.test',
        to: 'mairie@ville.test',
        subject: 'Très grosse pièce jointe',
        text: 'x',
        messageId,
        attachments: [{ filename: 'gros.pdf', content: Buffer.alloc(maxBytes * 2, 0x41) }],
      })
        .compile()
        .build();
      await dovecot.deliver(raw);
      await pollImapOnce(t.app.ctx, { url: dovecot.url, tenantId: t.tenant.id });
      const row = await rowOf(messageId);
      expect(row).toMatchObject({ outcome: 'rejected', rawStorageKey: null, sender: 'lourd@example.test' });
      expect(row?.outcomeReason).toContain('trop volumineux');
    });
  },
);
