import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { t } from '../i18n/fr';
import { useTownName } from '../tenant';

/** Sets the browser tab's title: « Page – Town ». */
export function usePageTitle(title: string): void {
  const town = useTownName();
  useEffect(() => {
    document.title = t.app.pageTitle(title, town);
  }, [title, town]);
}

interface PageProps {
  title: string;
  /** A short text under the title. */
  lead?: ReactNode;
  /** Narrow pages hold a single form. */
  width?: 'narrow' | 'wide';
  actions?: ReactNode;
  children?: ReactNode;
}

/**
 * One page: its <h1>, its title in the browser tab, and the keyboard focus moved to the heading
 * after a client-side navigation (so screen-reader users hear where they arrived).
 */
export function Page({ title, lead, width = 'wide', actions, children }: PageProps) {
  usePageTitle(title);
  const headingRef = useHeadingFocus();
  return (
    <div className={`page page-${width}`}>
      <div className="page-header">
        <div>
          <h1 ref={headingRef} tabIndex={-1} className="page-title">
            {title}
          </h1>
          {lead ? <p className="page-lead">{lead}</p> : null}
        </div>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {children}
    </div>
  );
}

/**
 * A ref for the page's <h1> (with tabIndex -1): it receives the focus after a client-side
 * navigation, not on the first load (where the browser starts at the top anyway).
 */
export function useHeadingFocus() {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const location = useLocation();
  const isFirstLoad = location.key === 'default';
  useEffect(() => {
    if (!isFirstLoad) headingRef.current?.focus();
  }, [isFirstLoad]);
  return headingRef;
}

/** A polite loading message. */
export function Loading({ label = t.app.loading }: { label?: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}
