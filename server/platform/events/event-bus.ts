// INTERIM: in-process bus only; the realtime work adds PostgreSQL LISTEN/NOTIFY.
import type { DatabaseHandle } from '../db/client';

export interface RealtimeEvent {
  /** e.g. `user:<id>`, `tenant:<id>:agents`, `tracking:<code>` */
  channel: string;
  type: string;
  data: Record<string, unknown>;
}

export type EventListener = (event: RealtimeEvent) => void;

export interface EventBus {
  /** Publish after the change has committed. On PostgreSQL this goes through NOTIFY to every instance. */
  publish(event: RealtimeEvent): Promise<void>;
  subscribe(channel: string, listener: EventListener): () => void;
  close(): Promise<void>;
}

export async function createEventBus(_database: DatabaseHandle): Promise<EventBus> {
  const listeners = new Map<string, Set<EventListener>>();
  return {
    async publish(event) {
      for (const listener of listeners.get(event.channel) ?? []) listener(event);
    },
    subscribe(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    },
    async close() {
      listeners.clear();
    },
  };
}
