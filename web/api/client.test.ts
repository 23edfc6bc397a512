import { afterEach, describe, expect, it } from 'vitest';
import {
  ApiError,
  apiHref,
  createApi,
  createApiClient,
  NetworkError,
  onUnauthenticated,
  setCsrfToken,
} from './client';

/** What the client sent, and a fetch answering `reply` (the browser's fetch is the boundary). */
function fakeServer(reply: () => Response | Promise<Response>) {
  const sent: Request[] = [];
  const fetch = async (input: RequestInfo | URL) => {
    sent.push(input as Request);
    return reply();
  };
  const api = createApi(
    createApiClient({ baseUrl: 'http://guichet.test/api/v1', fetch: fetch as typeof globalThis.fetch }),
  );
  return { api, sent };
}

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

afterEach(() => setCsrfToken(null));

describe('API client', () => {
  it('fills the path, leaves empty query values out and returns the typed answer', async () => {
    const { api, sent } = fakeServer(() => json(200, { items: [], total: 0 }));
    const reply = await api.get('/admin/messages', {
      params: { query: { status: 'failed', channel: undefined, page: 2, pageSize: 25 } },
    });
    expect(reply).toEqual({ items: [], total: 0 });
    expect(sent[0]?.url).toBe('http://guichet.test/api/v1/admin/messages?status=failed&page=2&pageSize=25');
    expect(sent[0]?.method).toBe('GET');
    expect(sent[0]?.headers.get('accept')).toBe('application/json');
  });

  it('sends the CSRF token on writes only, and JSON bodies', async () => {
    const { api, sent } = fakeServer(() => new Response(null, { status: 204 }));
    setCsrfToken('token-1');
    await api.get('/auth/session').catch(() => undefined);
    expect(
      await api.post('/me/password', { body: { currentPassword: 'a', newPassword: 'b' } }),
    ).toBeUndefined();
    expect(sent[0]?.headers.get('x-csrf-token')).toBeNull();
    expect(sent[1]?.headers.get('x-csrf-token')).toBe('token-1');
    expect(sent[1]?.headers.get('content-type')).toBe('application/json');
    expect(await sent[1]?.json()).toEqual({ currentPassword: 'a', newPassword: 'b' });
  });

  it('uploads multipart forms with the CSRF token and the header parameters', async () => {
    const { api, sent } = fakeServer(() => json(201, { id: 'file-1' }));
    setCsrfToken('token-2');
    const form = new FormData();
    form.append('file', new Blob(['%PDF-1.4']), 'scan.pdf');
    await api.upload('/requests/{id}/attachments', form, {
      params: { path: { id: 'request 1' }, header: { 'x-tracking-code': 'ABCD-EFGH' } },
    });
    expect(sent[0]?.url).toBe('http://guichet.test/api/v1/requests/request%201/attachments');
    expect(sent[0]?.headers.get('x-csrf-token')).toBe('token-2');
    expect(sent[0]?.headers.get('x-tracking-code')).toBe('ABCD-EFGH');
    expect(sent[0]?.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
  });

  it('throws problem+json answers as ApiError with the French message and the field errors', async () => {
    const { api } = fakeServer(() =>
      json(
        400,
        {
          status: 400,
          code: 'VALIDATION_FAILED',
          errors: [{ field: '/email', message: 'must match format "email"' }],
          requestId: 'req-1',
        },
        'application/problem+json',
      ),
    );
    const error = await api
      .post('/auth/password/forgot', { body: { email: 'x' } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      requestId: 'req-1',
      message: 'Certains champs sont à corriger.',
      fieldErrors: { email: ['Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.'] },
    });
  });

  it('tells the listeners when the session has ended (401 UNAUTHENTICATED), not on other 401s', async () => {
    let code = 'UNAUTHENTICATED';
    const { api } = fakeServer(() => json(401, { status: 401, code }, 'application/problem+json'));
    let calls = 0;
    const stop = onUnauthenticated(() => (calls += 1));
    await expect(api.get('/me')).rejects.toBeInstanceOf(ApiError);
    code = 'INVALID_CREDENTIALS';
    await expect(api.post('/auth/login', { body: { email: 'a@b.fr', password: 'x' } })).rejects.toMatchObject(
      {
        code: 'INVALID_CREDENTIALS',
      },
    );
    stop();
    expect(calls).toBe(1);
  });

  it('gives a generic message with the reference for a 5xx that is not problem+json', async () => {
    const { api } = fakeServer(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(api.get('/tenant')).rejects.toMatchObject({ status: 502, code: 'INTERNAL_ERROR' });
  });

  it('raises NetworkError when the server cannot be reached', async () => {
    const { api } = fakeServer(() => Promise.reject(new TypeError('fetch failed')));
    await expect(api.get('/tenant')).rejects.toBeInstanceOf(NetworkError);
  });
});

describe('apiHref', () => {
  it('builds the address of a download from the route and its parameters', () => {
    expect(
      apiHref('/backoffice/print-batches/{id}/pdf', { path: { id: 'b/1' }, query: { duplex: false } }),
    ).toBe('/api/v1/backoffice/print-batches/b%2F1/pdf?duplex=false');
  });
});
