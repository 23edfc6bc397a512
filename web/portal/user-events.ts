/**
 * One live stream per tab (`/api/v1/events`, the session cookie) shared by whatever follows the
 * account's events: the header's unread count and the notifications page. Events are not stored
 * on the server, so after a lost connection listeners get `reconnected` and read their state again.
 */
import { apiHref } from '../api/client';

export type UserEventType = 'notification.created' | 'notification.read' | 'reconnected';

export interface UserEvent {
  type: UserEventType;
  /** The event's `data` ({id} for a new notification); empty for `reconnected`. */
  data: Record<string, unknown>;
}

type Listener = (event: UserEvent) => void;

const streamedTypes: UserEventType[] = ['notification.created', 'notification.read'];
const listeners = new Set<Listener>();
let source: EventSource | null = null;

function emit(event: UserEvent): void {
  for (const listener of [...listeners]) listener(event);
}

/** The `data` of an SSE message: the JSON of {id, channel, type, data}. */
function dataOf(raw: string): Record<string, unknown> {
  try {
    const message = JSON.parse(raw) as { data?: unknown };
    return message.data && typeof message.data === 'object' ? (message.data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function open(): EventSource {
  const stream = new EventSource(apiHref('/events', {}), { withCredentials: true });
  let hasOpened = false;
  stream.addEventListener('open', () => {
    if (hasOpened) emit({ type: 'reconnected', data: {} });
    hasOpened = true;
  });
  for (const type of streamedTypes) {
    stream.addEventListener(type, (event: MessageEvent<string>) => emit({ type, data: dataOf(event.data) }));
  }
  return stream;
}

/** Follows the account's live events; the stream opens with the first listener and closes after the last. */
export function subscribeToUserEvents(listener: Listener): () => void {
  if (typeof EventSource === 'undefined') return () => {};
  listeners.add(listener);
  source ??= open();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && source) {
      source.close();
      source = null;
    }
  };
}
