import fc from 'fast-check';
import { multipart, sampleFiles } from '../../server/modules/requests/attachments/attachment-test-files';
import type { WalkRequest } from '../cross-town/walk-inputs';

/**
 * Bad input for the walk of every route (bad-input-walk.test.ts): one plausible try of a route
 * (from the cross-town walk's TryBuilder) spoiled in one place, the way a careless client or an
 * attacker would spoil it. Numbers that JSON cannot carry (`Infinity`, `NaN`) are written into the
 * raw body text, as a hand-made client would send them (`1e400` parses to Infinity).
 */

/** A value put in place of one field, path parameter or query parameter. */
export type BadValue =
  | { kind: 'json'; value: unknown }
  /** Raw JSON text (`1e400`), for numbers JSON.stringify cannot write. */
  | { kind: 'raw'; text: string; query: string };

/** Where the bad value goes: a path parameter, a query parameter, a field of the body (dotted). */
export type Target =
  | { in: 'path'; index: number }
  | { in: 'query'; name: string }
  | { in: 'body'; path: string[] }
  | { in: 'multipart'; name: string };

/** How a whole body is spoiled, whatever the fields. */
export type BodySpoiling =
  | 'truncated-json'
  | 'not-json'
  | 'json-with-nul'
  | 'invalid-utf8'
  | 'json-array'
  | 'json-null'
  | 'multipart-without-boundary'
  | 'multipart-truncated'
  | 'multipart-wrong-boundary'
  | 'multipart-nul-field';

export type Spoiling = { target: Target; value: BadValue } | { body: BodySpoiling };

const withNul = (text: string) =>
  fc
    .integer({ min: 0, max: text.length })
    .map((at) => ({ kind: 'json' as const, value: `${text.slice(0, at)}\u0000${text.slice(at)}` }));

/** Bad values of every sort: NUL bytes, numbers out of any range, overlong text, wrong types. */
export function badValueArbitrary(plausible: unknown): fc.Arbitrary<BadValue> {
  const text = typeof plausible === 'string' ? plausible : 'essai';
  const raw = (textValue: string, query = textValue): BadValue => ({ kind: 'raw', text: textValue, query });
  return fc.oneof(
    withNul(text),
    fc.constant(raw('1e400', 'Infinity')),
    fc.constant(raw('-1e400', '-Infinity')),
    fc.constant(raw('1e400', 'NaN')),
    fc.constantFrom<BadValue>(
      { kind: 'json', value: 1e300 },
      { kind: 'json', value: -1e300 },
      { kind: 'json', value: 2 ** 31 },
      { kind: 'json', value: 2 ** 53 + 2 },
      { kind: 'json', value: -(2 ** 31) - 1 },
      { kind: 'json', value: 1.5 },
      { kind: 'json', value: '9999-12-31' },
      { kind: 'json', value: '9999-12-20' },
      { kind: 'json', value: '9999-12-31T23:59:59.000Z' },
      { kind: 'json', value: '275760-09-13T00:00:00.000Z' },
      { kind: 'json', value: '0000-01-01' },
      { kind: 'json', value: null },
      { kind: 'json', value: true },
      { kind: 'json', value: [] },
      { kind: 'json', value: {} },
      { kind: 'json', value: ['\u0000'] },
      { kind: 'json', value: { '\u0000': '\u0000' } },
      { kind: 'json', value: '' },
      { kind: 'json', value: '\uD800' },
      { kind: 'json', value: 'x'.repeat(70_000) },
    ),
    fc.string({ unit: 'binary', maxLength: 40 }).map((value) => ({ kind: 'json' as const, value })),
    fc.integer().map((value) => ({ kind: 'json' as const, value })),
    fc.double().map((value) => ({ kind: 'json' as const, value })),
  );
}

/** Whole-body spoilings for a route whose body is `mediaType` (JSON or multipart). */
export function bodySpoilingArbitrary(mediaType: string): fc.Arbitrary<BodySpoiling> {
  return mediaType === 'multipart/form-data'
    ? fc.constantFrom<BodySpoiling>(
        'multipart-without-boundary',
        'multipart-truncated',
        'multipart-wrong-boundary',
        'multipart-nul-field',
        'not-json',
      )
    : fc.constantFrom<BodySpoiling>(
        'truncated-json',
        'not-json',
        'json-with-nul',
        'invalid-utf8',
        'json-array',
        'json-null',
        'multipart-without-boundary',
      );
}

/** Every place of a plausible try a bad value can go. */
export function targetsOf(request: WalkRequest, pathParameterCount: number): Target[] {
  const targets: Target[] = [];
  for (let index = 0; index < pathParameterCount; index++) targets.push({ in: 'path', index });
  for (const name of Object.keys(request.query)) targets.push({ in: 'query', name });
  if (request.body.type === 'json') {
    const visit = (value: unknown, path: string[]) => {
      if (path.length > 0) targets.push({ in: 'body', path });
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
      } else if (Array.isArray(value) && value.length > 0) visit(value[0], [...path, '0']);
    };
    visit(request.body.value, []);
  }
  if (request.body.type === 'multipart') {
    for (const [name] of request.body.fields) targets.push({ in: 'multipart', name });
  }
  return targets;
}

/** Query parameters a route documents but the plausible try left out are places too. */
export function extraQueryTargets(names: string[], request: WalkRequest): Target[] {
  return names.filter((name) => !(name in request.query)).map((name) => ({ in: 'query', name }));
}

export interface RawRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: Buffer | string;
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const badNumberMarker = 'bad-number-written-raw';

function valueAt(value: unknown, path: string[]): unknown {
  let current = value;
  for (const key of path) current = (current as Record<string, unknown> | undefined)?.[key];
  return current;
}

function withValueAt(value: unknown, path: string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [key, ...rest] = path as [string, ...string[]];
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[Number(key)] = withValueAt(copy[Number(key)], rest, replacement);
    return copy;
  }
  const object = (value ?? {}) as Record<string, unknown>;
  return { ...object, [key]: withValueAt(object[key], rest, replacement) };
}

/** The plausible value at a target, for the arbitraries to spoil (a string gets a NUL inside). */
export function plausibleValueAt(request: WalkRequest, target: Target, pathValues: string[]): unknown {
  switch (target.in) {
    case 'path':
      return pathValues[target.index];
    case 'query':
      return request.query[target.name];
    case 'body':
      return request.body.type === 'json' ? valueAt(request.body.value, target.path) : undefined;
    case 'multipart':
      return request.body.type === 'multipart'
        ? request.body.fields.find(([name]) => name === target.name)?.[1]
        : undefined;
  }
}

function queryTextOf(value: BadValue): string {
  if (value.kind === 'raw') return value.query;
  return typeof value.value === 'string' ? value.value : JSON.stringify(value.value);
}

function multipartOf(fields: [string, string][], files: string[]) {
  return multipart([
    ...fields.map(([name, value]) => ({ name, value })),
    ...files.map((name) => ({
      name,
      fileName: 'essai.pdf',
      contentType: 'application/pdf',
      data: sampleFiles.pdf,
    })),
  ]);
}

/**
 * The plausible try with one spoiling applied (none: the plausible try itself). `pathTemplate` is the route's URL with its
 * parameters (`/requests/:id`), `pathValues` the plausible values put in it.
 */
export function spoil(
  request: WalkRequest,
  pathTemplate: string,
  pathValues: string[],
  spoiling: Spoiling | undefined,
): RawRequest {
  const values = [...pathValues];
  const query: Record<string, string> = { ...request.query };
  let body = request.body;
  let rawJson: string | undefined;
  let rawPayload: { payload: Buffer | string; contentType: string } | undefined;

  if (spoiling && 'target' in spoiling) {
    const { target, value } = spoiling;
    if (target.in === 'path') values[target.index] = queryTextOf(value);
    else if (target.in === 'query') query[target.name] = queryTextOf(value);
    else if (target.in === 'body' && body.type === 'json') {
      const replacement = value.kind === 'raw' ? badNumberMarker : value.value;
      const changed = withValueAt(body.value, target.path, replacement);
      rawJson = JSON.stringify(changed);
      if (value.kind === 'raw') rawJson = rawJson.replace(`"${badNumberMarker}"`, value.text);
    } else if (target.in === 'multipart' && body.type === 'multipart') {
      body = {
        ...body,
        fields: body.fields.map(([name, field]) => [name, name === target.name ? queryTextOf(value) : field]),
      };
    }
  } else if (spoiling) {
    const json = JSON.stringify(body.type === 'json' ? body.value : {});
    const form = multipartOf(
      body.type === 'multipart' ? body.fields : [],
      body.type === 'multipart' ? body.files : [],
    );
    switch (spoiling.body) {
      case 'truncated-json':
        rawPayload = {
          payload: json.slice(0, Math.max(1, Math.floor(json.length / 2))),
          contentType: 'application/json',
        };
        break;
      case 'not-json':
        rawPayload = { payload: 'ceci n’est pas du JSON', contentType: 'application/json' };
        break;
      case 'json-with-nul':
        rawPayload = { payload: `${json}\u0000`, contentType: 'application/json' };
        break;
      case 'invalid-utf8':
        rawPayload = {
          payload: Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]),
          contentType: 'application/json',
        };
        break;
      case 'json-array':
        rawPayload = { payload: '[]', contentType: 'application/json' };
        break;
      case 'json-null':
        rawPayload = { payload: 'null', contentType: 'application/json' };
        break;
      case 'multipart-without-boundary':
        rawPayload = { payload: form.payload, contentType: 'multipart/form-data' };
        break;
      case 'multipart-truncated':
        rawPayload = {
          payload: form.payload.subarray(0, Math.floor(form.payload.length / 2)),
          contentType: form.headers['content-type'],
        };
        break;
      case 'multipart-wrong-boundary':
        rawPayload = { payload: form.payload, contentType: 'multipart/form-data; boundary=autre-chose' };
        break;
      case 'multipart-nul-field': {
        const fields: [string, string][] =
          body.type === 'multipart' ? body.fields.map(([name, value]) => [name, `${value}\u0000`]) : [];
        const spoiled = multipartOf(
          [...fields, ['visibility', 'public\u0000']],
          body.type === 'multipart' ? body.files : [],
        );
        rawPayload = { payload: spoiled.payload, contentType: spoiled.headers['content-type'] };
        break;
      }
    }
  }

  let index = 0;
  let url = pathTemplate.replace(/:\w+|\*/g, () => {
    const value = values[index++] ?? '';
    // A lone surrogate cannot be percent-encoded: it goes as U+FFFD, as a browser would send it.
    return encodeURIComponent(value.replace(loneSurrogate, '\uFFFD')).replaceAll('%2F', '/');
  });
  // A request's path always starts with « / », even when a spoiled value empties its only segment.
  if (!url.startsWith('/')) url = `/${url}`;
  const search = new URLSearchParams(query).toString();
  const headers: Record<string, string> = {};
  let payload: Buffer | string | undefined;
  if (rawPayload) {
    payload = rawPayload.payload;
    headers['content-type'] = rawPayload.contentType;
  } else if (body.type === 'json') {
    payload = rawJson ?? JSON.stringify(body.value);
    headers['content-type'] = 'application/json';
  } else if (body.type === 'multipart') {
    const form = multipartOf(body.fields, body.files);
    payload = form.payload;
    headers['content-type'] = form.headers['content-type'];
  }
  return { method: request.method, url: search ? `${url}?${search}` : url, headers, payload };
}
