/** Pure rules of the notifications screen: merging pages, applying reads, dates and links in the text. */
import type { NotificationReadEvent, PortalNotification } from '../api/notifications';
import { t } from '../i18n/fr';

/** The server's order: newest first, ties broken by id (descending). */
function compareNewestFirst(a: PortalNotification, b: PortalNotification): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function union(preferred: PortalNotification[], others: PortalNotification[]): PortalNotification[] {
  const byId = new Map(others.map((item) => [item.id, item]));
  for (const item of preferred) byId.set(item.id, item);
  return [...byId.values()].sort(compareNewestFirst);
}

export interface ListedNotifications {
  items: PortalNotification[];
  /** Older notifications exist beyond the last item. */
  hasMore: boolean;
}

/**
 * The list after reading the first page again (a notification arrived, or the stream came back).
 * The fresh page wins for the items it holds, and the older items already shown stay after it.
 * When the fresh page does not reach them (more arrived than a page holds), they are dropped:
 * keeping them would leave a hole that « Voir plus » could never fill.
 */
export function mergeNewestPage(
  current: ListedNotifications,
  newest: ListedNotifications,
): ListedNotifications {
  if (!newest.hasMore) return { items: [...newest.items], hasMore: false };
  const newestIds = new Set(newest.items.map((item) => item.id));
  const oldestFresh = newest.items.at(-1);
  if (!oldestFresh || !current.items.some((item) => newestIds.has(item.id))) {
    return { items: [...newest.items], hasMore: true };
  }
  const older = current.items.filter((item) => compareNewestFirst(item, oldestFresh) > 0);
  return { items: union(newest.items, older), hasMore: current.hasMore };
}

/** The list after « Voir plus »: the older page goes after what is shown. */
export function appendOlderPage(
  current: PortalNotification[],
  older: PortalNotification[],
): PortalNotification[] {
  return union(current, older);
}

/** The items that are in `next` and were not in `previous` (to announce them). */
export function arrivedItems(
  previous: PortalNotification[],
  next: PortalNotification[],
): PortalNotification[] {
  const known = new Set(previous.map((item) => item.id));
  return next.filter((item) => !known.has(item.id));
}

/** Applies a read (from this tab or from `notification.read` on the event stream). */
export function applyRead(items: PortalNotification[], read: NotificationReadEvent): PortalNotification[] {
  return items.map((item) => {
    if (item.readAt) return item;
    const isConcerned = 'all' in read ? item.createdAt <= read.readAt : item.id === read.id;
    return isConcerned ? { ...item, readAt: read.readAt } : item;
  });
}

/** Replaces one item by its new version (after marking it read). */
export function replaceItem(items: PortalNotification[], updated: PortalNotification): PortalNotification[] {
  return items.map((item) => (item.id === updated.id ? updated : item));
}

/** Reads a `notification.read` event's data; null when it is not one. */
export function parseReadEvent(data: unknown): NotificationReadEvent | null {
  if (!data || typeof data !== 'object') return null;
  const { id, all, readAt } = data as Record<string, unknown>;
  if (typeof readAt !== 'string') return null;
  if (all === true) return { all: true, readAt };
  return typeof id === 'string' ? { id, readAt } : null;
}

const dateTimeFormat = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Paris',
});

/** « 1er mars 2026 à 09:05 », in the town's time zone. */
export function formatNotificationDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = dateTimeFormat.formatToParts(date);
  const text = parts.map((part) => (part.type === 'day' && part.value === '1' ? '1er' : part.value)).join('');
  // ICU writes « 1 mars 2026 à 09:05 », or « 1 mars 2026, 09:05 » in some versions.
  const match = /^(.*\d{4}),? (?:à )?(\d{2}:\d{2})$/u.exec(text);
  return match?.[1] && match[2] ? t.notifications.dateAtTime(match[1], match[2]) : text;
}

export type TextPart =
  | { kind: 'text'; text: string }
  /** A request reference (« 2026-000123 »): kept on one line. */
  | { kind: 'reference'; text: string }
  /** A web address; `label` leaves out the scheme, which only takes room on a phone. */
  | { kind: 'link'; href: string; label: string };

const urlPattern = /https?:\/\/[^\s<>«»"]+/giu;
// Punctuation that ends a sentence rather than the address.
const trailingPunctuation = /[.,;:!?)\]\u00a0\u202f]+$/u;
const referencePattern = /\b\d{4}-\d{6}\b/gu;

function splitReferences(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(referencePattern)) {
    if (match.index > last) parts.push({ kind: 'text', text: text.slice(last, match.index) });
    parts.push({ kind: 'reference', text: match[0] });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** Splits a notification's text into plain text, request references and web addresses (shown as links). */
export function splitText(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(urlPattern)) {
    const href = match[0].replace(trailingPunctuation, '');
    if (match.index > last) parts.push(...splitReferences(text.slice(last, match.index)));
    parts.push({ kind: 'link', href, label: href.replace(/^https?:\/\//iu, '') });
    last = match.index + href.length;
  }
  if (last < text.length) parts.push(...splitReferences(text.slice(last)));
  return parts;
}

/** What the notifications screen shows, and what it last announced to screen readers. */
export interface NotificationsScreen {
  status: 'loading' | 'ready' | 'error';
  items: PortalNotification[];
  hasMore: boolean;
  error: unknown;
  /** The polite live region's text; `key` changes so that the same words are said again. */
  announcement: { text: string; key: number } | null;
}

export type NotificationsAction =
  | { type: 'loaded'; page: ListedNotifications }
  | { type: 'failed'; error: unknown }
  | { type: 'refreshed'; page: ListedNotifications }
  | { type: 'olderLoaded'; page: ListedNotifications }
  | { type: 'read'; read: NotificationReadEvent }
  /** This tab marked them all: every item shown is read, whatever the clocks say. */
  | { type: 'allRead'; readAt: string }
  | { type: 'replaced'; item: PortalNotification }
  | { type: 'announced'; text: string };

export const initialNotificationsScreen: NotificationsScreen = {
  status: 'loading',
  items: [],
  hasMore: false,
  error: null,
  announcement: null,
};

/** What the live region says when notifications arrive while the screen is open. */
export function arrivalText(arrived: PortalNotification[]): string | null {
  if (arrived.length === 0) return null;
  return arrived.length === 1
    ? t.notifications.arrived(arrived[0]!.title)
    : t.notifications.arrivedMany(arrived.length);
}

function announce(state: NotificationsScreen, text: string | null): NotificationsScreen['announcement'] {
  return text ? { text, key: (state.announcement?.key ?? 0) + 1 } : state.announcement;
}

/** The screen's transitions, pure so that they are tested without a browser. */
export function notificationsReducer(
  state: NotificationsScreen,
  action: NotificationsAction,
): NotificationsScreen {
  switch (action.type) {
    case 'loaded':
      return {
        ...state,
        status: 'ready',
        items: action.page.items,
        hasMore: action.page.hasMore,
        error: null,
      };
    case 'failed':
      return state.status === 'ready' ? state : { ...state, status: 'error', error: action.error };
    case 'refreshed': {
      if (state.status !== 'ready') {
        return {
          ...state,
          status: 'ready',
          items: action.page.items,
          hasMore: action.page.hasMore,
          error: null,
        };
      }
      const merged = mergeNewestPage(state, action.page);
      const arrived = arrivedItems(state.items, merged.items);
      return {
        ...state,
        ...merged,
        announcement: announce(state, arrivalText(arrived)),
      };
    }
    case 'olderLoaded':
      return {
        ...state,
        items: appendOlderPage(state.items, action.page.items),
        hasMore: action.page.hasMore,
      };
    case 'read':
      return { ...state, items: applyRead(state.items, action.read) };
    case 'allRead':
      return {
        ...state,
        items: state.items.map((item) => (item.readAt ? item : { ...item, readAt: action.readAt })),
      };
    case 'replaced':
      return { ...state, items: replaceItem(state.items, action.item) };
    case 'announced':
      return { ...state, announcement: announce(state, action.text) };
  }
}
