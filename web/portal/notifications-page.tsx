import { useCallback, useEffect, useReducer, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, describeError } from '../api/client';
import {
  fetchNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  requestIdOf,
  type PortalNotification,
} from '../api/notifications';
import { Alert } from '../components/alert';
import { Button, ButtonLink } from '../components/button';
import { Loading, Page } from '../components/page';
import { t } from '../i18n/fr';
import { useSession } from '../session';
import {
  formatNotificationDate,
  initialNotificationsScreen,
  notificationsReducer,
  parseReadEvent,
  splitText,
} from './notification-list';
import {
  refreshUnreadNotificationCount,
  setUnreadNotificationCount,
  useUnreadNotificationCount,
} from './unread-notifications';
import { subscribeToUserEvents } from './user-events';
import './notifications.css';

const texts = t.notifications;

const titleIdOf = (id: string) => `notification-${id}-title`;

/** A notification's words: addresses become links, request references stay on one line. */
function NotificationText({ text }: { text: string }) {
  return splitText(text).map((part, index) =>
    part.kind === 'link' ? (
      <a key={index} href={part.href}>
        {part.label}
      </a>
    ) : part.kind === 'reference' ? (
      <span key={index} className="notification-reference">
        {part.text}
      </span>
    ) : (
      <span key={index}>{part.text}</span>
    ),
  );
}

interface ItemProps {
  notification: PortalNotification;
  isMarking: boolean;
  onMarkRead(notification: PortalNotification): void;
  onOpenRequest(notification: PortalNotification): void;
}

function NotificationItem({ notification, isMarking, onMarkRead, onOpenRequest }: ItemProps) {
  const titleId = titleIdOf(notification.id);
  const isUnread = notification.readAt === null;
  return (
    <li className={`notification${isUnread ? ' notification-unread' : ''}`}>
      <article aria-labelledby={titleId}>
        <p className="notification-meta">
          {isUnread ? (
            <span className="badge notification-unread-badge" aria-hidden="true">
              {texts.unread}
            </span>
          ) : null}
          <time dateTime={notification.createdAt}>
            {texts.receivedOn(formatNotificationDate(notification.createdAt))}
          </time>
        </p>
        <h2 id={titleId} tabIndex={-1} className="notification-title">
          <NotificationText text={notification.title} />
          {isUnread ? <span className="visually-hidden">{texts.unreadInHeading}</span> : null}
        </h2>
        <p className="notification-body">
          <NotificationText text={notification.body} />
        </p>
        {requestIdOf(notification) || isUnread ? (
          <div className="notification-actions">
            {requestIdOf(notification) ? (
              <ButtonLink
                to={`/mes-demandes/${requestIdOf(notification)}`}
                variant="secondary"
                className="button-small"
                aria-describedby={titleId}
                onClick={() => onOpenRequest(notification)}
              >
                {texts.seeRequest}
              </ButtonLink>
            ) : null}
            {isUnread ? (
              <Button
                variant="quiet"
                size="small"
                aria-describedby={titleId}
                onPress={() => {
                  if (!isMarking) onMarkRead(notification);
                }}
              >
                {isMarking ? texts.marking : texts.markRead}
              </Button>
            ) : null}
          </div>
        ) : null}
      </article>
    </li>
  );
}

function EmptyState() {
  const { user } = useSession();
  return (
    <section className="card notifications-empty" aria-labelledby="notifications-empty-title">
      <h2 id="notifications-empty-title">{texts.emptyTitle}</h2>
      <p>{texts.empty}</p>
      {user && user.preferredChannel !== 'portal' ? (
        <p>
          {texts.channelHint} <Link to="/mon-compte">{texts.channelHintLink}</Link>
        </p>
      ) : null}
    </section>
  );
}

/** `/notifications`: the messages the town left in the citizen's account, live. */
export function NotificationsPage() {
  const [screen, dispatch] = useReducer(notificationsReducer, initialNotificationsScreen);
  const unread = useUnreadNotificationCount();
  const [markingIds, setMarkingIds] = useState<ReadonlySet<string>>(new Set());
  const [isMarkingAll, setIsMarkingAll] = useState(false);
  const [isLoadingOlder, setIsLoadingOlder] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  // Where the keyboard goes once the change is on screen (a control it was on has gone).
  const [focusTarget, setFocusTarget] = useState<{ selector: string } | null>(null);

  useEffect(() => {
    if (focusTarget) document.querySelector<HTMLElement>(focusTarget.selector)?.focus();
  }, [focusTarget]);

  const loadNewest = useCallback((kind: 'loaded' | 'refreshed') => {
    fetchNotifications()
      .then((page) => {
        dispatch({ type: kind, page });
        setUnreadNotificationCount(page.unread);
      })
      .catch((error: unknown) => dispatch({ type: 'failed', error }));
  }, []);

  useEffect(() => {
    // Every arrival reads the first page again (events carry ids only); a read in another tab is applied here.
    const unsubscribe = subscribeToUserEvents((event) => {
      if (event.type === 'notification.read') {
        const read = parseReadEvent(event.data);
        if (read) dispatch({ type: 'read', read });
      } else {
        loadNewest('refreshed');
      }
    });
    loadNewest('loaded');
    return unsubscribe;
  }, [loadNewest]);

  const showActionError = (error: unknown) => {
    const isGone = error instanceof ApiError && error.code === 'NOTIFICATION_NOT_FOUND';
    setActionError(isGone ? texts.notFound : describeError(error));
    if (isGone) loadNewest('refreshed');
  };

  const markRead = (notification: PortalNotification) => {
    setActionError(null);
    setMarkingIds((ids) => new Set(ids).add(notification.id));
    markNotificationRead(notification.id)
      .then((updated) => {
        dispatch({ type: 'replaced', item: updated });
        dispatch({ type: 'announced', text: texts.markedRead });
        // Its button is gone: the keyboard stays on the notification.
        setFocusTarget({ selector: `#${titleIdOf(notification.id)}` });
        void refreshUnreadNotificationCount();
      })
      .catch(showActionError)
      .finally(() =>
        setMarkingIds((ids) => {
          const next = new Set(ids);
          next.delete(notification.id);
          return next;
        }),
      );
  };

  /** Following « Voir la demande » reads the notification; the request page opens meanwhile. */
  const openRequest = (notification: PortalNotification) => {
    if (notification.readAt) return;
    markNotificationRead(notification.id)
      .then(() => refreshUnreadNotificationCount())
      .catch(() => {
        // Still unread: the citizen can mark it on coming back.
      });
  };

  const markAllRead = () => {
    if (isMarkingAll) return;
    setActionError(null);
    setIsMarkingAll(true);
    markAllNotificationsRead()
      .then(() => {
        dispatch({ type: 'allRead', readAt: new Date().toISOString() });
        dispatch({ type: 'announced', text: texts.allMarkedRead });
        setUnreadNotificationCount(0);
        void refreshUnreadNotificationCount();
        // The button is gone: back to the page's heading.
        setFocusTarget({ selector: 'main h1' });
      })
      .catch(showActionError)
      .finally(() => setIsMarkingAll(false));
  };

  const loadOlder = () => {
    const last = screen.items.at(-1);
    if (!last || isLoadingOlder) return;
    setActionError(null);
    setIsLoadingOlder(true);
    fetchNotifications(last.id)
      .then((page) => {
        dispatch({ type: 'olderLoaded', page });
        dispatch({ type: 'announced', text: texts.moreShown(page.items.length) });
        const first = page.items[0];
        if (first) setFocusTarget({ selector: `#${titleIdOf(first.id)}` });
      })
      .catch(showActionError)
      .finally(() => setIsLoadingOlder(false));
  };

  const hasUnread = (unread ?? 0) > 0 || screen.items.some((item) => item.readAt === null);
  return (
    <Page
      title={texts.title}
      lead={texts.lead}
      actions={
        screen.status === 'ready' && hasUnread ? (
          <Button variant="secondary" onPress={markAllRead}>
            {isMarkingAll ? texts.marking : texts.markAllRead}
          </Button>
        ) : null
      }
    >
      <div role="status" className="visually-hidden">
        {screen.announcement ? <span key={screen.announcement.key}>{screen.announcement.text}</span> : null}
      </div>
      {actionError ? <Alert tone="error">{actionError}</Alert> : null}
      {screen.status === 'loading' ? <Loading /> : null}
      {screen.status === 'error' ? (
        <Alert tone="error">
          <p>{describeError(screen.error)}</p>
          <Button variant="secondary" size="small" onPress={() => loadNewest('loaded')}>
            {t.common.retry}
          </Button>
        </Alert>
      ) : null}
      {screen.status === 'ready' && screen.items.length === 0 ? <EmptyState /> : null}
      {screen.status === 'ready' && screen.items.length > 0 ? (
        <>
          {unread !== null ? <p className="notifications-summary">{texts.summary(unread)}</p> : null}
          <ul className="notification-list" aria-label={texts.listLabel}>
            {screen.items.map((notification) => (
              <NotificationItem
                key={notification.id}
                notification={notification}
                isMarking={markingIds.has(notification.id)}
                onMarkRead={markRead}
                onOpenRequest={openRequest}
              />
            ))}
          </ul>
          {screen.hasMore ? (
            <div className="notifications-more">
              <Button variant="secondary" onPress={loadOlder}>
                {isLoadingOlder ? texts.loadingMore : texts.showMore}
              </Button>
            </div>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
