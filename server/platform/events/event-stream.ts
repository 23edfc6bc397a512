import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DeliveredEvent, EventBus } from './event-bus';
import { formatServerSentComment, formatServerSentEvent } from './server-sent-events';

export interface EventStreamOptions {
  /** A comment line this often keeps proxies and load balancers from closing the stream (25 s). */
  heartbeatMs?: number;
  /** How long EventSource waits before reconnecting (the `retry:` field, 5 s). */
  retryMs?: number;
}

export interface EventStream {
  /** Ends the response and unsubscribes; also happens by itself when the client goes away. */
  close(): void;
}

/** Open streams per bus, so the app can end them when it shuts down (see closeEventStreams). */
const openStreams = new WeakMap<EventBus, Set<EventStream>>();

/**
 * Answers the request with a text/event-stream carrying every event published on `channels`
 * (one `id`/`event`/`data` message each; data is the JSON of {id, channel, type, data}).
 * Authorise before calling: once open, the reply belongs to the stream (Fastify's reply is
 * hijacked, so no serializer or onSend hook runs; headers already set — helmet's — are kept).
 */
export function openEventStream(
  request: FastifyRequest,
  reply: FastifyReply,
  channels: string[],
  bus: EventBus,
  options: EventStreamOptions = {},
): EventStream {
  reply.hijack();
  const response = reply.raw;
  const unsubscribes: (() => void)[] = [];
  let isClosed = false;

  const write = (chunk: string) => {
    if (!isClosed && !response.writableEnded && !response.destroyed) response.write(chunk);
  };
  const heartbeat = setInterval(
    () => write(formatServerSentComment('heartbeat')),
    options.heartbeatMs ?? 25_000,
  );
  const cleanUp = () => {
    if (isClosed) return;
    isClosed = true;
    clearInterval(heartbeat);
    for (const unsubscribe of unsubscribes) unsubscribe();
    openStreams.get(bus)?.delete(stream);
  };
  const stream: EventStream = {
    close() {
      cleanUp();
      if (!response.writableEnded) response.end();
    },
  };

  const deliver = (event: DeliveredEvent) =>
    write(formatServerSentEvent({ id: event.id, event: event.type, data: JSON.stringify(event) }));
  // Subscribe before the headers leave: a client that has the headers misses nothing after.
  for (const channel of new Set(channels)) unsubscribes.push(bus.subscribe(channel, deliver));
  const streams = openStreams.get(bus) ?? new Set<EventStream>();
  streams.add(stream);
  openStreams.set(bus, streams);

  response.on('close', cleanUp);
  response.on('error', cleanUp);

  const headers: Record<string, string | number | string[]> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined) headers[name] = value;
  }
  delete headers['content-length'];
  response.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    // nginx would otherwise buffer the stream
    'x-accel-buffering': 'no',
    'x-request-id': request.id,
  });
  write(`retry: ${options.retryMs ?? 5_000}\n${formatServerSentComment('connected')}`);
  return stream;
}

/** Ends every stream open on this bus: an app shutting down must not wait for its clients. */
export function closeEventStreams(bus: EventBus): void {
  for (const stream of [...(openStreams.get(bus) ?? [])]) stream.close();
}
