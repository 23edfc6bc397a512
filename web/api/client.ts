/**
 * The typed API client every page uses: openapi-fetch over the types generated from the server's
 * OpenAPI document (web/api/openapi.d.ts, `npm run api:types`). Paths, parameters and bodies are
 * checked at build time and answers are typed, so a changed route breaks the web build.
 *
 * Around it: same-origin cookies, the CSRF token on every write, application/problem+json answers
 * thrown as ApiError (French message, per-field messages), NetworkError when the server cannot be
 * reached, and the listeners told when the session has ended (401 UNAUTHENTICATED).
 */
import createClient, {
  type ClientPathsWithMethod,
  type FetchResponse,
  type MaybeOptionalInit,
  type Middleware,
} from 'openapi-fetch';
import { t } from '../i18n/fr';
import type { paths } from './openapi';
import { fieldErrorsOf, messageOf, type FieldErrors, type Problem } from './problem';

export const apiBasePath = '/api/v1';

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

/** The problem+json body of a refused answer (anything else, e.g. a proxy's page, gives an empty one). */
async function readProblem(response: Response): Promise<Problem> {
  if (!/json/.test(response.headers.get('content-type') ?? '')) return {};
  try {
    const body: unknown = JSON.parse(await response.clone().text());
    return body && typeof body === 'object' ? (body as Problem) : {};
  } catch {
    return {};
  }
}

const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && csrfToken) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
  async onResponse({ response }) {
    if (response.ok) return response;
    const error = new ApiError(response.status, await readProblem(response));
    if (response.status === 401 && error.code === 'UNAUTHENTICATED') {
      for (const listener of unauthenticatedListeners) listener();
    }
    throw error;
  },
  onError() {
    return new NetworkError();
  },
};

/** An openapi-fetch client on the API; `baseUrl` and `fetch` are for tests. */
export function createApiClient(options: { baseUrl?: string; fetch?: typeof fetch } = {}) {
  const fetchFunction = options.fetch;
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? apiBasePath,
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
    // Looked up at each call, not captured once.
    fetch: (request) => (fetchFunction ?? globalThis.fetch)(request),
    querySerializer: serializeQuery,
  });
  client.use(sessionMiddleware);
  return client;
}

/** Query parameters as the API reads them: empty values left out, arrays repeated. */
function serializeQuery(query: Record<string, unknown>): string {
  const parameters = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null && item !== '') parameters.append(key, String(item));
    }
  }
  return parameters.toString();
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type ApiClient = ReturnType<typeof createApiClient>;

/** The API paths that answer this method (`/requests/{id}` for `get`…). */
export type ApiPath<M extends Method = 'get'> = ClientPathsWithMethod<ApiClient, M>;

/** What a call of this path and method may carry: `params` (path, query, header) and `body`. */
export type ApiInit<P extends keyof paths, M extends Method = 'get'> = MaybeOptionalInit<paths[P], M>;

/** The second argument of a call: required when the route has a required parameter or body. */
export type InitArgument<Init> =
  RequiredKeysOf<Init> extends never
    ? [init?: Init & Record<string, unknown>]
    : [init: Init & Record<string, unknown>];
type RequiredKeysOf<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

type SuccessData<P extends keyof paths, M extends Method, Init> = Exclude<
  FetchResponse<paths[P][M] & Record<string | number, unknown>, Init, `${string}/${string}`>['data'],
  undefined
>;

/** The 2xx answer of a path and method (undefined for 204 No Content). */
export type ApiResponse<P extends keyof paths, M extends Method = 'get', Init = object> = [
  SuccessData<P, M, Init>,
] extends [never]
  ? undefined
  : SuccessData<P, M, Init>;

/** The JSON body a path and method accept. */
export type ApiBody<P extends keyof paths, M extends Method> =
  NonNullable<ApiInit<P, M>> extends { body?: infer Body } ? NonNullable<Body> : never;

function unwrapping<M extends Method>(client: ApiClient, method: Uppercase<M>) {
  return async <P extends ApiPath<M>, Init extends ApiInit<P, M>>(
    path: P,
    ...init: InitArgument<Init>
  ): Promise<ApiResponse<P, M, Init>> => {
    // Refused answers are thrown by the middleware: what comes back here is a 2xx.
    const call = client[method] as (path: string, init?: object) => Promise<{ data?: unknown }>;
    const { data } = await call(path, init[0]);
    return data as ApiResponse<P, M, Init>;
  };
}

/** API paths that take a multipart upload. */
type UploadPath = {
  [P in ApiPath<'post'>]: paths[P]['post'] extends {
    requestBody: { content: { 'multipart/form-data': unknown } };
  }
    ? P
    : never;
}[ApiPath<'post'>];

/**
 * The calls pages make: `api.get('/requests/{id}', { params: { path: { id } } })` resolves to the
 * typed answer or throws ApiError / NetworkError.
 */
export function createApi(client: ApiClient = createApiClient()) {
  return {
    get: unwrapping<'get'>(client, 'GET'),
    post: unwrapping<'post'>(client, 'POST'),
    put: unwrapping<'put'>(client, 'PUT'),
    patch: unwrapping<'patch'>(client, 'PATCH'),
    delete: unwrapping<'delete'>(client, 'DELETE'),
    /** A multipart upload (the browser sets the boundary); CSRF token as for every write. */
    upload: async <P extends UploadPath, Init extends Omit<NonNullable<ApiInit<P, 'post'>>, 'body'>>(
      path: P,
      form: FormData,
      ...init: InitArgument<Init>
    ): Promise<ApiResponse<P, 'post'>> => {
      const call = client.POST as (path: string, init: object) => Promise<{ data?: unknown }>;
      const { data } = await call(path, { ...init[0], body: form, bodySerializer: (body: FormData) => body });
      return data as ApiResponse<P, 'post'>;
    },
  };
}

export const api = createApi();

/**
 * The address of a GET route for a link (a download, a PDF in a frame), checked like a call:
 * `apiHref('/backoffice/print-batches/{id}/pdf', { path: { id }, query: { duplex: true } })`.
 */
export function apiHref<P extends ApiPath<'get'>>(
  path: P,
  params: NonNullable<ApiInit<P, 'get'>> extends { params?: infer Params } ? NonNullable<Params> : never,
): string {
  const { path: pathParams = {}, query = {} } = params as {
    path?: Record<string, string | number>;
    query?: Record<string, unknown>;
  };
  const pathname = path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(String(pathParams[name] ?? '')),
  );
  const search = serializeQuery(query);
  return `${apiBasePath}${pathname}${search ? `?${search}` : ''}`;
}

/** The French sentence to show for any error thrown while calling the API. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof NetworkError) return t.errors.network;
  return t.errors.unexpectedNoReference;
}
