/**
 * The number of unread notifications, shared by the header's badge and the notifications page
 * (a module-level store read with useSyncExternalStore). Answers can come back out of order: only
 * the latest reading or setting counts.
 */
import { useSyncExternalStore } from 'react';
import { fetchUnreadNotificationCount } from '../api/notifications';

let unreadCount: number | null = null;
let version = 0;
const listeners = new Set<() => void>();

function publish(value: number | null): void {
  unreadCount = value;
  for (const listener of [...listeners]) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Sets the count from an answer that carries it (the list's `unread`). */
export function setUnreadNotificationCount(value: number): void {
  version += 1;
  publish(value);
}

/** Reads the count again from the server; a failure leaves the last known count. */
export async function refreshUnreadNotificationCount(): Promise<void> {
  version += 1;
  const asked = version;
  try {
    const value = await fetchUnreadNotificationCount();
    if (asked === version) publish(value);
  } catch {
    // The badge keeps its last count; the next event or page load reads it again.
  }
}

/** Forgets the count (after logging out, so the next account does not see it). */
export function clearUnreadNotificationCount(): void {
  version += 1;
  publish(null);
}

/** The unread count, or null before it is known. */
export function useUnreadNotificationCount(): number | null {
  return useSyncExternalStore(
    subscribe,
    () => unreadCount,
    () => null,
  );
}
