import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { DatabaseHandle } from '../db/client';

export interface RealtimeEvent {
  /** e.g. `user:<id>`, `tenant:<id>:agents`, `tracking:<code>` */
  channel: string;
  type: string;
  data: Record<string, unknown>;
}

/** An event as subscribers receive it: the bus gives each one an id (the SSE `id:` line). */
export interface DeliveredEvent extends RealtimeEvent {
  id: string;
}

export type EventListener = (event: DeliveredEvent) => void;

export interface EventBus {
  /** Publish after the change has committed. On PostgreSQL this goes through NOTIFY to every instance. */
  publish(event: RealtimeEvent): Promise<void>;
  subscribe(channel: string, listener: EventListener): () => void;
  close(): Promise<void>;
}

export interface EventBusLogger {
  warn(object: object, message: string): void;
}

/** The PostgreSQL channel every instance LISTENs on. */
export const notifyChannel = 'guichet_events';
/** NOTIFY refuses payloads of 8000 bytes or more; the same limit applies on PGlite. */
export const maxEventBytes = 7_999;

let sequence = 0;

/** Sortable, unique enough across instances: time, a per-process counter, randomness. */
function newEventId(): string {
  sequence = (sequence + 1) % 1_296;
  return `${Date.now().toString(36)}-${sequence.toString(36).padStart(2, '0')}${randomBytes(3).toString('hex')}`;
}

/** Serialises the event for the wire, refusing what NOTIFY could not carry. */
export function encodeEvent(event: RealtimeEvent): string {
  const delivered: DeliveredEvent = {
    id: newEventId(),
    channel: event.channel,
    type: event.type,
    data: event.data,
  };
  const payload = JSON.stringify(delivered);
  const bytes = Buffer.byteLength(payload, 'utf8');
  if (bytes > maxEventBytes) {
    throw new Error(
      `Realtime event "${event.type}" on ${event.channel} is ${bytes} bytes; the limit is ${maxEventBytes}. ` +
        'Publish ids and let clients fetch the details.',
    );
  }
  return payload;
}

function createListenerRegistry() {
  const listeners = new Map<string, Set<EventListener>>();
  return {
    subscribe(channel: string, listener: EventListener): () => void {
      const set = listeners.get(channel) ?? new Set<EventListener>();
      set.add(listener);
      listeners.set(channel, set);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(channel) === set) listeners.delete(channel);
      };
    },
    deliver(event: DeliveredEvent, log: EventBusLogger): void {
      for (const listener of [...(listeners.get(event.channel) ?? [])]) {
        try {
          listener(event);
        } catch (error) {
          // One broken subscriber must not keep the event from the others.
          log.warn({ err: error, channel: event.channel }, 'realtime listener failed');
        }
      }
    },
    clear: () => listeners.clear(),
  };
}

const silentLog: EventBusLogger = { warn() {} };

export interface EventBusOptions {
  log?: EventBusLogger;
  /** First pause before reconnecting a lost LISTEN connection; doubles up to 30 s. */
  reconnectDelayMs?: number;
  /** application_name of the LISTEN connection, as pg_stat_activity shows it. */
  applicationName?: string;
}

/**
 * The realtime bus. On PGlite (one process) events fan out in-process. On PostgreSQL a
 * dedicated connection LISTENs on `guichet_events` and publish is `pg_notify`: every instance,
 * the publisher included, delivers an event to its local subscribers exactly once, when the
 * notification comes back.
 */
export async function createEventBus(
  database: DatabaseHandle,
  options: EventBusOptions = {},
): Promise<EventBus> {
  const log = options.log ?? silentLog;
  const registry = createListenerRegistry();

  if (database.kind !== 'postgresql' || !database.connectionString) {
    return {
      async publish(event) {
        const delivered = JSON.parse(encodeEvent(event)) as DeliveredEvent;
        registry.deliver(delivered, log);
      },
      subscribe: registry.subscribe,
      async close() {
        registry.clear();
      },
    };
  }

  const listener = await createNotificationListener(database.connectionString, {
    log,
    reconnectDelayMs: options.reconnectDelayMs ?? 500,
    applicationName: options.applicationName ?? 'guichet-events',
    onPayload(payload) {
      let event: DeliveredEvent;
      try {
        event = JSON.parse(payload) as DeliveredEvent;
      } catch (error) {
        log.warn({ err: error }, 'unreadable realtime notification ignored');
        return;
      }
      registry.deliver(event, log);
    },
  });
  return {
    async publish(event) {
      await database.db.execute(sql`select pg_notify(${notifyChannel}, ${encodeEvent(event)})`);
    },
    subscribe: registry.subscribe,
    async close() {
      await listener.close();
      registry.clear();
    },
  };
}

/** A pg.Client LISTENing on the notify channel, connected again whenever it drops. */
async function createNotificationListener(
  connectionString: string,
  options: {
    log: EventBusLogger;
    reconnectDelayMs: number;
    applicationName: string;
    onPayload(payload: string): void;
  },
): Promise<{ close(): Promise<void> }> {
  let client: pg.Client | undefined;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let delayMs = options.reconnectDelayMs;

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString, application_name: options.applicationName });
    next.on('notification', (message) => {
      if (message.channel === notifyChannel && message.payload) options.onPayload(message.payload);
    });
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (client === next) client = undefined;
      next.end().catch(() => undefined);
      if (!closed) {
        options.log.warn({ err: error }, 'realtime LISTEN connection lost; reconnecting');
        scheduleReconnect();
      }
    };
    next.on('error', onLost);
    next.on('end', () => onLost());
    try {
      await next.connect();
      await next.query(`LISTEN ${notifyChannel}`);
    } catch (error) {
      lost = true;
      next.end().catch(() => undefined);
      throw error;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    delayMs = options.reconnectDelayMs;
  }

  function scheduleReconnect(): void {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connect().catch((error: unknown) => {
        options.log.warn({ err: error, retryInMs: delayMs }, 'realtime LISTEN reconnection failed');
        delayMs = Math.min(delayMs * 2, 30_000);
        scheduleReconnect();
      });
    }, delayMs);
  }

  // The first connection must work: an instance that cannot listen should not start.
  await connect();
  return {
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
