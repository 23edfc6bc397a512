import { systemPrincipal } from '../../server/platform/auth/principal';
import { transaction } from '../../server/platform/db/transaction';
import { eq } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { App } from '../../server/app';
import { issueUserToken } from '../../server/modules/accounts/user-tokens.repository';
import { insertIdentityProvider } from '../../server/modules/accounts/oidc/identity-providers.repository';
import { letterAdapter } from '../../server/modules/messaging/letters/letter-adapter';
import { insertQueuedLetter } from '../../server/modules/messaging/letters/letters-test-setup';
import { receiveEmail } from '../../server/modules/intake/email/receive-email';
import { outboundMessages, portalNotifications } from '../../server/modules/messaging/messaging.tables';
import { sendToCitizen } from '../../server/modules/messaging/send-message';
import { multipart, sampleFiles } from '../../server/modules/requests/attachments/attachment-test-files';
import { seedRequest } from '../../server/modules/requests/backoffice/backoffice-test-setup';
import { jobs } from '../../server/platform/jobs/jobs.tables';
import type { AgentRole } from '../../server/platform/http/request-context';
import type { TestContext } from '../build-test-app';
import { buildAgent, buildCitizen, buildTenant, uniqueSuffix } from '../factories';
import { logInAccount, type LoggedInAccount } from '../login';
import type { TownKind } from './walk-inputs';

export type TownRole = 'citizen' | AgentRole;

/** A town built for the walk: one thing of every kind, and words to recognise its data by. */
export interface PopulatedTown {
  context: TestContext;
  /** A word in the town's texts (subjects, names, labels) found nowhere else. */
  marker: string;
  values: Record<TownKind, string[]>;
  /** One account per role, logged in on the town's host (agents in the town's department). */
  sessions: Record<TownRole, LoggedInAccount>;
}

/** A TestContext for another tenant of the same app (test/login.ts and the setups take one). */
export function contextOnHost(app: App, tenant: TestContext['tenant']): TestContext {
  return {
    app,
    tenant,
    inject: (options: InjectOptions) =>
      app.inject({ ...options, headers: { host: tenant.host, ...options.headers } }),
    close: () => app.close(),
  };
}

function expectStatus(response: LightMyRequestResponse, status: number, what: string) {
  if (response.statusCode !== status) {
    throw new Error(`populating the town: ${what} answered ${response.statusCode} ${response.body}`);
  }
  return response.json();
}

/**
 * Town B of the walk, filled the way its people would: through its own API on its own host
 * where there is one (departments, requests, uploads, scans, templates, channel settings), and
 * straight in the tables for what only an outside party makes (an identity provider, a failed
 * job, an SMS delivery, an inbound e-mail, a letter in a print batch).
 */
export async function populateTown(app: App, name: string): Promise<PopulatedTown> {
  const marker = `zorglub${uniqueSuffix()}`;
  const db = app.ctx.db;
  const tenant = await buildTenant(db, { name: `${name} ${marker}` });
  const t = contextOnHost(app, tenant);
  const id = tenant.id;

  const account = async (roles: AgentRole[], departmentIds: string[] = []) =>
    logInAccount(
      t,
      await buildAgent(db, id, { roles, departmentIds, email: `${roles[0]}-${marker}@ville.test` }),
    );
  const admin = await account(['admin']);
  const as = (who: LoggedInAccount, options: InjectOptions) =>
    t.inject({ ...options, headers: { ...who.headers, ...options.headers } });

  const department = expectStatus(
    await as(admin, {
      method: 'POST',
      url: '/api/v1/admin/departments',
      payload: { code: 'voirie', name: `Voirie ${marker}`, email: `voirie-${marker}@ville.test` },
    }),
    201,
    'a department',
  );
  const category = expectStatus(
    await as(admin, {
      method: 'POST',
      url: '/api/v1/admin/categories',
      payload: {
        code: 'chaussee',
        name: `Chaussée ${marker}`,
        departmentId: department.id,
        deadlineDays: 10,
      },
    }),
    201,
    'a category',
  );
  const closure = expectStatus(
    await as(admin, {
      method: 'POST',
      url: '/api/v1/admin/calendar/closures',
      payload: { day: '2031-05-16', label: `Pont ${marker}` },
    }),
    201,
    'a calendar closure',
  );
  const reception = await account(['reception']);
  const agent = await account(['agent'], [department.id]);
  const manager = await account(['manager'], [department.id]);
  const signatory = await account(['signatory'], [department.id]);

  const citizenAccount = await buildCitizen(db, id, { email: `citoyen-${marker}@ville.test` });
  const citizen = await logInAccount(t, citizenAccount);
  const phone = `+33 6 39 98 ${String(Math.floor(Math.random() * 100)).padStart(2, '0')} 42`;
  expectStatus(
    await as(citizen, {
      method: 'PATCH',
      url: '/api/v1/me',
      payload: {
        lastName: `Martin-${marker}`,
        phone,
        postalAddress: { line1: `3 rue ${marker}`, postcode: '75011', city: 'Paris' },
        preferredChannel: 'portal',
      },
    }),
    200,
    'the citizen’s profile',
  );
  const unconfirmed = await buildCitizen(db, id, {
    email: `nouveau-${marker}@ville.test`,
    confirmed: false,
  });

  const submitted = expectStatus(
    await as(citizen, {
      method: 'POST',
      url: '/api/v1/requests',
      payload: {
        categoryId: category.id,
        subject: `Nid-de-poule ${marker}`,
        description: `Un trou dangereux devant le ${marker}.`,
        location: { address: `12 avenue ${marker}` },
      },
    }),
    201,
    'a request',
  );
  const upload = multipart([
    { name: 'file', fileName: `photo-${marker}.pdf`, contentType: 'application/pdf', data: sampleFiles.pdf },
  ]);
  const attachment = expectStatus(
    await as(citizen, {
      method: 'POST',
      url: `/api/v1/requests/${submitted.id}/attachments`,
      headers: upload.headers,
      payload: upload.payload,
    }),
    201,
    'an attachment',
  );
  // A closed request not rated yet: the survey would take a rating.
  const closed = await seedRequest(t, {
    subject: `Lampadaire ${marker}`,
    status: 'closed',
    citizenId: citizenAccount.id,
    closedAt: new Date(),
  });
  expectStatus(
    await as(reception, {
      method: 'POST',
      url: '/api/v1/backoffice/contacts',
      payload: { channel: 'phone', subject: `Horaires ${marker}`, contact: { name: `Appelant ${marker}` } },
    }),
    201,
    'an informational contact',
  );
  const scan = multipart([
    { name: 'contactName', value: `Expéditeur ${marker}` },
    { name: 'contactEmail', value: `expediteur-${marker}@ville.test` },
    {
      name: 'files',
      fileName: `courrier-${marker}.pdf`,
      contentType: 'application/pdf',
      data: sampleFiles.pdf,
    },
  ]);
  const scanned = expectStatus(
    await as(reception, {
      method: 'POST',
      url: '/api/v1/backoffice/scans',
      headers: scan.headers,
      payload: scan.payload,
    }),
    201,
    'a scanned letter',
  );
  expectStatus(
    await as(admin, {
      method: 'PUT',
      url: '/api/v1/admin/message-templates/acknowledgement',
      payload: { subject: `Accusé ${marker}`, body: `Bien reçu, ${marker}.`, shortBody: null },
    }),
    200,
    'a message template',
  );
  const provider = await insertIdentityProvider(db, {
    tenantId: id,
    slug: `idp-${marker}`,
    label: `Connexion ${marker}`,
    issuerUrl: 'https://idp.ville.test',
    clientId: `client-${marker}`,
    clientSecret: 'sealed elsewhere',
    scopes: 'openid email profile',
    acrValues: null,
    isEnabled: true,
  });

  // A portal notification for the citizen, then every queued message of the town goes out.
  await transaction(db, (tx) =>
    sendToCitizen(tx, app.ctx, {
      tenantId: id,
      key: `walk-notification:${marker}`,
      subject: { type: 'request', id: submitted.id },
      recipient: { userId: citizenAccount.id, email: citizenAccount.email, preferredChannel: 'portal' },
      template: { key: 'agent_message', variables: { reference: submitted.reference, message: marker } },
      channels: ['portal'],
    }),
  );
  await app.ctx.jobs.runUntilIdle({ tenantId: id });
  const [notification] = await db
    .select()
    .from(portalNotifications)
    .where(eq(portalNotifications.tenantId, id));
  // Saved after the town's mails went out: nothing ever connects to this server.
  expectStatus(
    await as(admin, {
      method: 'PUT',
      url: '/api/v1/admin/channel-settings/smtp',
      payload: {
        config: { host: `smtp-${marker}.ville.test`, port: 2525, security: 'none' },
        secret: `secret-${marker}`,
      },
    }),
    200,
    'the town’s SMTP settings',
  );

  const inbound = await receiveEmail(app.ctx, systemPrincipal(id, 'test'), {
    source: 'smtp',
    raw: Buffer.from(
      [
        `From: Habitant <habitant-${marker}@ville.test>`,
        `To: mairie@${tenant.host}`,
        `Subject: Encombrants ${marker}`,
        `Message-ID: <${marker}@ville.test>`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        `Bonjour, des encombrants rue ${marker}.`,
        '',
      ].join('\r\n'),
    ),
  });

  const letter = await insertQueuedLetter(t, { requestId: submitted.id, subject: `Courrier ${marker}` });
  const sentLetter = await letterAdapter.send(letter, app.ctx);
  await db
    .update(outboundMessages)
    .set({ status: sentLetter.status, providerMessageId: sentLetter.providerMessageId })
    .where(eq(outboundMessages.id, letter.id));
  const [batched] = await db.select().from(outboundMessages).where(eq(outboundMessages.id, letter.id));

  // Dead letters an administrator could retry: a failed message and a failed job.
  const [failedMessage] = await db
    .update(outboundMessages)
    .set({ status: 'failed', failedAt: new Date(), lastError: `Refusé ${marker}` })
    .where(eq(outboundMessages.messageKey, `request-ack:${submitted.id}`))
    .returning();
  const [someJob] = await db.select().from(jobs).where(eq(jobs.tenantId, id)).limit(1);
  await db
    .update(jobs)
    .set({ status: 'failed', lastError: `Échec ${marker}` })
    .where(eq(jobs.id, someJob!.id));

  const smsProviderId = `gw-${marker}`;
  await db.insert(outboundMessages).values({
    tenantId: id,
    messageKey: `walk-sms:${marker}`,
    subjectType: 'request',
    subjectId: submitted.id,
    recipientUserId: citizenAccount.id,
    channel: 'sms',
    toAddress: phone,
    bodyText: `Votre demande ${marker}`,
    status: 'sent',
    providerMessageId: smsProviderId,
    attempts: 1,
    queuedAt: new Date(),
  });

  const token = async (userId: string, purpose: 'confirm_email' | 'reset_password' | 'invitation') =>
    (await issueUserToken(db, { tenantId: id, userId, purpose, now: new Date() })).token;
  const invited = await buildAgent(db, id, { roles: ['agent'], email: `invite-${marker}@ville.test` });

  const accounts = [admin, reception, agent, manager, signatory, citizen];
  return {
    context: t,
    marker,
    sessions: { admin, reception, agent, manager, signatory, citizen },
    values: {
      request: [submitted.id],
      scanRequest: [scanned.id],
      attachment: [attachment.id],
      scanAttachment: [scanned.attachmentIds[0]],
      department: [department.id],
      category: [category.id],
      calendarClosure: [closure.id],
      agent: [agent.id, manager.id, reception.id, signatory.id],
      citizen: [citizenAccount.id],
      identityProvider: [provider.id],
      identityProviderSlug: [provider.slug],
      job: [String(someJob!.id)],
      message: [failedMessage!.id],
      letter: [letter.id],
      notification: [notification!.id],
      printBatch: [batched!.printBatchId!],
      inboundMessage: [inbound.inboundId],
      trackingCode: [closed.trackingCode, submitted.trackingCode],
      // Each login try uses another account: five failures on one would throttle it.
      accountEmail: [...accounts.map((who) => who.email), unconfirmed.email, invited.email],
      confirmEmailToken: [await token(unconfirmed.id, 'confirm_email')],
      resetPasswordToken: [await token(citizenAccount.id, 'reset_password')],
      invitationToken: [await token(invited.id, 'invitation')],
      smsProviderId: [smsProviderId],
      citizenPhone: [phone],
      searchWord: [marker],
    },
  };
}
