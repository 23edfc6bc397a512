import { useEffect, useRef, type ReactNode } from 'react';

interface AlertProps {
  tone: 'error' | 'success' | 'info';
  title?: string;
  children: ReactNode;
  /** Move the keyboard focus to the message when it appears (after a refused form, for example). */
  shouldFocus?: boolean;
}

/** A message block; errors are announced at once (role alert), others politely (role status). */
export function Alert({ tone, title, children, shouldFocus = false }: AlertProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (shouldFocus) ref.current?.focus();
  }, [shouldFocus, children]);
  return (
    <div
      ref={ref}
      className={`alert alert-${tone}`}
      role={tone === 'error' ? 'alert' : 'status'}
      tabIndex={shouldFocus ? -1 : undefined}
    >
      <span className="alert-icon" aria-hidden="true">
        {tone === 'error' ? '!' : tone === 'success' ? '✓' : 'i'}
      </span>
      <div className="alert-body">
        {title ? <p className="alert-title">{title}</p> : null}
        {typeof children === 'string' ? <p>{children}</p> : children}
      </div>
    </div>
  );
}
