import { agentPrincipal } from '../../../../test/principals';
import { and, eq } from 'drizzle-orm';
import MailComposer from 'nodemailer/lib/mail-composer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import { dovecotMissingReason, startDovecot, type TestDovecot } from '../../../../test/dovecot';
import { buildAgent, buildTenant, uniqueSuffix } from '../../../../test/factories';
import { channelSettings } from '../../messaging/messaging.tables';
import { inboundMessages } from '../intake.tables';
import { saveChannelSettings } from '../../messaging/settings/channel-settings.use-cases';
import type { PolledMailbox } from './imap-mailboxes';
import { ImapFolderError, processedFolder } from './imap-poller';
import {
  backoffCycles,
  createImapPoller,
  describePollError,
  type ImapPoller,
  type MailboxPollReport,
} from './imap-polling';
import { type ImapPollStatus, recordImapPollStatus } from '../../messaging/settings/imap-settings.repository';

const missing = dovecotMissingReason();

describe('backoffCycles', () => {
  it('retries at the next cycle after a first failure, then doubles the wait, up to an hour', () => {
    expect([1, 2, 3, 4, 5].map((failures) => backoffCycles(failures, 60))).toEqual([0, 1, 3, 7, 15]);
    expect(backoffCycles(7, 60)).toBe(59);
    expect(backoffCycles(50, 60)).toBe(59);
    expect(backoffCycles(9, 3600)).toBe(0);
    expect(backoffCycles(3, 1800)).toBe(1);
  });
});

describe('describePollError', () => {
  const mailbox: PolledMailbox = {
    key: 'settings:x',
    tenantId: 'x',
    origin: 'settings',
    box: { host: 'imap.ville.fr', port: 993, secure: true, user: 'mairie', password: 'p', mailbox: 'INBOX' },
  };

  it('says in French what went wrong, imapflow’s own timeouts included', () => {
    expect(
      describePollError({ code: 'CONNECT_TIMEOUT', message: 'Failed to establish connection' }, mailbox),
    ).toBe('Pas de réponse de imap.ville.fr:993 dans le délai imparti (10 s).');
    expect(describePollError({ authenticationFailed: true, message: 'Command failed' }, mailbox)).toContain(
      'Identifiants refusés par imap.ville.fr:993',
    );
    expect(
      describePollError(new ImapFolderError('INBOX', { responseText: 'Mailbox does not exist' }), mailbox),
    ).toBe(
      'Le dossier «\u00a0INBOX\u00a0» est introuvable ou inaccessible sur imap.ville.fr:993\u00a0: Mailbox does not exist',
    );
    expect(
      describePollError(new Error('x'), { ...mailbox, box: undefined, problem: 'Aucun mot de passe' }),
    ).toBe('Aucun mot de passe');
  });
});

describe.skipIf(missing !== null)(
  `IMAP polling of every town against Dovecot${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let t: TestContext;
    let dovecot: TestDovecot;
    const pollers: ImapPoller[] = [];
    // One Dovecot account per town of each test: no test sees another's mail.
    const accounts = Array.from({ length: 10 }, (_, index) => ({
      user: `ville${index}`,
      password: `mot-de-passe-${index}`,
    }));

    beforeAll(async () => {
      dovecot = await startDovecot({ accounts });
      t = await buildTestApp();
      // Dovecot and a migrated database: slow on a busy machine.
    }, 120_000);

    afterAll(async () => {
      await Promise.all(pollers.map((poller) => poller.close()));
      await t?.close();
      await dovecot?.stop();
    });

    function poller(options: { onlyTenantIds: string[]; envUrl?: string; envTenantId?: string }) {
      const created = createImapPoller(t.app.ctx, { intervalSeconds: 60, ...options });
      pollers.push(created);
      return created;
    }

    async function saveImap(
      town: { tenantId: string; adminId: string },
      account: { user: string; password: string },
      options: { isEnabled?: boolean; password?: string; port?: number; mailbox?: string } = {},
    ) {
      await saveChannelSettings(t.app.ctx, agentPrincipal(town.tenantId, town.adminId), {
        kind: 'imap',
        config: {
          host: '127.0.0.1',
          port: options.port ?? dovecot.port,
          security: 'none',
          user: account.user,
          mailbox: options.mailbox ?? 'INBOX',
        },
        secret: options.password ?? account.password,
        isEnabled: options.isEnabled ?? true,
      });
    }

    /** A town whose administrator saved the IMAP settings of `account`. */
    async function townWith(
      account: { user: string; password: string },
      options?: Parameters<typeof saveImap>[2],
    ) {
      const tenant = await buildTenant(t.app.ctx.db);
      const admin = await buildAgent(t.app.ctx.db, tenant.id, { roles: ['admin'] });
      const town = { tenantId: tenant.id, adminId: admin.id };
      await saveImap(town, account, options);
      return town;
    }

    async function deliver(account: { user: string }, subject: string) {
      const messageId = `<poll-${uniqueSuffix()}@example.test>`;
      const raw = await new MailComposer({
        from: `habitant-${uniqueSuffix()}@example.test`,
        to: `${account.user}@mairie.test`,
        subject,
        text: `${subject} : merci de faire le nécessaire.`,
        messageId,
      })
        .compile()
        .build();
      await dovecot.deliver(raw, 'INBOX', account.user);
      return messageId;
    }

    async function inboundOf(tenantId: string, messageId: string) {
      const [row] = await t.app.ctx.db
        .select()
        .from(inboundMessages)
        .where(and(eq(inboundMessages.tenantId, tenantId), eq(inboundMessages.externalId, messageId)));
      return row;
    }

    async function pollStatusOf(tenantId: string): Promise<ImapPollStatus | undefined> {
      const [row] = await t.app.ctx.db
        .select({ pollStatus: channelSettings.pollStatus })
        .from(channelSettings)
        .where(and(eq(channelSettings.tenantId, tenantId), eq(channelSettings.kind, 'imap')));
      return (row?.pollStatus ?? undefined) as ImapPollStatus | undefined;
    }

    function reportOf(reports: MailboxPollReport[], tenantId: string) {
      return reports.filter((report) => report.tenantId === tenantId);
    }

    it('polls two towns’ saved mailboxes: each mail lands in its own town, the status is recorded', async () => {
      const [a, b] = [accounts[0]!, accounts[1]!];
      const townA = await townWith(a);
      const townB = await townWith(b);
      const forA = await deliver(a, 'Nid-de-poule rue Haute');
      const forB = await deliver(b, 'Poubelles non ramassées');
      const imap = poller({ onlyTenantIds: [townA.tenantId, townB.tenantId] });

      const reports = await imap.runCycle();
      expect(reports).toHaveLength(2);
      expect(reportOf(reports, townA.tenantId)).toMatchObject([
        { origin: 'settings', outcome: 'polled', result: { processed: 1, failed: 0 } },
      ]);
      expect(reportOf(reports, townB.tenantId)).toMatchObject([
        { origin: 'settings', outcome: 'polled', result: { processed: 1, failed: 0 } },
      ]);
      expect(await inboundOf(townA.tenantId, forA)).toMatchObject({
        outcome: 'request_created',
        source: 'imap',
      });
      expect(await inboundOf(townB.tenantId, forB)).toMatchObject({
        outcome: 'request_created',
        source: 'imap',
      });
      expect(await inboundOf(townA.tenantId, forB)).toBeUndefined();
      expect(await inboundOf(townB.tenantId, forA)).toBeUndefined();
      expect(await dovecot.count(processedFolder, a.user)).toBe(1);
      expect(await dovecot.count('INBOX', b.user)).toBe(0);
      expect(await pollStatusOf(townA.tenantId)).toMatchObject({
        lastError: null,
        consecutiveFailures: 0,
        lastProcessed: 1,
        lastFailed: 0,
        nextAttemptAt: null,
      });
      expect(Date.parse((await pollStatusOf(townA.tenantId))!.lastSuccessAt!)).not.toBeNaN();

      // The next cycle reuses the connection and still sees what arrived in between.
      const later = await deliver(a, 'Éclairage en panne');
      const again = await imap.runCycle();
      expect(reportOf(again, townA.tenantId)).toMatchObject([
        { outcome: 'polled', result: { processed: 1 } },
      ]);
      expect(reportOf(again, townB.tenantId)).toMatchObject([
        { outcome: 'polled', result: { processed: 0 } },
      ]);
      expect(await inboundOf(townA.tenantId, later)).toMatchObject({ outcome: 'request_created' });
    });

    it('stops polling a town whose settings are disabled, and resumes when they are enabled again', async () => {
      const account = accounts[2]!;
      const town = await townWith(account);
      const imap = poller({ onlyTenantIds: [town.tenantId] });
      expect(await imap.runCycle()).toMatchObject([{ outcome: 'polled' }]);

      await saveImap(town, account, { isEnabled: false });
      const waiting = await deliver(account, 'Arbre tombé sur la route');
      expect(await imap.runCycle()).toEqual([]);
      expect(await dovecot.count('INBOX', account.user)).toBe(1);
      expect(await inboundOf(town.tenantId, waiting)).toBeUndefined();

      await saveImap(town, account, { isEnabled: true });
      expect(await imap.runCycle()).toMatchObject([{ outcome: 'polled', result: { processed: 1 } }]);
      expect(await inboundOf(town.tenantId, waiting)).toMatchObject({ outcome: 'request_created' });
    });

    it('a wrong password for one town does not block the other; it backs off and recovers once corrected', async () => {
      const [good, bad] = [accounts[3]!, accounts[4]!];
      const townGood = await townWith(good);
      const townBad = await townWith(bad, { password: 'pas-le-bon' });
      const forGood = await deliver(good, 'Fuite d’eau place du Marché');
      const forBad = await deliver(bad, 'Stationnement gênant');
      const imap = poller({ onlyTenantIds: [townGood.tenantId, townBad.tenantId] });

      const first = await imap.runCycle();
      expect(reportOf(first, townGood.tenantId)).toMatchObject([
        { outcome: 'polled', result: { processed: 1 } },
      ]);
      const [failed] = reportOf(first, townBad.tenantId);
      expect(failed).toMatchObject({ outcome: 'failed' });
      expect(failed?.error).toContain('Identifiants refusés');
      expect(await inboundOf(townGood.tenantId, forGood)).toMatchObject({ outcome: 'request_created' });
      expect(await inboundOf(townBad.tenantId, forBad)).toBeUndefined();
      const status = await pollStatusOf(townBad.tenantId);
      expect(status).toMatchObject({ consecutiveFailures: 1 });
      expect(status?.lastSuccessAt).toBeUndefined();
      expect(status?.lastError).toContain('Identifiants refusés');

      // Retried at the next cycle, then left alone for one cycle (the wait doubles).
      expect(reportOf(await imap.runCycle(), townBad.tenantId)).toMatchObject([{ outcome: 'failed' }]);
      expect(await pollStatusOf(townBad.tenantId)).toMatchObject({ consecutiveFailures: 2 });
      const third = await imap.runCycle();
      expect(reportOf(third, townBad.tenantId)).toMatchObject([{ outcome: 'waiting' }]);
      expect(reportOf(third, townGood.tenantId)).toMatchObject([{ outcome: 'polled' }]);

      // The administrator corrects the password: no waiting, a new connection at the next cycle.
      await saveImap(townBad, bad);
      expect(await pollStatusOf(townBad.tenantId)).toBeUndefined();
      expect(reportOf(await imap.runCycle(), townBad.tenantId)).toMatchObject([
        { outcome: 'polled', result: { processed: 1 } },
      ]);
      expect(await inboundOf(townBad.tenantId, forBad)).toMatchObject({ outcome: 'request_created' });
      expect(await pollStatusOf(townBad.tenantId)).toMatchObject({ lastError: null, consecutiveFailures: 0 });
    });

    it('records an unreachable server and a missing password for the administrator', async () => {
      const unreachable = await townWith(accounts[5]!, { port: 1 });
      const tenant = await buildTenant(t.app.ctx.db);
      const admin = await buildAgent(t.app.ctx.db, tenant.id, { roles: ['admin'] });
      await saveChannelSettings(t.app.ctx, agentPrincipal(tenant.id, admin.id), {
        kind: 'imap',
        config: { host: '127.0.0.1', port: dovecot.port, security: 'none', user: 'ville6', mailbox: 'INBOX' },
      });
      const noFolder = await townWith(accounts[6]!, { mailbox: 'Archives 2019' });
      const imap = poller({ onlyTenantIds: [unreachable.tenantId, tenant.id, noFolder.tenantId] });
      const reports = await imap.runCycle();
      expect(reportOf(reports, noFolder.tenantId)[0]?.error).toContain(
        `Le dossier «\u00a0Archives 2019\u00a0» est introuvable ou inaccessible sur 127.0.0.1:${dovecot.port}`,
      );
      expect(reportOf(reports, unreachable.tenantId)[0]?.error).toContain(
        'Connexion refusée par 127.0.0.1:1',
      );
      expect(reportOf(reports, tenant.id)[0]?.error).toContain('Aucun mot de passe IMAP');
      expect((await pollStatusOf(unreachable.tenantId))?.lastError).toContain('Connexion refusée');
      expect((await pollStatusOf(tenant.id))?.lastError).toContain('Canaux de communication');
    });

    it('polls IMAP_URL for its town, once when the town saved the same mailbox, twice when it differs', async () => {
      const [envAccount, savedAccount] = [accounts[7]!, accounts[8]!];
      const town = await townWith(envAccount);
      const envUrl = `imap://${envAccount.user}:${envAccount.password}@127.0.0.1:${dovecot.port}/INBOX`;
      const imap = poller({ onlyTenantIds: [town.tenantId], envUrl, envTenantId: town.tenantId });
      const viaEnv = await deliver(envAccount, 'Bruit nocturne');

      const same = await imap.runCycle();
      expect(same).toMatchObject([
        { key: 'env', origin: 'env', outcome: 'polled', result: { processed: 1 } },
      ]);
      expect(await inboundOf(town.tenantId, viaEnv)).toMatchObject({ outcome: 'request_created' });
      // The saved settings name that mailbox: the administrator sees the outcome there.
      expect(await pollStatusOf(town.tenantId)).toMatchObject({ lastProcessed: 1, lastError: null });

      await saveImap(town, savedAccount);
      const viaSettings = await deliver(savedAccount, 'Graffiti sur l’école');
      const both = await imap.runCycle();
      expect(both.map((report) => [report.origin, report.outcome]).sort()).toEqual([
        ['env', 'polled'],
        ['settings', 'polled'],
      ]);
      expect(await inboundOf(town.tenantId, viaSettings)).toMatchObject({ outcome: 'request_created' });
    });

    it('records no status on settings saved again since the poll read them', async () => {
      const town = await townWith(accounts[9]!);
      const [row] = await t.app.ctx.db
        .select({ savedAt: channelSettings.updatedAt })
        .from(channelSettings)
        .where(and(eq(channelSettings.tenantId, town.tenantId), eq(channelSettings.kind, 'imap')));
      const target = { tenantId: town.tenantId, savedAt: row!.savedAt };
      expect(await recordImapPollStatus(t.app.ctx.db, target, { lastError: 'avant' })).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await saveImap(town, accounts[9]!);
      expect(await recordImapPollStatus(t.app.ctx.db, target, { lastError: 'périmé' })).toBe(false);
      expect(await pollStatusOf(town.tenantId)).toBeUndefined();
    });
  },
);
