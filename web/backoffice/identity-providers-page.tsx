import { Cell, Column, Row, TableBody, TableHeader } from 'react-aria-components';
import { api } from '../api/client';
import type { IdentityProviderSettings } from '../api/types';
import { Button } from '../components/button';
import { DataTable } from '../components/data-table';
import { ConfirmDialog } from '../components/dialog';
import { useApiData } from '../components/use-api-data';
import { t } from '../i18n/fr';
import { IdentityProviderDialog } from './identity-provider-dialog';
import { StatusBadge } from './status-badge';
import { ListPage, RowEditButton } from './list-page';
import { useEditing } from './use-editing';

type Editing =
  | { mode: 'create' }
  | { mode: 'edit'; provider: IdentityProviderSettings }
  | { mode: 'delete'; provider: IdentityProviderSettings };

/** The town's OpenID Connect identity providers (FranceConnect or its own): list, add, edit, delete. */
export function IdentityProvidersPage() {
  const list = useApiData('/admin/identity-providers');
  const { editing, open, close, onSaved, notice, setNotice } = useEditing<Editing>(list.reload);
  const providers = [...(list.data?.items ?? [])].sort((a, b) => a.label.localeCompare(b.label, 'fr'));
  const labels = t.backoffice.identityProviders;

  const copy = (url: string) => {
    setNotice(null);
    Promise.resolve()
      .then(() => navigator.clipboard.writeText(url))
      .then(() => setNotice({ tone: 'success', text: labels.copied }))
      .catch(() => setNotice({ tone: 'error', text: labels.copyFailed }));
  };

  return (
    <ListPage
      title={labels.title}
      lead={labels.intro}
      create={{ label: labels.create, onPress: () => open({ mode: 'create' }) }}
      notice={notice}
    >
      <DataTable list={list} aria-label={labels.tableLabel}>
        <TableHeader>
          <Column isRowHeader>{labels.columns.provider}</Column>
          <Column>{labels.columns.callbackUrl}</Column>
          <Column>{labels.columns.status}</Column>
          <Column>{labels.columns.actions}</Column>
        </TableHeader>
        <TableBody items={providers} renderEmptyState={() => labels.empty}>
          {(provider) => (
            <Row id={provider.id}>
              <Cell data-label={labels.columns.provider}>
                <span className="cell-title">{provider.label}</span>
                <span className="cell-detail">
                  <code>{provider.slug}</code>
                </span>
                <span className="cell-detail url-text">{labels.issuerDetail(provider.issuerUrl)}</span>
              </Cell>
              <Cell data-label={labels.columns.callbackUrl}>
                <div className="copy-value">
                  <code className="url-text">{provider.callbackUrl}</code>
                  <Button
                    variant="secondary"
                    size="small"
                    aria-label={labels.copyLabel(provider.label)}
                    onPress={() => copy(provider.callbackUrl)}
                  >
                    {labels.copy}
                  </Button>
                </div>
              </Cell>
              <Cell data-label={labels.columns.status}>
                <StatusBadge isActive={provider.isEnabled} />
              </Cell>
              <Cell data-label={labels.columns.actions}>
                <div className="cell-actions">
                  <RowEditButton
                    label={labels.editLabel(provider.label)}
                    onPress={() => open({ mode: 'edit', provider })}
                  />
                  <Button
                    variant="quiet"
                    size="small"
                    aria-label={labels.deleteLabel(provider.label)}
                    onPress={() => open({ mode: 'delete', provider })}
                  >
                    {t.common.delete}
                  </Button>
                </div>
              </Cell>
            </Row>
          )}
        </TableBody>
      </DataTable>
      {editing?.mode === 'delete' ? (
        <ConfirmDialog
          title={labels.deleteTitle(editing.provider.label)}
          confirmLabel={t.common.delete}
          pendingLabel={t.common.deleting}
          onConfirm={() =>
            api.delete('/admin/identity-providers/{id}', { params: { path: { id: editing.provider.id } } })
          }
          onClose={close}
          onDone={() => onSaved(labels.deleted)}
        >
          {labels.deleteText}
        </ConfirmDialog>
      ) : editing ? (
        <IdentityProviderDialog
          provider={editing.mode === 'edit' ? editing.provider : null}
          onClose={close}
          onSaved={onSaved}
        />
      ) : null}
    </ListPage>
  );
}
