import { Cell, Column, Row, TableBody, TableHeader } from 'react-aria-components';
import type { Department } from '../api/types';
import { DataTable } from '../components/data-table';
import { useApiData } from '../components/use-api-data';
import { t } from '../i18n/fr';
import { hasRole, useSession } from '../session';
import { DepartmentDialog } from './department-dialog';
import { sortAsTree } from './department-tree';
import { StatusBadge } from './status-badge';
import { ListPage, RowEditButton } from './list-page';
import { useEditing } from './use-editing';
import { formatPhone } from '../../common/phone';

type Editing = { mode: 'create' } | { mode: 'edit'; department: Department };

/** The town's departments (services): list, create, edit. */
export function DepartmentsPage() {
  const { user } = useSession();
  const isAdmin = hasRole(user, 'admin');
  const list = useApiData('/admin/departments');
  const { editing, open, close, onSaved, notice } = useEditing<Editing>(list.reload);
  const departments = list.data?.items ?? [];
  const nameOf = new Map(departments.map((department) => [department.id, department.name]));
  const rows = sortAsTree(departments);
  const labels = t.backoffice.departments;

  return (
    <ListPage
      title={labels.title}
      lead={labels.intro}
      create={isAdmin ? { label: labels.create, onPress: () => open({ mode: 'create' }) } : null}
      readOnlyText={labels.readOnly}
      notice={notice}
    >
      <DataTable list={list} aria-label={labels.tableLabel}>
        <TableHeader>
          <Column isRowHeader>{labels.columns.name}</Column>
          <Column>{labels.columns.code}</Column>
          <Column>{labels.columns.parent}</Column>
          <Column>{labels.columns.contact}</Column>
          <Column>{labels.columns.status}</Column>
          {isAdmin ? <Column>{labels.columns.actions}</Column> : null}
        </TableHeader>
        <TableBody items={rows} dependencies={[isAdmin]} renderEmptyState={() => labels.empty}>
          {({ department, depth }) => (
            <Row id={department.id}>
              <Cell data-label={labels.columns.name}>
                <span className="tree-name" style={{ paddingInlineStart: `${depth * 1.25}rem` }}>
                  {depth > 0 ? (
                    <span aria-hidden="true" className="tree-branch">
                      └{' '}
                    </span>
                  ) : null}
                  {department.name}
                </span>
              </Cell>
              <Cell data-label={labels.columns.code}>
                <code>{department.code}</code>
              </Cell>
              <Cell data-label={labels.columns.parent}>
                {department.parentId
                  ? (nameOf.get(department.parentId) ?? t.common.emptyValue)
                  : t.common.emptyValue}
              </Cell>
              <Cell data-label={labels.columns.contact}>
                {[department.email, department.phone && formatPhone(department.phone)]
                  .filter(Boolean)
                  .join(' · ') || t.common.emptyValue}
              </Cell>
              <Cell data-label={labels.columns.status}>
                <StatusBadge isActive={department.isActive} />
              </Cell>
              {isAdmin ? (
                <Cell data-label={labels.columns.actions}>
                  <RowEditButton
                    label={labels.editLabel(department.name)}
                    onPress={() => open({ mode: 'edit', department })}
                  />
                </Cell>
              ) : null}
            </Row>
          )}
        </TableBody>
      </DataTable>
      {editing ? (
        <DepartmentDialog
          department={editing.mode === 'edit' ? editing.department : null}
          departments={departments}
          onClose={close}
          onSaved={onSaved}
        />
      ) : null}
    </ListPage>
  );
}
