import type { FastifyInstance } from 'fastify';
import { AppError, invalidField } from './app-error';

/**
 * Checks every request's input once, in one place, for what no route's schema can refuse:
 *
 * - **NUL bytes** (U+0000) in any string or key of the path, the query or the body: PostgreSQL's
 *   text cannot hold them, so they would fail deep in a query;
 * - **numbers that are no numbers for us**: Ajv lets `Infinity` through an integer (a JSON
 *   `1e400` parses to it, and coercion turns `?page=Infinity` into it, past `minimum` and
 *   `maximum`), and accepts any finite size where a column holds 32 bits. Every number of the API
 *   is finite and within ±2,147,483,647 (int4): ids, pages, years, counts, amounts in cents.
 *
 * It runs as the first `preHandler`, after the schemas have validated and coerced the input and
 * before any route's own hooks (policies) and handler. Multipart text fields, read while the
 * body streams, are checked by the upload readers with `assertNoNulByte`.
 */

export const largestApiInteger = 2_147_483_647;

const nulByteMessage = 'ne doit pas contenir de caractère nul (U+0000)';

function fieldName(path: string[], fallback: string): string {
  return path.length > 0 ? path.join('.') : fallback;
}

/** The first problem in `value`: a NUL byte or an unusable number, with the field it is in. */
export function findInputProblem(
  value: unknown,
  path: string[] = [],
): { path: string[]; message: string } | undefined {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? { path, message: nulByteMessage } : undefined;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { path, message: 'doit être un nombre fini' };
    if (Math.abs(value) > largestApiInteger) {
      return { path, message: `doit être compris entre -${largestApiInteger} et ${largestApiInteger}` };
    }
    return undefined;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const problem = findInputProblem(item, [...path, String(index)]);
      if (problem) return problem;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000'))
        return { path: [...path, key.replaceAll('\u0000', '')], message: nulByteMessage };
      const problem = findInputProblem(item, [...path, key]);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** Refuses a text (a multipart field) holding a NUL byte, naming its field. */
export function assertNoNulByte(field: string, value: string): void {
  if (value.includes('\u0000')) throw invalidField(field, nulByteMessage);
}

/**
 * The multipart parser's refusals (no boundary, a body cut short, a malformed part, its own
 * limits) as a 400 on the body; undefined for any other error.
 */
export function multipartInputError(error: unknown): AppError | undefined {
  if (error instanceof AppError || !(error instanceof Error)) return undefined;
  const code = (error as { code?: string }).code;
  if (code?.startsWith('FST_')) return invalidField('body', error.message);
  if (/boundary not found|boundary required/i.test(error.message)) {
    return invalidField('body', 'le corps multipart/form-data doit indiquer sa limite (boundary)');
  }
  if (/unexpected end|terminated early|malformed/i.test(error.message)) {
    return invalidField('body', 'le corps multipart/form-data est incomplet ou mal formé');
  }
  return undefined;
}

export function registerInputGuards(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    const parts = [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const;
    for (const [context, value] of parts) {
      const problem = findInputProblem(value);
      if (problem) throw invalidField(fieldName(problem.path, context), problem.message);
    }
  });
}
