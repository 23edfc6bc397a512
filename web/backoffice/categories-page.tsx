import { Cell, Column, Row, TableBody, TableHeader } from 'react-aria-components';
import type { Category } from '../api/types';
import { DataTable } from '../components/data-table';
import { useApiData } from '../components/use-api-data';
import { t } from '../i18n/fr';
import { hasRole, useSession } from '../session';
import { CategoryDialog } from './category-dialog';
import { StatusBadge } from './status-badge';
import { ListPage, RowEditButton } from './list-page';
import { useEditing } from './use-editing';

type Editing = { mode: 'create' } | { mode: 'edit'; category: Category };

/** Categories of requests (natures de demande): list, create, edit. */
export function CategoriesPage() {
  const { user } = useSession();
  const isAdmin = hasRole(user, 'admin');
  const list = useApiData('/admin/categories');
  const departmentList = useApiData('/admin/departments');
  const { editing, open, close, onSaved, notice } = useEditing<Editing>(list.reload);
  const departments = departmentList.data?.items ?? [];
  const nameOf = new Map(departments.map((department) => [department.id, department.name]));
  const categories = [...(list.data?.items ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  const labels = t.backoffice.categories;

  return (
    <ListPage
      title={labels.title}
      lead={labels.intro}
      create={isAdmin ? { label: labels.create, onPress: () => open({ mode: 'create' }) } : null}
      readOnlyText={t.backoffice.departments.readOnly}
      notice={notice}
    >
      <DataTable list={list} aria-label={labels.tableLabel}>
        <TableHeader>
          <Column isRowHeader>{labels.columns.name}</Column>
          <Column>{labels.columns.code}</Column>
          <Column>{labels.columns.department}</Column>
          <Column>{labels.columns.deadline}</Column>
          <Column>{labels.columns.status}</Column>
          {isAdmin ? <Column>{labels.columns.actions}</Column> : null}
        </TableHeader>
        <TableBody
          items={categories}
          dependencies={[departmentList.data, isAdmin]}
          renderEmptyState={() => labels.empty}
        >
          {(category) => (
            <Row id={category.id}>
              <Cell data-label={labels.columns.name}>
                <span className="cell-title">{category.name}</span>
                {category.description ? <span className="cell-detail">{category.description}</span> : null}
              </Cell>
              <Cell data-label={labels.columns.code}>
                <code>{category.code}</code>
              </Cell>
              <Cell data-label={labels.columns.department}>
                {category.departmentId
                  ? (nameOf.get(category.departmentId) ?? t.common.emptyValue)
                  : t.common.emptyValue}
              </Cell>
              <Cell data-label={labels.columns.deadline}>
                <span className="nowrap">{labels.deadlineValue(category.deadlineDays)}</span>
                {category.silenceRule !== 'none' && category.silencePeriodDays !== null ? (
                  <span className="cell-detail">
                    {labels.silenceValue(category.silenceRule, category.silencePeriodDays)}
                  </span>
                ) : null}
              </Cell>
              <Cell data-label={labels.columns.status}>
                <StatusBadge isActive={category.isActive} />
              </Cell>
              {isAdmin ? (
                <Cell data-label={labels.columns.actions}>
                  <RowEditButton
                    label={labels.editLabel(category.name)}
                    onPress={() => open({ mode: 'edit', category })}
                  />
                </Cell>
              ) : null}
            </Row>
          )}
        </TableBody>
      </DataTable>
      {editing ? (
        <CategoryDialog
          category={editing.mode === 'edit' ? editing.category : null}
          departments={departments}
          onClose={close}
          onSaved={onSaved}
        />
      ) : null}
    </ListPage>
  );
}
