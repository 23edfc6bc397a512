import { apiHref } from '../../api/client';
import { useEffect, useRef } from 'react';

export type RequestEventType = 'request.created' | 'request.updated';

/** The request id carried by an SSE message (`data` is the JSON of {id, channel, type, data: {id}}). */
export function requestIdOf(raw: string): string | null {
  try {
    const message = JSON.parse(raw) as { data?: { id?: unknown } };
    return typeof message.data?.id === 'string' ? message.data.id : null;
  } catch {
    return null;
  }
}

/**
 * Follows the agents' live stream (`/api/v1/events`, session cookie) and calls `onEvent` for each
 * request created or updated in the town. The browser reconnects by itself; as events are not
 * stored, the caller reloads what it shows when it is told (here: at each event).
 */
export function useRequestEvents(onEvent: (type: RequestEventType, requestId: string | null) => void): void {
  const callback = useRef(onEvent);
  useEffect(() => {
    callback.current = onEvent;
  });
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(apiHref('/events', {}), { withCredentials: true });
    const listen = (type: RequestEventType) => (event: MessageEvent<string>) =>
      callback.current(type, requestIdOf(event.data));
    const onCreated = listen('request.created');
    const onUpdated = listen('request.updated');
    source.addEventListener('request.created', onCreated);
    source.addEventListener('request.updated', onUpdated);
    return () => {
      source.removeEventListener('request.created', onCreated);
      source.removeEventListener('request.updated', onUpdated);
      source.close();
    };
  }, []);
}
