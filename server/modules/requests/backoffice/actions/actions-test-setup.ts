/** Shared set-up of the back-office action tests: a town with a routed category, requests, calls. */
import { expect } from 'vitest';
import type { TestContext } from '../../../../../test/build-test-app';
import type { LoggedIn } from '../../../../../test/login';
import { anonymousContact } from '../../intake-test-setup';
import { findRequestById, findRequestEvents } from '../../requests.repository';

export interface FiledRequest {
  id: string;
  reference: string;
  trackingCode: string;
}

/** Files a request through the citizen intake (anonymous with a contact unless `as` is given). */
export async function fileRequest(
  t: TestContext,
  categoryId: string,
  options: { as?: LoggedIn; payload?: Record<string, unknown> } = {},
): Promise<FiledRequest> {
  const response = await t.inject({
    method: 'POST',
    url: '/api/v1/requests',
    headers: options.as?.headers ?? {},
    payload: {
      categoryId,
      subject: 'Lampadaire éteint',
      description: 'Le lampadaire devant le numéro 3 ne s’allume plus depuis lundi.',
      ...(options.as ? {} : { contact: anonymousContact }),
      ...options.payload,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as FiledRequest;
}

/** POST /api/v1/backoffice/requests/{id}/{action} as `who`. */
export function act(t: TestContext, who: LoggedIn, id: string, action: string, payload: object) {
  return t.inject({
    method: 'POST',
    url: `/api/v1/backoffice/requests/${id}/${action}`,
    headers: who.headers,
    payload,
  });
}

/** Acts and expects success; returns the JSON answer. */
export async function actOk(t: TestContext, who: LoggedIn, id: string, action: string, payload: object) {
  const response = await act(t, who, id, action, payload);
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json();
}

export async function loadRequest(t: TestContext, id: string) {
  const request = await findRequestById(t.app.ctx.db, t.tenant.id, id);
  if (!request) throw new Error(`no request ${id}`);
  return request;
}

/**
 * The request's timeline without the delivery of its messages (`message_status` events, which the
 * messaging pipeline appends as messages are queued and sent; tests look at those on their own).
 */
export async function loadEvents(t: TestContext, id: string) {
  const events = await findRequestEvents(t.app.ctx.db, t.tenant.id, id);
  return events.filter((event) => event.type !== 'message_status');
}

/** The public tracking view of a request, as anyone sees it. */
export async function track(t: TestContext, trackingCode: string) {
  const response = await t.inject({ method: 'GET', url: `/api/v1/track/${trackingCode}` });
  expect(response.statusCode).toBe(200);
  return response.json() as { status: string; timeline: { type: string; text: string }[] };
}
