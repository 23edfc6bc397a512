import type { MouseEvent, ReactNode } from 'react';
import { t } from '../i18n/fr';

export const mainContentId = 'contenu';

/** The first focusable element of every page: jumps over the header to the main content. */
export function SkipLink() {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById(mainContentId);
    if (!main) return;
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  };
  return (
    <a className="skip-link" href={`#${mainContentId}`} onClick={onClick}>
      {t.app.skipLink}
    </a>
  );
}

/** The <main> landmark, target of the skip link. */
export function MainContent({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <main id={mainContentId} tabIndex={-1} className={['main', className ?? ''].join(' ').trim()}>
      {children}
    </main>
  );
}

/** The small building mark of the town (decorative). */
export function TownMark() {
  return (
    <svg className="town-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="currentColor" />
      <path d="M6 14 16 7l10 7v2H6z" fill="#fff" />
      <rect x="8" y="17" width="3" height="7" fill="#fff" />
      <rect x="14.5" y="17" width="3" height="7" fill="#fff" />
      <rect x="21" y="17" width="3" height="7" fill="#fff" />
      <rect x="6" y="25" width="20" height="2" fill="#fff" />
    </svg>
  );
}

/** Formats an ISO date-time for people: « 3 mars 2026, 14:05 ». */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return t.common.emptyValue;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
