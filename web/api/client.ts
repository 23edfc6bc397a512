import { t } from '../i18n/fr';
import { fieldErrorsOf, messageOf, type FieldErrors, type Problem } from './problem';

const basePath = '/api/v1';

/** An API answer other than 2xx, with the French message and the per-field messages to show. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string | undefined;
  readonly requestId: string | undefined;
  readonly fieldErrors: FieldErrors;

  constructor(status: number, problem: Problem) {
    super(messageOf({ ...problem, status }));
    this.name = 'ApiError';
    this.status = status;
    this.code = problem.code ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST');
    this.detail = problem.detail;
    this.requestId = problem.requestId;
    this.fieldErrors = fieldErrorsOf(problem);
  }

  /** True when the form has at least one message to show under a field. */
  get hasFieldErrors(): boolean {
    return Object.keys(this.fieldErrors).length > 0;
  }
}

/** Raised when the server cannot be reached at all. */
export class NetworkError extends Error {
  constructor() {
    super('network');
    this.name = 'NetworkError';
  }
}

let csrfToken: string | null = null;
const unauthenticatedListeners = new Set<() => void>();

/** Keeps the token returned by login or GET /auth/session; sent as X-CSRF-Token on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the API answers 401 UNAUTHENTICATED (the session ended): the app sends the user to log in. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
  const isForm = body instanceof FormData;
  if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`${basePath}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
  } catch {
    throw new NetworkError();
  }
  const text = await response.text();
  const isJson = /json/.test(response.headers.get('content-type') ?? '');
  const payload: unknown = text && isJson ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const problem = (payload ?? {}) as Problem;
    const error = new ApiError(response.status, problem);
    if (response.status === 401 && error.code === 'UNAUTHENTICATED') {
      for (const listener of unauthenticatedListeners) listener();
    }
    throw error;
  }
  return payload as T;
}

/** The fetch wrapper every page uses: JSON in and out, same-origin cookies, CSRF token on writes. */
export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T = void>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T = void>(path: string, body: unknown = {}) => request<T>('PUT', path, body),
  patch: <T = void>(path: string, body: unknown = {}) => request<T>('PATCH', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
  /** A multipart upload (the browser sets the boundary); CSRF token as for every write. */
  postForm: <T = void>(path: string, form: FormData, headers?: Record<string, string>) =>
    request<T>('POST', path, form, headers),
};

/** Builds a query string, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const parameters = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') parameters.set(key, String(value));
  }
  const search = parameters.toString();
  return search ? `${path}?${search}` : path;
}

/** The French sentence to show for any error thrown while calling the API. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof NetworkError) return t.errors.network;
  return t.errors.unexpectedNoReference;
}
