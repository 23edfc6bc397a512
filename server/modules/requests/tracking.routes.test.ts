import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../test/build-test-app';
import { buildCitizen } from '../../../test/factories';
import { connectEventStream } from '../../../test/fixtures/event-stream-client';
import { type LoggedInAccount, logInAccount } from '../../../test/login';
import type { RequestStatus } from './lifecycle';
import { anonymousContact, buildRoutedCategory } from './intake-test-setup';
import { appendEvent } from './requests.repository';
import { requests } from './requests.tables';

describe('public tracking and citizen messages', () => {
  let t: TestContext;
  let baseUrl: string;
  let categoryId: string;
  let citizen: LoggedInAccount;

  beforeAll(async () => {
    t = await buildTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    categoryId = (await buildRoutedCategory(t)).category.id;
    citizen = await logInAccount(t, await buildCitizen(t.app.ctx.db, t.tenant.id));
  });
  afterAll(() => t.close());

  const submit = async (options: { asCitizen?: boolean } = {}) => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: options.asCitizen ? citizen.headers : {},
      payload: {
        categoryId,
        subject: 'Lampadaire éteint',
        description: 'Le lampadaire devant chez moi ne s’allume plus.',
        location: { address: '7 impasse des Peupliers' },
        ...(options.asCitizen ? {} : { contact: anonymousContact }),
      },
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; reference: string; trackingCode: string };
  };

  const setStatus = (id: string, status: RequestStatus) =>
    t.app.ctx.db.update(requests).set({ status }).where(eq(requests.id, id));

  const postMessage = (id: string, body: string, who: LoggedInAccount = citizen) =>
    t.inject({
      method: 'POST',
      url: `/api/v1/requests/${id}/messages`,
      headers: who.headers,
      payload: { body },
    });

  it('shows status, phase and public timeline, never personal data or internal notes', async () => {
    const submitted = await submit();
    await appendEvent(t.app.ctx.db, {
      tenantId: t.tenant.id,
      requestId: submitted.id,
      type: 'internal_note',
      actorKind: 'agent',
      visibility: 'internal',
      body: 'Note interne confidentielle',
    });
    const spaced = `${submitted.trackingCode.slice(0, 4).toLowerCase()} ${submitted.trackingCode.slice(4).toLowerCase()}`;
    const response = await t.inject({ method: 'GET', url: `/api/v1/track/${encodeURIComponent(spaced)}` });
    expect(response.statusCode).toBe(200);
    const view = response.json();
    expect(Object.keys(view).sort()).toEqual(
      [
        'canRate',
        'category',
        'createdAt',
        'dueAt',
        'phase',
        'reference',
        'satisfaction',
        'status',
        'timeline',
        'updatedAt',
      ].sort(),
    );
    expect(view).toMatchObject({
      reference: submitted.reference,
      status: 'received',
      phase: 'qualification',
      category: 'Nid-de-poule',
      timeline: [{ type: 'created', text: 'Demande reçue' }],
      satisfaction: null,
      canRate: false,
    });
    for (const secret of [
      anonymousContact.name,
      anonymousContact.email,
      anonymousContact.phone,
      '7 impasse des Peupliers',
      'Note interne confidentielle',
    ]) {
      expect(response.body).not.toContain(secret);
    }
  });

  it('answers 404 to an unknown or malformed code', async () => {
    for (const code of ['BCDFGHJK', 'not-a-code']) {
      const response = await t.inject({ method: 'GET', url: `/api/v1/track/${code}` });
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('REQUEST_NOT_FOUND');
    }
    const stream = await t.inject({ method: 'GET', url: '/api/v1/track/BCDFGHJK/events' });
    expect(stream.statusCode).toBe(404);
  });

  it('reopens an answered request when the citizen writes, and tells the tracking page live', async () => {
    const submitted = await submit({ asCitizen: true });
    await setStatus(submitted.id, 'answered');
    const client = await connectEventStream(`${baseUrl}/api/v1/track/${submitted.trackingCode}/events`, {
      host: t.tenant.host,
    });
    expect(client.status).toBe(200);

    const response = await postMessage(submitted.id, 'Le lampadaire est toujours éteint.');
    expect(response.statusCode).toBe(201);
    expect(response.json().status).toBe('in_progress');
    const event = await client.nextEvent();
    expect(event.event).toBe('request.updated');
    expect(JSON.parse(event.data)).toMatchObject({
      type: 'request.updated',
      data: { status: 'in_progress' },
    });
    client.close();

    const detail = await t.inject({
      method: 'GET',
      url: `/api/v1/requests/${submitted.id}`,
      headers: { cookie: citizen.cookie },
    });
    expect(detail.json().status).toBe('in_progress');
    expect(detail.json().timeline.map((entry: { type: string }) => entry.type)).toEqual([
      'created',
      'citizen_message',
      'status_changed',
    ]);
    expect(detail.json().timeline[1].text).toBe('Le lampadaire est toujours éteint.');

    const tracking = await t.inject({ method: 'GET', url: `/api/v1/track/${submitted.trackingCode}` });
    expect(tracking.json().timeline.map((entry: { text: string }) => entry.text)).toEqual([
      'Demande reçue',
      'Message du demandeur',
      'Statut : En cours de traitement',
    ]);
  });

  it('adds a message without changing the status of a request still in qualification', async () => {
    const submitted = await submit({ asCitizen: true });
    const response = await postMessage(submitted.id, 'Une précision : c’est le deuxième lampadaire.');
    expect(response.statusCode).toBe(201);
    expect(response.json().status).toBe('received');
  });

  it('refuses a message on a closed request (409) and on another citizen’s (404)', async () => {
    const submitted = await submit({ asCitizen: true });
    await setStatus(submitted.id, 'closed');
    const closed = await postMessage(submitted.id, 'Encore moi.');
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('TRANSITION_NOT_ALLOWED');

    const other = await logInAccount(t, await buildCitizen(t.app.ctx.db, t.tenant.id));
    const hidden = await postMessage(submitted.id, 'Intrusion', other);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('REQUEST_NOT_FOUND');
  });
});
