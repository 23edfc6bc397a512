import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import { buildCitizen } from '../../../../test/factories';
import { type LoggedInAccount, logInAccount, logInNewAgent } from '../../../../test/login';
import { createFixedClock } from '../../../platform/clock';
import { updateUser } from '../../accounts/users.repository';
import { insertRequestAttachment } from '../attachments/attachments.repository';
import { appendEvent } from '../requests.repository';
import { buildNamedCategory, buildNamedDepartment, seedRequest } from './backoffice-test-setup';

describe('back-office request detail: GET /api/v1/backoffice/requests/:id', () => {
  let t: TestContext;
  const clock = createFixedClock('2026-12-04T09:00:00Z');
  let admin: LoggedInAccount;
  let voirieAgent: LoggedInAccount;
  let cultureAgent: LoggedInAccount;
  let reception: LoggedInAccount;
  let voirieId: string;
  let categoryId: string;

  beforeAll(async () => {
    t = await buildTestApp({ clock });
    const voirie = await buildNamedDepartment(t, 'Voirie');
    const culture = await buildNamedDepartment(t, 'Culture');
    voirieId = voirie.id;
    categoryId = (await buildNamedCategory(t, 'Éclairage public', voirie.id)).id;
    [admin, voirieAgent, cultureAgent, reception] = await Promise.all([
      logInNewAgent(t, ['admin']),
      logInNewAgent(t, ['agent'], { departmentIds: [voirie.id] }),
      logInNewAgent(t, ['agent'], { departmentIds: [culture.id] }),
      logInNewAgent(t, ['reception']),
    ]);
  });
  afterAll(() => t.close());

  function getDetail(who: LoggedInAccount, id: string) {
    return t.inject({
      method: 'GET',
      url: `/api/v1/backoffice/requests/${id}`,
      headers: { cookie: who.cookie },
    });
  }

  it('shows every field, the internal timeline with named actors, attachments and the account holder’s card', async () => {
    const db = t.app.ctx.db;
    const citizen = await buildCitizen(db, t.tenant.id);
    await updateUser(
      db,
      t.tenant.id,
      citizen.id,
      {
        phone: '06 11 22 33 44',
        postalAddress: { line1: '3 rue des Lilas', postcode: '75001', city: 'Paris' },
      },
      clock.now(),
    );
    const older = await seedRequest(t, {
      subject: 'Première demande',
      citizenId: citizen.id,
      contact: null,
      status: 'closed',
      categoryId,
      receivedAt: new Date('2026-10-01T09:00:00Z'),
    });
    const original = await seedRequest(t, { subject: 'Demande d’origine', departmentId: voirieId });
    const request = await seedRequest(t, {
      subject: 'Lampadaire éteint',
      description: 'Plus de lumière depuis lundi.',
      citizenId: citizen.id,
      contact: null,
      departmentId: voirieId,
      categoryId,
      assigneeId: voirieAgent.id,
      status: 'in_progress',
      locationAddress: '12 rue des Lilas',
      latitude: 48.85,
      longitude: 2.35,
      duplicateOfId: original.id,
      satisfactionRating: 4,
      satisfactionComment: 'Rapide',
      qualifiedAt: new Date('2026-12-01T10:00:00Z'),
      treatmentStartedAt: new Date('2026-12-02T10:00:00Z'),
      dueAt: new Date('2026-12-05T22:59:59.999Z'),
      receivedAt: new Date('2026-12-01T09:00:00Z'),
    });
    // Another citizen's request: not on this card.
    await seedRequest(t, {
      subject: 'Demande d’un autre',
      citizenId: (await buildCitizen(db, t.tenant.id)).id,
    });
    const base = { tenantId: t.tenant.id, requestId: request.id };
    await appendEvent(db, {
      ...base,
      type: 'created',
      actorId: citizen.id,
      actorKind: 'citizen',
      visibility: 'public',
      data: { channel: 'web', categoryId: null, departmentId: null },
      createdAt: new Date('2026-12-01T09:00:00Z'),
    });
    await appendEvent(db, {
      ...base,
      type: 'internal_note',
      actorId: voirieAgent.id,
      actorKind: 'agent',
      visibility: 'internal',
      body: 'Prévenir l’entreprise',
      createdAt: new Date('2026-12-02T09:00:00Z'),
    });
    await appendEvent(db, {
      ...base,
      type: 'deadline_missed',
      actorKind: 'system',
      visibility: 'internal',
      data: { dueAt: '2026-12-02T23:00:00.000Z' },
      createdAt: new Date('2026-12-03T09:00:00Z'),
    });
    const attachment = await insertRequestAttachment(db, {
      ...base,
      fileName: 'photo.jpg',
      mediaType: 'image/jpeg',
      sizeBytes: 1234,
      sha256: 'a'.repeat(64),
      storageKey: `test/${randomUUID()}`,
      visibility: 'internal',
      uploadedById: voirieAgent.id,
      uploadedByKind: 'agent',
      createdAt: new Date('2026-12-02T10:00:00Z'),
    });

    const response = await getDetail(voirieAgent, request.id);
    expect(response.statusCode, response.body).toBe(200);
    const detail = response.json();
    expect(detail).toMatchObject({
      id: request.id,
      reference: request.reference,
      status: 'in_progress',
      phase: 'treatment',
      category: { id: categoryId, name: 'Éclairage public' },
      department: { id: voirieId, name: 'Voirie' },
      assignee: { id: voirieAgent.id, name: 'Alex Agent' },
      requesterName: 'Camille Martin',
      overdue: false,
      dueSoon: true,
      version: 1,
      description: 'Plus de lumière depuis lundi.',
      location: { address: '12 rue des Lilas', latitude: 48.85, longitude: 2.35 },
      duplicateOf: { id: original.id, reference: original.reference },
      rejectionReason: null,
      satisfaction: { rating: 4, comment: 'Rapide' },
      qualifiedAt: '2026-12-01T10:00:00.000Z',
      treatmentStartedAt: '2026-12-02T10:00:00.000Z',
      answeredAt: null,
      closedAt: null,
      allowedTransitions: ['waiting_citizen', 'awaiting_approval', 'answered', 'rejected'],
    });
    expect(detail.timeline).toEqual([
      {
        id: expect.any(String),
        at: '2026-12-01T09:00:00.000Z',
        type: 'created',
        visibility: 'public',
        actor: { id: citizen.id, name: 'Camille Martin', kind: 'citizen' },
        body: null,
        data: { channel: 'web', categoryId: null, departmentId: null },
      },
      {
        id: expect.any(String),
        at: '2026-12-02T09:00:00.000Z',
        type: 'internal_note',
        visibility: 'internal',
        actor: { id: voirieAgent.id, name: 'Alex Agent', kind: 'agent' },
        body: 'Prévenir l’entreprise',
        data: {},
      },
      {
        id: expect.any(String),
        at: '2026-12-03T09:00:00.000Z',
        type: 'deadline_missed',
        visibility: 'internal',
        actor: { id: null, name: 'Guichet', kind: 'system' },
        body: null,
        data: { dueAt: '2026-12-02T23:00:00.000Z' },
      },
    ]);
    expect(detail.attachments).toEqual([
      {
        id: attachment.id,
        fileName: 'photo.jpg',
        mediaType: 'image/jpeg',
        sizeBytes: 1234,
        visibility: 'internal',
        uploadedByKind: 'agent',
        createdAt: '2026-12-02T10:00:00.000Z',
        downloadUrl: `/api/v1/backoffice/requests/${request.id}/attachments/${attachment.id}`,
      },
    ]);
    expect(detail.requester).toEqual({
      citizenId: citizen.id,
      name: 'Camille Martin',
      email: citizen.email,
      phone: '06 11 22 33 44',
      postalAddress: { line1: '3 rue des Lilas', postcode: '75001', city: 'Paris' },
      otherRequests: [
        {
          id: older.id,
          reference: older.reference,
          status: 'closed',
          subject: 'Première demande',
          receivedAt: '2026-10-01T09:00:00.000Z',
          category: { id: categoryId, name: 'Éclairage public' },
        },
      ],
    });
  });

  it('gathers a contact’s other requests by e-mail (any case) or phone, newest first', async () => {
    const email = `sam-${randomUUID()}@example.test`;
    const phone = `06 ${String(Date.now()).slice(-8)}`;
    const byEmail = await seedRequest(t, {
      subject: 'Par e-mail',
      contact: { name: 'Sam', email: email.toUpperCase() },
      receivedAt: new Date('2026-11-01T09:00:00Z'),
    });
    const byPhone = await seedRequest(t, {
      subject: 'Par téléphone',
      contact: { name: 'Sam', phone },
      receivedAt: new Date('2026-11-02T09:00:00Z'),
    });
    await seedRequest(t, { subject: 'Quelqu’un d’autre', contact: { name: 'Sam', email: `autre-${email}` } });
    const request = await seedRequest(t, {
      subject: 'Demande courante',
      departmentId: voirieId,
      contact: {
        name: 'Sam Dupont',
        email,
        phone,
        postalAddress: { line1: '1 rue Haute', postcode: '69001', city: 'Lyon' },
      },
    });
    const response = await getDetail(admin, request.id);
    expect(response.statusCode).toBe(200);
    expect(response.json().requester).toEqual({
      citizenId: null,
      name: 'Sam Dupont',
      email,
      phone,
      postalAddress: { line1: '1 rue Haute', postcode: '69001', city: 'Lyon' },
      otherRequests: [
        expect.objectContaining({ id: byPhone.id, subject: 'Par téléphone', category: null }),
        expect.objectContaining({ id: byEmail.id, subject: 'Par e-mail' }),
      ],
    });
  });

  it('answers 404 outside the scope exactly as for a missing request, and 403 to a citizen', async () => {
    const request = await seedRequest(t, {
      subject: 'Voirie en cours',
      departmentId: voirieId,
      status: 'in_progress',
    });
    const outside = await getDetail(cultureAgent, request.id);
    const missing = await getDetail(cultureAgent, randomUUID());
    expect(outside.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(outside.json().code).toBe('REQUEST_NOT_FOUND');
    expect(outside.json().detail).toBe(missing.json().detail);
    expect(outside.body).not.toContain(request.reference);
    // Reception sees requests awaiting qualification only.
    expect((await getDetail(reception, request.id)).statusCode).toBe(404);
    const received = await seedRequest(t, { subject: 'À qualifier', departmentId: voirieId });
    expect((await getDetail(reception, received.id)).statusCode).toBe(200);
    expect((await getDetail(voirieAgent, request.id)).statusCode).toBe(200);

    const citizen = await logInAccount(t, await buildCitizen(t.app.ctx.db, t.tenant.id));
    expect((await getDetail(citizen, request.id)).statusCode).toBe(403);
    const badId = await getDetail(admin, 'not-a-uuid');
    expect(badId.statusCode).toBe(400);
  });
});
