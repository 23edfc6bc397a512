import { describe, expect, it } from 'vitest';
import type { PortalNotification } from '../api/notifications';
import {
  appendOlderPage,
  applyRead,
  formatNotificationDate,
  initialNotificationsScreen,
  mergeNewestPage,
  notificationsReducer,
  parseReadEvent,
  splitText,
} from './notification-list';

/** Notification `n`, written n minutes after 08:00 (a higher n is newer). */
function notification(n: number, overrides: Partial<PortalNotification> = {}): PortalNotification {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    title: `Notification ${n}`,
    body: 'Texte',
    about: null,
    readAt: null,
    createdAt: new Date(Date.UTC(2026, 2, 2, 8, n)).toISOString(),
    ...overrides,
  };
}

const titles = (items: PortalNotification[]) => items.map((item) => item.title);
/** Newest first, from `from` down to `to`. */
const range = (from: number, to: number) =>
  Array.from({ length: from - to + 1 }, (_, index) => notification(from - index));

describe('mergeNewestPage', () => {
  it('puts a new arrival on top and keeps the older pages already shown', () => {
    const shown = { items: range(40, 1), hasMore: true };
    const merged = mergeNewestPage(shown, { items: range(41, 22), hasMore: true });
    expect(merged.items).toHaveLength(41);
    expect(titles(merged.items).slice(0, 2)).toEqual(['Notification 41', 'Notification 40']);
    expect(merged.items.at(-1)?.title).toBe('Notification 1');
    expect(merged.hasMore).toBe(true);
  });

  it('takes the fresh page’s version of what it holds (read in another tab)', () => {
    const shown = { items: range(3, 1), hasMore: false };
    const readAt = '2026-03-02T09:00:00.000Z';
    const merged = mergeNewestPage(shown, {
      items: [notification(3, { readAt }), ...range(2, 1)],
      hasMore: false,
    });
    expect(merged.items[0]?.readAt).toBe(readAt);
  });

  it('starts again from the fresh page when more arrived than a page holds', () => {
    const shown = { items: range(5, 1), hasMore: false };
    const merged = mergeNewestPage(shown, { items: range(30, 11), hasMore: true });
    expect(titles(merged.items)).toEqual(titles(range(30, 11)));
    expect(merged.hasMore).toBe(true);
  });

  it('keeps the screen’s own « more » flag when the pages meet', () => {
    const shown = { items: range(25, 1), hasMore: false };
    const merged = mergeNewestPage(shown, { items: range(26, 7), hasMore: true });
    expect(merged).toMatchObject({ hasMore: false });
    expect(merged.items).toHaveLength(26);
  });
});

describe('appendOlderPage', () => {
  it('adds older items after the shown ones without repeating any, in the server’s order', () => {
    const merged = appendOlderPage(range(10, 6), range(6, 3));
    expect(titles(merged)).toEqual(titles(range(10, 3)));
  });

  it('orders items written in the same instant by id, as the server does', () => {
    const same = '2026-03-02T08:00:00.000Z';
    const a = notification(1, { createdAt: same });
    const b = notification(2, { createdAt: same });
    expect(appendOlderPage([a], [b]).map((item) => item.id)).toEqual([b.id, a.id]);
  });
});

describe('applyRead', () => {
  it('marks one notification read', () => {
    const items = applyRead(range(3, 1), { id: notification(2).id, readAt: '2026-03-02T09:00:00.000Z' });
    expect(items.map((item) => item.readAt)).toEqual([null, '2026-03-02T09:00:00.000Z', null]);
  });

  it('marks all those written before the read, not a later one, and keeps an earlier readAt', () => {
    const earlier = '2026-03-02T08:01:30.000Z';
    const items = applyRead([notification(3), notification(2), notification(1, { readAt: earlier })], {
      all: true,
      readAt: '2026-03-02T08:02:30.000Z',
    });
    expect(items.map((item) => item.readAt)).toEqual([null, '2026-03-02T08:02:30.000Z', earlier]);
  });
});

describe('parseReadEvent', () => {
  it('reads both kinds of notification.read and refuses anything else', () => {
    expect(parseReadEvent({ id: 'x', readAt: 'r' })).toEqual({ id: 'x', readAt: 'r' });
    expect(parseReadEvent({ all: true, readAt: 'r' })).toEqual({ all: true, readAt: 'r' });
    expect(parseReadEvent({ id: 'x' })).toBeNull();
    expect(parseReadEvent({ all: 'yes', readAt: 'r' })).toBeNull();
    expect(parseReadEvent(null)).toBeNull();
  });
});

describe('notificationsReducer', () => {
  it('announces what arrived while the screen is open, and says it again for the next one', () => {
    const loaded = notificationsReducer(initialNotificationsScreen, {
      type: 'loaded',
      page: { items: range(2, 1), hasMore: false },
    });
    expect(loaded).toMatchObject({ status: 'ready', announcement: null });
    const one = notificationsReducer(loaded, {
      type: 'refreshed',
      page: { items: range(3, 1), hasMore: false },
    });
    expect(one.announcement).toEqual({
      text: 'Nouvelle notification\u00a0: «\u00a0Notification 3\u00a0»',
      key: 1,
    });
    const two = notificationsReducer(one, {
      type: 'refreshed',
      page: { items: range(5, 1), hasMore: false },
    });
    expect(two.announcement).toEqual({ text: '2 nouvelles notifications.', key: 2 });
    // Nothing new (a reconnection): nothing said.
    expect(
      notificationsReducer(two, { type: 'refreshed', page: { items: range(5, 1), hasMore: false } }),
    ).toEqual(two);
  });

  it('marks every item shown as read after « Tout marquer comme lu », whatever the clocks', () => {
    const loaded = notificationsReducer(initialNotificationsScreen, {
      type: 'loaded',
      page: { items: range(2, 1), hasMore: false },
    });
    const read = notificationsReducer(loaded, { type: 'allRead', readAt: '2000-01-01T00:00:00.000Z' });
    expect(read.items.every((item) => item.readAt === '2000-01-01T00:00:00.000Z')).toBe(true);
  });

  it('keeps the list shown when a later reading fails', () => {
    const loaded = notificationsReducer(initialNotificationsScreen, {
      type: 'loaded',
      page: { items: range(1, 1), hasMore: false },
    });
    expect(notificationsReducer(loaded, { type: 'failed', error: new Error('x') })).toBe(loaded);
    expect(notificationsReducer(initialNotificationsScreen, { type: 'failed', error: 'e' }).status).toBe(
      'error',
    );
  });
});

describe('formatNotificationDate', () => {
  it('writes the date the French way in the town’s time zone', () => {
    expect(formatNotificationDate('2026-03-01T08:05:00Z')).toBe('1er mars 2026 à 09:05');
    expect(formatNotificationDate('2026-07-14T21:30:00Z')).toBe('14 juillet 2026 à 23:30');
    expect(formatNotificationDate('pas une date')).toBe('pas une date');
  });
});

describe('splitText', () => {
  it('finds web addresses, leaves the sentence’s punctuation outside and keeps references whole', () => {
    expect(
      splitText(
        'Ville de Test\u00a0: réponse à votre demande 2026-000123\u00a0: https://ville.test/suivi/BCDF.',
      ),
    ).toEqual([
      { kind: 'text', text: 'Ville de Test\u00a0: réponse à votre demande ' },
      { kind: 'reference', text: '2026-000123' },
      { kind: 'text', text: '\u00a0: ' },
      { kind: 'link', href: 'https://ville.test/suivi/BCDF', label: 'ville.test/suivi/BCDF' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('leaves a text without address whole, and ignores other schemes', () => {
    expect(splitText('Bonjour,\nà bientôt')).toEqual([{ kind: 'text', text: 'Bonjour,\nà bientôt' }]);
    expect(splitText('javascript:alert(1) ftp://x')).toEqual([
      { kind: 'text', text: 'javascript:alert(1) ftp://x' },
    ]);
    expect(splitText('Dossier 12026-0001234')).toEqual([{ kind: 'text', text: 'Dossier 12026-0001234' }]);
  });
});
