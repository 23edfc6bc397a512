import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../test/build-test-app';
import { type SmtpSink, startSmtpSink } from '../../../test/smtp-sink';
import { type LoggedInAccount, logInAccount, logInStaff } from '../../../test/login';
import { buildMessagingCitizen, buildMessagingRequest, messageById } from './messaging-test-setup';
import { jobs } from '../../platform/jobs/jobs.tables';
import { outboundMessages } from './messaging.tables';
import { sendToCitizen } from './send-message';
import { testPassword } from '../../../test/factories';
import { transaction } from '../../platform/db/transaction';

describe('messaging routes', () => {
  let t: TestContext;
  let sink: SmtpSink;
  let admin: LoggedInAccount;
  let agent: LoggedInAccount;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await buildTestApp({ env: { SMTP_URL: sink.url } });
    ({ admin, agent } = await logInStaff(t, ['agent']));
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  const as = (
    who: LoggedInAccount,
    method: 'GET' | 'PUT' | 'POST' | 'DELETE',
    url: string,
    payload?: object,
  ) => t.inject({ method, url, headers: who.headers, payload });

  describe('templates', () => {
    it('lists every template with its variables; only administrators may', async () => {
      const response = await as(admin, 'GET', '/api/v1/admin/message-templates');
      expect(response.statusCode).toBe(200);
      const keys = response.json().items.map((item: { key: string }) => item.key);
      expect(keys).toEqual(
        expect.arrayContaining([
          'acknowledgement',
          'answer',
          'request_for_information',
          'closure',
          'deadline_missed',
        ]),
      );
      const answer = response.json().items.find((item: { key: string }) => item.key === 'answer');
      expect(answer).toMatchObject({ isCustom: false, label: 'Réponse à une demande' });
      expect(answer.variables).toContain('message');
      expect((await as(agent, 'GET', '/api/v1/admin/message-templates')).statusCode).toBe(403);
    });

    it('saves an override that sendToCitizen then uses, refuses unknown variables, and resets', async () => {
      const bad = await as(admin, 'PUT', '/api/v1/admin/message-templates/closure', {
        subject: 'Clôture {{reference}}',
        body: 'Bonjour {{prenom}}',
        shortBody: null,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors).toEqual([{ field: 'body', message: expect.stringContaining('{{prenom}}') }]);

      const saved = await as(admin, 'PUT', '/api/v1/admin/message-templates/closure', {
        subject: 'Dossier {{reference}} terminé',
        body: 'Bonjour {{citizenName}}, c’est fini.',
        shortBody: 'Fini : {{reference}}',
      });
      expect(saved.statusCode).toBe(200);
      expect(saved.json()).toMatchObject({ isCustom: true, subject: 'Dossier {{reference}} terminé' });

      const { messageIds } = await transaction(t.app.ctx.db, (tx) =>
        sendToCitizen(tx, t.app.ctx, {
          tenantId: t.tenant.id,
          key: 'override-check',
          recipient: { email: 'x@example.test' },
          template: { key: 'closure', variables: { reference: 'R-1', citizenName: 'Léa' } },
        }),
      );
      expect(await messageById(t, messageIds[0]!)).toMatchObject({
        subject: 'Dossier R-1 terminé',
        bodyText: 'Bonjour Léa, c’est fini.',
      });

      const reset = await as(admin, 'DELETE', '/api/v1/admin/message-templates/closure');
      expect(reset.json()).toMatchObject({
        isCustom: false,
        subject: 'Votre demande {{reference}} est clôturée\u00a0: donnez-nous votre avis',
      });
      expect(
        (
          await as(admin, 'PUT', '/api/v1/admin/message-templates/nope', {
            subject: 'a',
            body: 'b',
            shortBody: null,
          })
        ).statusCode,
      ).toBe(404);
    });

    it('previews a draft with sample variables', async () => {
      const response = await as(admin, 'POST', '/api/v1/admin/message-templates/answer/preview', {
        body: 'Bonjour {{citizenName}} : {{message}}',
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        subject: 'Réponse à votre demande 2026-000123',
        text: 'Bonjour Camille Martin : Le lampadaire a été réparé ce matin.',
      });
      expect(response.json().variables.townName).toBe(t.tenant.name);
    });

    it('sends a test to the administrator’s own e-mail', async () => {
      const response = await as(admin, 'POST', '/api/v1/admin/message-templates/acknowledgement/test');
      expect(response.statusCode).toBe(202);
      await t.app.ctx.jobs.runUntilIdle();
      const mail = await sink.waitForMessage((m) => m.to.includes(admin.email));
      expect(mail.subject).toBe('Accusé de réception de votre demande 2026-000123');
      expect(await messageById(t, response.json().messageId)).toMatchObject({
        status: 'sent',
        channel: 'email',
      });
    });
  });

  describe('messages (dead letters)', () => {
    it('lists messages with status, attempts, error and cost, and retries a failed one', async () => {
      const citizen = await buildMessagingCitizen(t.app.ctx.db, t.tenant.id, { preferredChannel: 'email' });
      const request = await buildMessagingRequest(t.app.ctx.db, t.tenant.id, citizen.id);
      const { messageIds } = await transaction(t.app.ctx.db, (tx) =>
        sendToCitizen(tx, t.app.ctx, {
          tenantId: t.tenant.id,
          key: `dead:${request.id}`,
          subject: { type: 'request', id: request.id },
          recipient: { email: citizen.email },
          template: { key: 'closure', variables: { reference: request.reference } },
        }),
      );
      const id = messageIds[0]!;
      await t.app.ctx.db
        .update(outboundMessages)
        .set({
          status: 'failed',
          attempts: 8,
          lastError: 'Error: connect ECONNREFUSED',
          failedAt: new Date(),
        })
        .where(eq(outboundMessages.id, id));

      const list = await as(admin, 'GET', '/api/v1/admin/messages?status=failed');
      expect(list.statusCode).toBe(200);
      expect(list.json().items).toEqual([
        expect.objectContaining({
          id,
          status: 'failed',
          channel: 'email',
          attempts: 8,
          lastError: 'Error: connect ECONNREFUSED',
          costCents: 0,
          about: { type: 'request', id: request.id, label: request.reference },
        }),
      ]);
      expect((await as(agent, 'GET', '/api/v1/admin/messages')).statusCode).toBe(403);

      const retried = await as(admin, 'POST', `/api/v1/admin/messages/${id}/retry`);
      expect(retried.statusCode).toBe(200);
      expect(retried.json()).toMatchObject({ id, status: 'queued' });
      expect((await as(admin, 'POST', `/api/v1/admin/messages/${id}/retry`)).json().code).toBe(
        'MESSAGE_NOT_FAILED',
      );
      await t.app.ctx.jobs.runUntilIdle();
      expect(await messageById(t, id)).toMatchObject({ status: 'sent', attempts: 9 });
      await sink.waitForMessage((m) => m.to.includes(citizen.email));
      const missing = await as(
        admin,
        'POST',
        '/api/v1/admin/messages/00000000-0000-4000-8000-000000000000/retry',
      );
      expect(missing.statusCode).toBe(404);
    });
  });

  describe('messages stuck without a job', () => {
    it('retries a message left in sending whose job failed, but not one a job still holds', async () => {
      const { messageIds } = await transaction(t.app.ctx.db, (tx) =>
        sendToCitizen(tx, t.app.ctx, {
          tenantId: t.tenant.id,
          key: 'stuck-message',
          recipient: { email: 'stuck@example.test' },
          template: { key: 'closure', variables: { reference: 'R-9' } },
        }),
      );
      const id = messageIds[0]!;
      // The job is still pending: a retry would race it.
      const early = await as(admin, 'POST', `/api/v1/admin/messages/${id}/retry`);
      expect(early.json().code).toBe('MESSAGE_NOT_FAILED');
      // Its worker died during the last attempt: the job failed, the message stayed in sending.
      await t.app.ctx.db
        .update(outboundMessages)
        .set({ status: 'sending', attempts: 8 })
        .where(eq(outboundMessages.id, id));
      await t.app.ctx.db
        .update(jobs)
        .set({ status: 'failed' })
        .where(eq(jobs.idempotencyKey, `message.dispatch:${id}`));
      const retried = await as(admin, 'POST', `/api/v1/admin/messages/${id}/retry`);
      expect(retried.statusCode).toBe(200);
      await t.app.ctx.jobs.runUntilIdle();
      await sink.waitForMessage((m) => m.to.includes('stuck@example.test'));
      const row = await messageById(t, id);
      expect(row).toMatchObject({ status: 'sent', attempts: 9 });
      expect(row.lastError).toMatch(/^POSSIBLE_DUPLICATE/);
    });
  });

  describe('portal notifications', () => {
    it('a citizen preferring the portal gets a notification, lists it and marks it read', async () => {
      const citizen = await buildMessagingCitizen(t.app.ctx.db, t.tenant.id, { preferredChannel: 'portal' });
      const { hashPassword } = await import('../accounts/password');
      const { users } = await import('../accounts/accounts.tables');
      await t.app.ctx.db
        .update(users)
        .set({ passwordHash: await hashPassword(testPassword) })
        .where(eq(users.id, citizen.id));
      const session = await logInAccount(t, { id: citizen.id, email: citizen.email, password: testPassword });
      const request = await buildMessagingRequest(t.app.ctx.db, t.tenant.id, citizen.id);
      const { messageIds } = await transaction(t.app.ctx.db, (tx) =>
        sendToCitizen(tx, t.app.ctx, {
          tenantId: t.tenant.id,
          key: `portal:${request.id}`,
          subject: { type: 'request', id: request.id },
          recipient: { userId: citizen.id },
          template: {
            key: 'answer',
            variables: { reference: request.reference, trackingUrl: 'https://x.test/s' },
          },
        }),
      );
      await t.app.ctx.jobs.runUntilIdle();
      expect(await messageById(t, messageIds[0]!)).toMatchObject({ status: 'delivered', channel: 'portal' });

      const list = await as(session, 'GET', '/api/v1/notifications');
      expect(list.statusCode).toBe(200);
      expect(list.json().unread).toBe(1);
      const [notification] = list.json().items;
      expect(notification).toMatchObject({
        title: `Réponse à votre demande ${request.reference}`,
        about: { type: 'request', id: request.id, label: null },
        readAt: null,
      });
      expect(notification.body).toContain('https://x.test/s');
      const read = await as(session, 'POST', `/api/v1/notifications/${notification.id}/read`);
      expect(read.statusCode).toBe(200);
      expect(read.json().readAt).not.toBeNull();
      expect((await as(session, 'GET', '/api/v1/notifications')).json().unread).toBe(0);
      // Someone else's notification is not found.
      expect((await as(admin, 'POST', `/api/v1/notifications/${notification.id}/read`)).statusCode).toBe(404);
      expect((await t.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
    });
  });
});
