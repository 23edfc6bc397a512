import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../../test/build-test-app';
import { buildCitizen } from '../../../../../test/factories';
import { buildAdminSession, type LoggedInAccount, logInAccount } from '../../../../../test/login';
import { type SmtpSink, startSmtpSink } from '../../../../../test/smtp-sink';
import { createFixedClock } from '../../../../platform/clock';
import { realtimeChannels } from '../../../../platform/events/channels';
import { outboundMessages } from '../../../messaging/messaging.tables';
import { requestIdOfReplyAddress } from '../../../messaging/reply-token';
import { anonymousContact, buildRoutedCategory } from '../../intake-test-setup';
import { requests } from '../../requests.tables';
import {
  act,
  actOk,
  fileRequest,
  loadEvents,
  loadRequest,
  track,
  type FiledRequest,
} from './actions-test-setup';

describe('back-office actions: transitions, notes and messages', () => {
  let t: TestContext;
  let sink: SmtpSink;
  let admin: LoggedInAccount;
  let categoryId: string;
  let departmentId: string;
  const clock = createFixedClock('2026-12-04T09:00:00Z');

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await buildTestApp({ env: { SMTP_URL: sink.url }, clock });
    const routed = await buildRoutedCategory(t);
    categoryId = routed.category.id;
    departmentId = routed.department.id;
    admin = await buildAdminSession(t);
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  /** A request filed and brought to `in_progress` by the admin (qualify, then assign). */
  async function fileInProgress(options: { as?: LoggedInAccount; payload?: Record<string, unknown> } = {}) {
    const filed = await fileRequest(t, categoryId, options);
    await actOk(t, admin, filed.id, 'qualify', { categoryId, departmentId, priority: 'normal' });
    await actOk(t, admin, filed.id, 'assign', { agentId: admin.id });
    return filed;
  }

  const transition = (filed: FiledRequest, payload: object) => act(t, admin, filed.id, 'transition', payload);

  /** The messages the pipeline queued about a request whose key starts with `prefix`. */
  const messagesOf = (filed: FiledRequest, prefix: string) =>
    t.app.ctx.db
      .select()
      .from(outboundMessages)
      .where(and(eq(outboundMessages.subjectId, filed.id), like(outboundMessages.messageKey, `${prefix}%`)));

  describe('transition', () => {
    it('rejects only with a reason, which the citizen sees; the comment stays internal', async () => {
      const filed = await fileRequest(t, categoryId);
      const missing = await transition(filed, { status: 'rejected' });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().errors).toEqual([
        { field: 'reason', message: 'is required for this change of status' },
      ]);
      const blank = await transition(filed, { status: 'rejected', reason: '   ' });
      expect(blank.statusCode).toBe(400);

      const response = await transition(filed, {
        status: 'rejected',
        reason: 'Cette voie est départementale.',
        comment: 'Transmis au Département par téléphone.',
        version: 1,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ status: 'rejected', version: 2 });
      const row = await loadRequest(t, filed.id);
      expect(row.rejectionReason).toBe('Cette voie est départementale.');
      expect(row.closedAt?.toISOString()).toBe(clock.now().toISOString());
      const [changed, note] = (await loadEvents(t, filed.id)).slice(-2);
      expect(changed).toMatchObject({
        type: 'status_changed',
        visibility: 'public',
        body: 'Cette voie est départementale.',
        data: { from: 'received', to: 'rejected' },
      });
      expect(note).toMatchObject({
        type: 'internal_note',
        visibility: 'internal',
        body: 'Transmis au Département par téléphone.',
      });
      const tracking = await track(t, filed.trackingCode);
      expect(tracking.status).toBe('rejected');
      const texts = tracking.timeline.map((entry) => entry.text).join('\n');
      expect(texts).toContain('Cette voie est départementale.');
      expect(texts).not.toContain('Transmis au Département');
    });

    it('answers 409 TRANSITION_NOT_ALLOWED with the statuses an agent may choose', async () => {
      const filed = await fileRequest(t, categoryId);
      const response = await transition(filed, { status: 'answered' });
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({
        code: 'TRANSITION_NOT_ALLOWED',
        from: 'received',
        to: 'answered',
        allowed: ['qualified', 'rejected', 'duplicate'],
      });
      const cancel = await transition(filed, { status: 'cancelled' });
      expect(cancel.statusCode).toBe(409);
      expect((await loadRequest(t, filed.id)).version).toBe(1);
    });

    it('marks a duplicate through a transition, and refuses it without the original', async () => {
      const original = await fileRequest(t, categoryId);
      const filed = await fileRequest(t, categoryId);
      const missing = await transition(filed, { status: 'duplicate' });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().errors[0].field).toBe('duplicateOf');
      const itself = await transition(filed, { status: 'duplicate', duplicateOf: filed.id });
      expect(itself.statusCode).toBe(400);
      const done = await transition(filed, { status: 'duplicate', duplicateOf: original.id });
      expect(done.json().status).toBe('duplicate');
      expect((await loadRequest(t, filed.id)).duplicateOfId).toBe(original.id);
    });

    it('closes, and reopens a closed request only with a reason, clearing closedAt', async () => {
      const filed = await fileInProgress();
      await actOk(t, admin, filed.id, 'messages', { body: 'C’est réparé.', isAnswer: true });
      clock.advance(60_000);
      await actOk(t, admin, filed.id, 'transition', { status: 'closed' });
      expect((await loadRequest(t, filed.id)).closedAt?.toISOString()).toBe(clock.now().toISOString());

      const withoutReason = await transition(filed, { status: 'in_progress' });
      expect(withoutReason.statusCode).toBe(400);
      expect(withoutReason.json().errors[0].field).toBe('reason');
      const treatmentStartedAt = (await loadRequest(t, filed.id)).treatmentStartedAt;
      clock.advance(60_000);
      const reopened = await transition(filed, {
        status: 'in_progress',
        reason: 'Le lampadaire est retombé en panne.',
      });
      expect(reopened.statusCode).toBe(200);
      const row = await loadRequest(t, filed.id);
      expect(row).toMatchObject({ status: 'in_progress', closedAt: null });
      expect(row.treatmentStartedAt).toEqual(treatmentStartedAt);
      const [changed, note] = (await loadEvents(t, filed.id)).slice(-2);
      expect(changed).toMatchObject({ type: 'status_changed', data: { from: 'closed', to: 'in_progress' } });
      expect(note).toMatchObject({
        type: 'internal_note',
        visibility: 'internal',
        body: 'Le lampadaire est retombé en panne.',
      });
    });

    it('offers the satisfaction survey when an agent closes a request by hand', async () => {
      const filed = await fileInProgress({ payload: { subject: 'Banc cassé square Verlaine' } });
      await actOk(t, admin, filed.id, 'messages', { body: 'Le banc a été remplacé.', isAnswer: true });
      await actOk(t, admin, filed.id, 'transition', { status: 'closed' });
      await t.app.ctx.jobs.runUntilIdle({ tenantId: t.tenant.id });
      const mail = await sink.waitForMessage(
        (message) =>
          message.to.includes(anonymousContact.email) &&
          message.subject.includes(filed.reference) &&
          message.subject.includes('donnez-nous votre avis'),
      );
      expect(mail.text).toContain(`/suivi/${filed.trackingCode}`);
      expect(mail.text).toContain('Banc cassé square Verlaine');
      const [invitation, ...more] = await messagesOf(filed, 'satisfaction-invitation:');
      expect(more).toEqual([]);
      expect(invitation).toMatchObject({ templateKey: 'closure', channel: 'email', status: 'sent' });
    });

    it('invites to the survey once per closure, not when the request is already rated', async () => {
      const filed = await fileInProgress();
      await actOk(t, admin, filed.id, 'messages', { body: 'Le trou est rebouché.', isAnswer: true });
      await t.app.ctx.db.update(requests).set({ satisfactionRating: 5 }).where(eq(requests.id, filed.id));
      await actOk(t, admin, filed.id, 'transition', { status: 'closed' });
      expect(await messagesOf(filed, 'satisfaction-invitation:')).toEqual([]);

      const unrated = await fileInProgress();
      await actOk(t, admin, unrated.id, 'messages', { body: 'Le trou est rebouché.', isAnswer: true });
      await actOk(t, admin, unrated.id, 'transition', { status: 'closed' });
      expect(await messagesOf(unrated, 'satisfaction-invitation:')).toHaveLength(1);
    });

    it('refuses to qualify through a transition a request that has no category', async () => {
      const filed = await fileRequest(t, categoryId);
      await t.app.ctx.db.update(requests).set({ categoryId: null }).where(eq(requests.id, filed.id));
      const response = await transition(filed, { status: 'qualified' });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].field).toBe('status');
    });
  });

  describe('notes', () => {
    it('adds an internal note, searchable and invisible to the public', async () => {
      const filed = await fileRequest(t, categoryId);
      const response = await act(t, admin, filed.id, 'notes', {
        body: 'Voir avec ENEDIS pour le raccordement.',
      });
      expect(response.statusCode).toBe(201);
      const result = response.json();
      expect(result).toMatchObject({ id: filed.id, status: 'received', version: 2 });
      const note = (await loadEvents(t, filed.id)).at(-1)!;
      expect(note).toMatchObject({ id: result.eventId, type: 'internal_note', visibility: 'internal' });
      expect((await loadRequest(t, filed.id)).searchExtra).toContain('ENEDIS');
      const tracking = await track(t, filed.trackingCode);
      expect(JSON.stringify(tracking)).not.toContain('ENEDIS');

      const stale = await act(t, admin, filed.id, 'notes', { body: 'Encore une note.', version: 1 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().code).toBe('REQUEST_CHANGED');
      const blank = await act(t, admin, filed.id, 'notes', { body: '  ' });
      expect(blank.statusCode).toBe(400);
      expect(blank.json().errors[0].field).toBe('body');
    });
  });

  describe('messages', () => {
    it('answers: status answered, answeredAt, the citizen is e-mailed, and their reply reopens it', async () => {
      const citizen = await logInAccount(t, await buildCitizen(t.app.ctx.db, t.tenant.id));
      const filed = await fileInProgress({ as: citizen });
      const heard: { channel: string; type: string; data: unknown }[] = [];
      const listen = (channel: string) => t.app.ctx.bus.subscribe(channel, (event) => heard.push(event));
      const trackingChannel = realtimeChannels.tracking(t.tenant.id, filed.trackingCode);
      const agentsChannel = realtimeChannels.tenantAgents(t.tenant.id);
      const citizenChannel = realtimeChannels.user(citizen.id);
      const unsubscribers = [listen(trackingChannel), listen(agentsChannel), listen(citizenChannel)];
      clock.advance(60_000);
      const response = await act(t, admin, filed.id, 'messages', {
        body: 'Le lampadaire a été réparé ce matin.',
        isAnswer: true,
      });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({ id: filed.id, status: 'answered' });
      const row = await loadRequest(t, filed.id);
      expect(row.answeredAt?.toISOString()).toBe(clock.now().toISOString());
      expect(row.searchExtra).toContain('réparé ce matin');
      const [answer, changed] = (await loadEvents(t, filed.id)).slice(-2);
      expect(answer).toMatchObject({
        id: response.json().eventId,
        type: 'answer',
        visibility: 'public',
        body: 'Le lampadaire a été réparé ce matin.',
      });
      expect(changed).toMatchObject({
        type: 'status_changed',
        data: { from: 'in_progress', to: 'answered' },
      });
      const tracking = await track(t, filed.trackingCode);
      expect(tracking.timeline.map((entry) => entry.text)).toContain('Le lampadaire a été réparé ce matin.');
      // On PostgreSQL events come back through NOTIFY: wait for them rather than for a delay.
      await vi.waitFor(() => {
        expect(heard).toContainEqual(
          expect.objectContaining({
            channel: trackingChannel,
            type: 'request.updated',
            data: { status: 'answered' },
          }),
        );
        expect(heard).toContainEqual(
          expect.objectContaining({ channel: agentsChannel, data: { id: filed.id, status: 'answered' } }),
        );
        expect(heard).toContainEqual(
          expect.objectContaining({ channel: citizenChannel, data: { id: filed.id, status: 'answered' } }),
        );
      });
      unsubscribers.forEach((unsubscribe) => unsubscribe());

      await t.app.ctx.jobs.runUntilIdle({ tenantId: t.tenant.id });
      const mail = await sink.waitForMessage(
        (message) => message.to.includes(citizen.email) && message.subject.startsWith('Réponse'),
      );
      expect(mail.subject).toBe(`Réponse à votre demande ${filed.reference}`);
      expect(mail.text).toContain('Le lampadaire a été réparé ce matin.');
      // Through the messaging pipeline: a reply to this e-mail threads back to the request.
      const replyTo = (mail.headers.get('reply-to') as { text: string } | undefined)?.text ?? '';
      expect(replyTo).toMatch(/^reply\+[a-z2-7]+@/);
      expect(requestIdOfReplyAddress(t.app.ctx.config, replyTo)).toBe(filed.id);
      const [answerMessage] = await messagesOf(filed, 'request-message:');
      expect(answerMessage).toMatchObject({
        messageKey: `request-message:${response.json().eventId}`,
        templateKey: 'answer',
        channel: 'email',
        status: 'sent',
      });
      expect(mail.text).toContain(filed.reference);
      expect(mail.text).toMatch(new RegExp(`https?://\\S+/suivi/${filed.trackingCode}`));

      const reply = await t.inject({
        method: 'POST',
        url: `/api/v1/requests/${filed.id}/messages`,
        headers: citizen.headers,
        payload: { body: 'Il s’éteint encore le soir.' },
      });
      expect(reply.statusCode).toBe(201);
      expect(reply.json().status).toBe('in_progress');
    });

    it('e-mails a public message to the contact of an anonymous request, without changing the status', async () => {
      const filed = await fileInProgress();
      const response = await act(t, admin, filed.id, 'messages', { body: 'Une équipe passera jeudi.' });
      expect(response.statusCode).toBe(201);
      expect(response.json().status).toBe('in_progress');
      expect((await loadEvents(t, filed.id)).at(-1)).toMatchObject({
        type: 'public_message',
        visibility: 'public',
      });
      await t.app.ctx.jobs.runUntilIdle({ tenantId: t.tenant.id });
      const mail = await sink.waitForMessage(
        (message) =>
          message.to.includes(anonymousContact.email) && message.text.includes('Une équipe passera jeudi.'),
      );
      expect(mail.subject).toBe(`Nouveau message sur votre demande ${filed.reference}`);
      const [message] = await messagesOf(filed, 'request-message:');
      expect(message).toMatchObject({ templateKey: 'agent_message', toAddress: anonymousContact.email });
    });

    it('asks for the missing information with its own template while the request waits for the citizen', async () => {
      const filed = await fileInProgress();
      await actOk(t, admin, filed.id, 'transition', { status: 'waiting_citizen' });
      const response = await act(t, admin, filed.id, 'messages', { body: 'Quel est le numéro de la rue ?' });
      expect(response.statusCode).toBe(201);
      expect(response.json().status).toBe('waiting_citizen');
      const [message] = await messagesOf(filed, 'request-message:');
      expect(message).toMatchObject({
        templateKey: 'request_for_information',
        subject: `Votre demande ${filed.reference}\u00a0: un complément est nécessaire`,
      });
      expect(message!.bodyText).toContain('Quel est le numéro de la rue ?');
    });

    it('refuses an answer where the lifecycle forbids it', async () => {
      const filed = await fileRequest(t, categoryId);
      const response = await act(t, admin, filed.id, 'messages', {
        body: 'Réponse trop tôt.',
        isAnswer: true,
      });
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', to: 'answered' });
      // Nothing but the request (its acknowledgement's delivery aside).
      expect((await loadEvents(t, filed.id)).map((event) => event.type)).toEqual(['created']);
    });
  });
});
