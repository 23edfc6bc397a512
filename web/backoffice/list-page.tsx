import type { ReactNode } from 'react';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { Page } from '../components/page';
import { t } from '../i18n/fr';
import type { Notice } from './use-editing';

interface ListPageProps {
  title: string;
  lead: string;
  /** The button opening the creation dialog, for those allowed to create; null for the others. */
  create: { label: string; onPress(): void } | null;
  /** Shown, instead of the button, to those who may only read. */
  readOnlyText?: string;
  notice: Notice | null;
  /** The table and the dialogs. */
  children: ReactNode;
}

/** A back-office list page: its title, its creation button (or a read-only note) and its notice. */
export function ListPage({ title, lead, create, readOnlyText, notice, children }: ListPageProps) {
  return (
    <Page
      title={title}
      lead={lead}
      actions={create ? <Button onPress={create.onPress}>{create.label}</Button> : null}
    >
      {!create && readOnlyText ? <p className="muted">{readOnlyText}</p> : null}
      <NoticeAlert notice={notice} />
      {children}
    </Page>
  );
}

/** The notice above a list, if there is one. */
export function NoticeAlert({ notice }: { notice: Notice | null }) {
  return notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null;
}

/** The « Modifier » button of a table row; `label` names the row for screen readers. */
export function RowEditButton({ label, onPress }: { label: string; onPress(): void }) {
  return (
    <Button variant="secondary" size="small" aria-label={label} onPress={onPress}>
      {t.common.edit}
    </Button>
  );
}
