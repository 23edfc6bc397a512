import { systemPrincipal } from '../../platform/auth/principal';
import { and, asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../test/build-test-app';
import { uniqueSuffix } from '../../../test/factories';
import { dispatchStateOf, letterAddress } from '../messaging/messaging-test-setup';
import { outboundMessages } from '../messaging/messaging.tables';
import { sendToCitizen } from '../messaging/send-message';
import { hashPassword } from './password';
import { inviteAgent } from './use-cases/invite-agent';
import { insertUser } from './users.repository';
import { transaction } from '../../platform/db/transaction';

describe('account mails through the messaging pipeline', () => {
  let t: TestContext;

  beforeAll(async () => {
    // An SMS gateway is configured, so SMS could reach the citizen: only the restriction keeps
    // account mails on e-mail.
    t = await buildTestApp({ env: { SMS_HTTP_URL: 'http://127.0.0.1:9/sms' } });
  });
  afterAll(() => t.close());

  async function buildSmsLovingCitizen() {
    return insertUser(t.app.ctx.db, {
      tenantId: t.tenant.id,
      kind: 'citizen',
      email: `sms-${uniqueSuffix()}@example.test`,
      passwordHash: await hashPassword('correct horse battery staple'),
      emailVerifiedAt: null,
      firstName: 'Sacha',
      lastName: 'Texto',
      phone: '+33612345678',
      postalAddress: letterAddress,
      preferredChannel: 'sms',
    });
  }

  const messagesTo = (userId: string) =>
    t.app.ctx.db
      .select()
      .from(outboundMessages)
      .where(and(eq(outboundMessages.tenantId, t.tenant.id), eq(outboundMessages.recipientUserId, userId)))
      .orderBy(asc(outboundMessages.queuedAt), asc(outboundMessages.templateKey));

  it('sends the confirmation and reset links by e-mail only, to a citizen who prefers SMS', async () => {
    const citizen = await buildSmsLovingCitizen();
    // The same citizen would get an ordinary message by SMS.
    const control = await transaction(t.app.ctx.db, (tx) =>
      sendToCitizen(tx, t.app.ctx, {
        tenantId: t.tenant.id,
        key: `control:${citizen.id}`,
        recipient: { userId: citizen.id },
        template: { key: 'closure', variables: {} },
      }),
    );
    expect((await messagesTo(citizen.id)).find((m) => m.id === control.messageIds[0])?.channel).toBe('sms');

    const resend = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/resend-confirmation',
      payload: { email: citizen.email },
    });
    expect(resend.statusCode).toBe(202);
    const forgot = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/password/forgot',
      payload: { email: citizen.email },
    });
    expect(forgot.statusCode).toBe(202);

    const accountMails = (await messagesTo(citizen.id)).filter((m) => m.templateKey?.startsWith('account_'));
    expect(accountMails.map((m) => [m.templateKey, m.channel, m.toAddress]).sort()).toEqual([
      ['account_confirm_email', 'email', citizen.email],
      ['account_reset_password', 'email', citizen.email],
    ]);
    const confirmation = accountMails.find((m) => m.templateKey === 'account_confirm_email')!;
    expect(confirmation.messageKey).toMatch(/^confirm_email:/);
    expect(confirmation.subject).toBe(`Confirmez votre adresse e-mail – ${t.tenant.name}`);
    expect(confirmation.bodyText).toContain('Bonjour Sacha Texto,');
    expect(confirmation.bodyText).toMatch(/\/confirmer-email\?token=[\w-]+/);
    expect(confirmation.bodyHtml).toContain('<a href="http');
    const reset = accountMails.find((m) => m.templateKey === 'account_reset_password')!;
    expect(reset.messageKey).toMatch(/^reset_password:/);
    expect(reset.bodyText).toMatch(/\/mot-de-passe\/reinitialiser\?token=[\w-]+/);
    // A failed e-mail never falls back to SMS, the portal or a letter.
    for (const mail of accountMails) expect((await dispatchStateOf(t, mail.id)).only).toEqual(['email']);
  });

  it('invites an agent by e-mail, naming the town when nobody invited', async () => {
    const email = `agent-${uniqueSuffix()}@ville.test`;
    const agent = await inviteAgent(t.app.ctx, systemPrincipal(t.tenant.id, 'test'), {
      email,
      firstName: 'Alex',
      lastName: 'Agent',
      roles: ['reception'],
      departmentIds: [],
    });
    const [invitation] = await t.app.ctx.db
      .select()
      .from(outboundMessages)
      .where(
        and(eq(outboundMessages.tenantId, t.tenant.id), like(outboundMessages.messageKey, 'invitation:%')),
      )
      .orderBy(asc(outboundMessages.queuedAt));
    expect(invitation).toMatchObject({
      templateKey: 'account_invitation',
      channel: 'email',
      toAddress: email,
      recipientUserId: agent.id,
      subject: `Invitation à rejoindre l’espace agents – ${t.tenant.name}`,
    });
    expect(invitation!.bodyText).toContain(`L’administration de ${t.tenant.name} vous invite`);
    expect(invitation!.bodyText).toMatch(/\/agent\/invitation\?token=[\w-]+/);
  });
});
