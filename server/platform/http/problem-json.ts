import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, errorStatus, type ProblemDetails } from './app-error';

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

function problem(
  status: number,
  code: string,
  detail: string | undefined,
  requestId: string,
): ProblemDetails {
  return {
    type: `https://guichet.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: titles[status] ?? 'Error',
    status,
    code,
    ...(detail ? { detail } : {}),
    requestId,
  };
}

/** Turns Ajv's instancePath (`/contact/email`) or missingProperty into a field name (`contact.email`). */
function fieldOf(validation: NonNullable<FastifyError['validation']>[number], context?: string): string {
  const params = validation.params as Record<string, unknown> | undefined;
  const base = validation.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const missing = typeof params?.missingProperty === 'string' ? params.missingProperty : undefined;
  const field = [base, missing].filter(Boolean).join('.');
  return field || context || 'body';
}

/** Every error leaves as application/problem+json with a stable `code`; a 5xx never shows internals. */
export function registerProblemJson(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    let body: ProblemDetails;
    if (error instanceof AppError) {
      body = problem(error.status, error.code, error.message, request.id);
      if (error.details) Object.assign(body, error.details);
      // A refusal that ends (a throttle) says when, as RFC 9110 asks: `Retry-After` in seconds.
      const retryAfter = error.details?.retryAfterSeconds;
      if (typeof retryAfter === 'number' && Number.isFinite(retryAfter)) {
        reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfter))));
      }
      if (error.status >= 500) request.log.error({ err: error }, 'request failed');
    } else if ('validation' in error && error.validation) {
      const errors = error.validation.map((v) => ({
        field: fieldOf(v, error.validationContext),
        message: v.message ?? 'is invalid',
      }));
      const summary = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      body = problem(400, 'VALIDATION_FAILED', summary, request.id);
      body.errors = errors;
    } else {
      const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
      if (status >= 500) {
        request.log.error({ err: error }, 'unhandled error');
        body = problem(
          500,
          'INTERNAL_ERROR',
          'An unexpected error occurred. Quote the request id when reporting it.',
          request.id,
        );
      } else {
        const code =
          status === 413
            ? 'PAYLOAD_TOO_LARGE'
            : status === 415
              ? 'UNSUPPORTED_MEDIA_TYPE'
              : status === 429
                ? 'TOO_MANY_REQUESTS'
                : status === 404
                  ? 'NOT_FOUND'
                  : 'BAD_REQUEST';
        body = problem(status, code, error.message, request.id);
      }
    }
    return reply.status(body.status).type('application/problem+json').send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const body = problem(
      errorStatus.ROUTE_NOT_FOUND,
      'ROUTE_NOT_FOUND',
      `No route ${request.method} ${request.url}`,
      request.id,
    );
    return reply.status(404).type('application/problem+json').send(body);
  });
}
