import { useEffect, useRef, useState } from 'react';
import { NavLink, useLocation } from 'react-router';
import { t } from '../i18n/fr';
import {
  clearUnreadNotificationCount,
  refreshUnreadNotificationCount,
  useUnreadNotificationCount,
} from './unread-notifications';
import { subscribeToUserEvents } from './user-events';
import './notifications.css';

export const notificationsPath = '/notifications';

/**
 * « Notifications » in the portal's header with the unread count (its accessible name reads
 * « Notifications, 3 non lues »), kept up to date live. A notification arriving while the citizen
 * is on another page is announced politely; on the notifications page, the page announces it.
 */
export function NotificationsNavLink() {
  const count = useUnreadNotificationCount();
  const location = useLocation();
  // The announcement belongs to the page it was made on: it must not be said again after navigating.
  const [arrival, setArrival] = useState<{ key: number; locationKey: string } | null>(null);
  const currentLocation = useRef(location);
  useEffect(() => {
    currentLocation.current = location;
  });

  useEffect(() => {
    const unsubscribe = subscribeToUserEvents((event) => {
      void refreshUnreadNotificationCount();
      const here = currentLocation.current;
      if (event.type === 'notification.created' && here.pathname !== notificationsPath) {
        setArrival((previous) => ({ key: (previous?.key ?? 0) + 1, locationKey: here.key }));
      }
    });
    void refreshUnreadNotificationCount();
    return () => {
      unsubscribe();
      // Logged out: the next account must not see this one's count.
      clearUnreadNotificationCount();
    };
  }, []);

  return (
    <>
      <NavLink
        to={notificationsPath}
        className="notifications-link"
        // « Notifications, 3 non lues »: it starts with what is shown (« Notifications 3 », hence
        // the real space between the word and the count), as WCAG's label-in-name asks.
        aria-label={count ? `${t.notifications.navLabel}${t.notifications.navUnread(count)}` : undefined}
      >
        <span className="notifications-link-text">{t.notifications.navLabel}</span>{' '}
        {count ? <span className="notifications-count">{count > 99 ? '99+' : count}</span> : null}
      </NavLink>
      <span role="status" className="visually-hidden">
        {arrival?.locationKey === location.key ? (
          <span key={arrival.key}>{t.notifications.arrivedElsewhere}</span>
        ) : null}
      </span>
    </>
  );
}
