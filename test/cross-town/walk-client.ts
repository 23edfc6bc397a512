import http from 'node:http';
import type { App } from '../../server/app';
import { multipart, sampleFiles } from '../../server/modules/requests/attachments/attachment-test-files';
import type { WalkRequest } from './walk-inputs';

/** How the walk calls: on town A's host, as one of its roles. */
export interface Caller {
  host: string;
  /** The session cookie and its CSRF token, when logged in. */
  headers?: Record<string, string>;
  /** Each try comes from its own address: login throttling counts per address. */
  remoteAddress: string;
}

export interface Answer {
  status: number;
  contentType: string;
  body: string;
  /** Headers that could carry data: where a redirect goes, a file name. */
  exposedHeaders: string;
}

function urlOf(request: WalkRequest): string {
  const query = new URLSearchParams(request.query).toString();
  return query ? `${request.url}?${query}` : request.url;
}

function exposedHeadersOf(headers: http.IncomingHttpHeaders | Record<string, unknown>): string {
  return ['location', 'content-disposition'].map((name) => String(headers[name] ?? '')).join(' ');
}

/** Sends one try through `app.inject`, or over HTTP for a route that answers with an event stream. */
export async function send(
  app: App,
  baseUrl: string,
  request: WalkRequest,
  caller: Caller,
  isEventStream: boolean,
): Promise<Answer> {
  const headers: Record<string, string> = { host: caller.host, ...caller.headers };
  let payload: string | Buffer | undefined;
  if (request.body.type === 'json') {
    payload = JSON.stringify(request.body.value);
    headers['content-type'] = 'application/json';
  } else if (request.body.type === 'multipart') {
    const body = multipart([
      ...request.body.fields.map(([name, value]) => ({ name, value })),
      ...request.body.files.map((name) => ({
        name,
        fileName: 'essai.pdf',
        contentType: 'application/pdf',
        data: sampleFiles.pdf,
      })),
    ]);
    payload = body.payload;
    Object.assign(headers, body.headers);
  }
  if (isEventStream) return sendOverHttp(`${baseUrl}${urlOf(request)}`, headers);
  const response = await app.inject({
    method: request.method as 'GET',
    url: urlOf(request),
    headers,
    payload,
    remoteAddress: caller.remoteAddress,
  });
  return {
    status: response.statusCode,
    contentType: String(response.headers['content-type'] ?? ''),
    body: response.rawPayload.toString('latin1'),
    exposedHeaders: exposedHeadersOf(response.headers),
  };
}

/** A GET whose answer may be a stream that stays open: its status and headers, then hang up. */
function sendOverHttp(url: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      const contentType = String(response.headers['content-type'] ?? '');
      const base = {
        status: response.statusCode ?? 0,
        contentType,
        exposedHeaders: exposedHeadersOf(response.headers),
      };
      if (contentType.startsWith('text/event-stream')) {
        request.destroy();
        resolve({ ...base, body: '' });
        return;
      }
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ ...base, body: Buffer.concat(chunks).toString('latin1') }));
    });
    request.on('error', reject);
  });
}
