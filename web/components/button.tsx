import type { ReactNode } from 'react';
import { Button as AriaButton, type ButtonProps as AriaButtonProps } from 'react-aria-components';
import { Link, type LinkProps } from 'react-router';

type Variant = 'primary' | 'secondary' | 'quiet' | 'danger' | 'inverse';

interface ButtonProps extends Omit<AriaButtonProps, 'className' | 'children'> {
  variant?: Variant;
  size?: 'normal' | 'small';
  children: ReactNode;
  className?: string;
}

/** The app's button (react-aria-components: keyboard, touch and pending state handled). */
export function Button({ variant = 'primary', size = 'normal', className, children, ...props }: ButtonProps) {
  const classes = ['button', `button-${variant}`, size === 'small' ? 'button-small' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <AriaButton {...props} className={classes}>
      {children}
    </AriaButton>
  );
}

/** A link that looks like a button, for navigation. */
export function ButtonLink({ variant = 'primary', className, ...props }: LinkProps & { variant?: Variant }) {
  return <Link {...props} className={['button', `button-${variant}`, className ?? ''].join(' ').trim()} />;
}
