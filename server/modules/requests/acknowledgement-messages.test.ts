import { systemPrincipal } from '../../platform/auth/principal';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../test/build-test-app';
import { buildCitizen } from '../../../test/factories';
import { type LoggedInAccount, logInAccount, logInNewAgent } from '../../../test/login';
import { createFixedClock } from '../../platform/clock';
import { users } from '../accounts/accounts.tables';
import { outboundMessages } from '../messaging/messaging.tables';
import { receiveSms } from '../intake/sms/receive-sms';
import { anonymousContact, buildRoutedCategory } from './intake-test-setup';
import { requestEvents } from './requests.tables';

/** The acknowledgement of a request, as the messaging pipeline queued it (or nothing). */
async function acknowledgementOf(t: TestContext, requestId: string) {
  const rows = await t.app.ctx.db
    .select()
    .from(outboundMessages)
    .where(and(eq(outboundMessages.tenantId, t.tenant.id), eq(outboundMessages.subjectId, requestId)));
  expect(rows.length).toBeLessThanOrEqual(1);
  return rows[0];
}

async function messageEventsOf(t: TestContext, requestId: string) {
  return t.app.ctx.db
    .select()
    .from(requestEvents)
    .where(and(eq(requestEvents.requestId, requestId), eq(requestEvents.type, 'message_status')));
}

/** Plain spaces for the assertions: the texts use French no-break spaces. */
const plain = (text: string | null | undefined) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

function acknowledgementSuite(name: string, smppUrl: string | undefined) {
  describe(name, () => {
    let t: TestContext;
    let routed: Awaited<ReturnType<typeof buildRoutedCategory>>;
    let reception: LoggedInAccount;
    // Friday 4 December 2026, 10:00 in Paris: three business days later is Wednesday 9 December.
    const clock = createFixedClock('2026-12-04T09:00:00Z');

    beforeAll(async () => {
      // A configured SMPP URL is enough for the choice of the SMS channel (nothing is dispatched here).
      t = await buildTestApp({ clock, config: { smppUrl } });
      routed = await buildRoutedCategory(t, {
        deadlineDays: 3,
        silenceRule: 'rejection',
        silencePeriodDays: 60,
      });
      reception = await logInNewAgent(t, ['reception']);
    });
    afterAll(() => t.close());

    const fileOnline = (payload: Record<string, unknown>, headers?: Record<string, string>) =>
      t.inject({
        method: 'POST',
        url: '/api/v1/requests',
        ...(headers ? { headers } : {}),
        payload: {
          categoryId: routed.category.id,
          subject: 'Nid-de-poule rue des Lilas',
          description: 'Un trou profond devant le numéro 12.',
          ...payload,
        },
      });
    const fileAtDesk = (payload: Record<string, unknown>) =>
      t.inject({
        method: 'POST',
        url: '/api/v1/backoffice/requests',
        headers: reception.headers,
        payload: {
          subject: 'Dépôt sauvage impasse des Roses',
          description: 'Signalé à l’accueil.',
          ...payload,
        },
      });

    async function citizenPreferringSms() {
      const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
      await t.app.ctx.db
        .update(users)
        .set({ phone: '+33612345678', preferredChannel: 'sms' })
        .where(eq(users.id, citizen.id));
      return logInAccount(t, citizen);
    }

    it('queues the acknowledgement with all its legal content, on the web contact’s e-mail', async () => {
      const response = await fileOnline({ contact: anonymousContact });
      expect(response.statusCode, response.body).toBe(201);
      const { id, reference, trackingCode } = response.json();
      const message = await acknowledgementOf(t, id);
      expect(message).toMatchObject({
        messageKey: `request-ack:${id}`,
        templateKey: 'acknowledgement',
        channel: 'email',
        toAddress: anonymousContact.email,
        status: 'queued',
      });
      expect(message!.subject).toBe(`Accusé de réception de votre demande ${reference}`);
      const text = plain(message!.bodyText);
      expect(text).toContain('Bonjour Dominique Lefèvre,');
      expect(text).toContain('le vendredi 4 décembre 2026 à 10 h 00');
      expect(text).toContain(`Référence : ${reference}`);
      expect(text).toContain('Service chargé de votre demande : Service Voirie');
      expect(text).toContain('Adresse postale : 1 place de la Mairie, 75001 Paris');
      expect(text).toContain('Courriel : voirie@mairie.test');
      expect(text).toContain('Téléphone : 01 23 45 67 89');
      expect(text).toContain('au plus tard le mercredi 9 décembre 2026');
      expect(text).toContain(
        'Sans réponse de notre part au mardi 2 février 2027, votre demande sera réputée rejetée.',
      );
      expect(text).toContain('recours gracieux auprès du maire');
      expect(text).toContain('tribunal administratif');
      expect(text).toMatch(new RegExp(`https?://\\S+/suivi/${trackingCode}`));
      // Tracked on the request's timeline for the agents.
      expect(await messageEventsOf(t, id)).toEqual([
        expect.objectContaining({
          visibility: 'internal',
          data: expect.objectContaining({ messageId: message!.id, status: 'queued', channel: 'email' }),
        }),
      ]);
    });

    it('follows the account’s preference for SMS when the town has a gateway, else e-mails', async () => {
      const citizen = await citizenPreferringSms();
      const response = await fileOnline({}, citizen.headers);
      expect(response.statusCode, response.body).toBe(201);
      const { id, reference, trackingCode } = response.json();
      const message = await acknowledgementOf(t, id);
      if (smppUrl) {
        expect(message).toMatchObject({
          channel: 'sms',
          toAddress: '+33612345678',
          templateKey: 'acknowledgement',
        });
        // The short text: the reference and the tracking link, nothing more.
        expect(message!.bodyText).toMatch(new RegExp(`${reference}.*/suivi/${trackingCode}$`));
        expect(message!.bodyText.length).toBeLessThan(160);
        expect(message!.segments).toBeGreaterThanOrEqual(1);
      } else {
        expect(message).toMatchObject({ channel: 'email', toAddress: citizen.email });
        expect(plain(message!.bodyText)).toContain('Adresse postale : 1 place de la Mairie');
      }
    });

    it('never acknowledges a phone call by letter: a contact with only a postal address gets a timeline note', async () => {
      const response = await fileAtDesk({
        channel: 'phone',
        categoryId: routed.category.id,
        contact: {
          name: 'Jeanne Petit',
          postalAddress: { line1: '8 rue Haute', postcode: '75002', city: 'Paris' },
        },
      });
      expect(response.statusCode, response.body).toBe(201);
      const { id } = response.json();
      expect(await acknowledgementOf(t, id)).toBeUndefined();
      expect(await messageEventsOf(t, id)).toEqual([
        expect.objectContaining({
          visibility: 'internal',
          body: expect.stringContaining('ne peut être joint par aucun des canaux prévus pour ce message'),
          data: expect.objectContaining({ templateKey: 'acknowledgement', status: 'failed', channel: null }),
        }),
      ]);
    });

    it('acknowledges a postal letter by letter when only a postal address is known', async () => {
      const response = await fileAtDesk({
        channel: 'letter',
        contact: {
          name: 'Jeanne Petit',
          postalAddress: { line1: '8 rue Haute', postcode: '75002', city: 'Paris' },
        },
      });
      expect(response.statusCode, response.body).toBe(201);
      const message = await acknowledgementOf(t, response.json().id);
      expect(message).toMatchObject({
        channel: 'letter',
        letterAddress: { name: 'Jeanne Petit', line1: '8 rue Haute', postcode: '75002', city: 'Paris' },
      });
      // Without a category yet, the department is designated later; the legal text still says so.
      expect(plain(message!.bodyText)).toContain('il sera désigné lors de l’examen de votre demande');
      expect(plain(message!.bodyText)).toContain('ne donne pas lieu à une décision implicite');
    });

    it('acknowledges a request that came in by SMS by SMS when the town has a gateway', async () => {
      const received = await receiveSms(t.app.ctx, systemPrincipal(t.tenant.id, 'test'), {
        tenantId: t.tenant.id,
        source: 'http',
        from: '06 55 44 33 22',
        text: 'Lampadaire éteint devant le 3 rue des Acacias depuis hier soir.',
      });
      expect(received.outcome).toBe('request_created');
      const message = await acknowledgementOf(t, received.requestId!);
      if (smppUrl) {
        expect(message).toMatchObject({
          channel: 'sms',
          toAddress: '+33655443322',
          templateKey: 'acknowledgement',
        });
      } else {
        // Without a gateway nothing reaches a phone number: the timeline says so.
        expect(message).toBeUndefined();
        expect(await messageEventsOf(t, received.requestId!)).toEqual([
          expect.objectContaining({ data: expect.objectContaining({ status: 'failed', channel: null }) }),
        ]);
      }
    });

    it.runIf(smppUrl)(
      'answers an account holder who texts in on SMS rather than on their preferred e-mail',
      async () => {
        const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
        await t.app.ctx.db.update(users).set({ phone: '+33677889900' }).where(eq(users.id, citizen.id));
        const received = await receiveSms(t.app.ctx, systemPrincipal(t.tenant.id, 'test'), {
          tenantId: t.tenant.id,
          source: 'http',
          from: '+33677889900',
          text: 'Encombrants non ramassés rue Verte.',
        });
        expect(received.outcome).toBe('request_created');
        expect(await acknowledgementOf(t, received.requestId!)).toMatchObject({
          channel: 'sms',
          recipientUserId: citizen.id,
        });
      },
    );
  });
}

acknowledgementSuite(
  'acknowledgement through the messaging pipeline (town with an SMS gateway)',
  'smpp://u:p@127.0.0.1:1',
);
acknowledgementSuite(
  'acknowledgement through the messaging pipeline (town without an SMS gateway)',
  undefined,
);
