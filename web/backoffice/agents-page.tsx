import { Cell, Column, Row, TableBody, TableHeader } from 'react-aria-components';
import { api, describeError } from '../api/client';
import type { Agent } from '../api/types';
import { Button } from '../components/button';
import { DataTable } from '../components/data-table';
import { useApiData } from '../components/use-api-data';
import { t } from '../i18n/fr';
import { AgentDialog } from './agent-dialog';
import { StatusBadge } from './status-badge';
import { ListPage, RowEditButton } from './list-page';
import { useEditing } from './use-editing';

type Editing = { mode: 'invite' } | { mode: 'edit'; agent: Agent };

/** The town's agents: invite, edit roles, departments and access. */
export function AgentsPage() {
  const list = useApiData('/admin/agents');
  const departmentList = useApiData('/admin/departments');
  const { editing, open, close, onSaved, notice, setNotice } = useEditing<Editing>(list.reload);
  const departments = departmentList.data?.items ?? [];
  const nameOf = new Map(departments.map((department) => [department.id, department.name]));
  const agents = [...(list.data?.items ?? [])].sort((a, b) =>
    `${a.lastName} ${a.firstName}`.localeCompare(`${b.lastName} ${b.firstName}`, 'fr'),
  );
  const labels = t.backoffice.agents;

  const resendInvitation = (agent: Agent) => {
    setNotice(null);
    api
      .post('/admin/agents/{id}/invitation', { params: { path: { id: agent.id } } })
      .then(() => setNotice({ tone: 'success', text: labels.resent(agent.email) }))
      .catch((error: unknown) => setNotice({ tone: 'error', text: describeError(error) }));
  };

  return (
    <ListPage
      title={labels.title}
      lead={labels.intro}
      create={{ label: labels.invite, onPress: () => open({ mode: 'invite' }) }}
      notice={notice}
    >
      <DataTable list={list} aria-label={labels.tableLabel}>
        <TableHeader>
          <Column isRowHeader>{labels.columns.name}</Column>
          <Column>{labels.columns.email}</Column>
          <Column>{labels.columns.roles}</Column>
          <Column>{labels.columns.departments}</Column>
          <Column>{labels.columns.status}</Column>
          <Column>{labels.columns.actions}</Column>
        </TableHeader>
        <TableBody items={agents} dependencies={[departmentList.data]} renderEmptyState={() => labels.empty}>
          {(agent) => {
            const fullName = `${agent.firstName} ${agent.lastName}`;
            return (
              <Row id={agent.id}>
                <Cell data-label={labels.columns.name}>
                  <span className="cell-title">{fullName}</span>
                </Cell>
                <Cell data-label={labels.columns.email}>{agent.email}</Cell>
                <Cell data-label={labels.columns.roles}>
                  {agent.roles.map((role) => t.roles[role] ?? role).join(', ') || t.common.emptyValue}
                </Cell>
                <Cell data-label={labels.columns.departments}>
                  {agent.departmentIds.map((id) => nameOf.get(id) ?? id).join(', ') || t.common.emptyValue}
                </Cell>
                <Cell data-label={labels.columns.status}>
                  {agent.invitationPending ? (
                    <span className="badge badge-warning">{labels.statusPending}</span>
                  ) : (
                    <StatusBadge isActive={agent.isActive} />
                  )}
                </Cell>
                <Cell data-label={labels.columns.actions}>
                  <div className="cell-actions">
                    <RowEditButton
                      label={labels.editLabel(fullName)}
                      onPress={() => open({ mode: 'edit', agent })}
                    />
                    {agent.invitationPending ? (
                      <Button
                        variant="quiet"
                        size="small"
                        aria-label={labels.resendLabel(fullName)}
                        onPress={() => resendInvitation(agent)}
                      >
                        {labels.resendInvitation}
                      </Button>
                    ) : null}
                  </div>
                </Cell>
              </Row>
            );
          }}
        </TableBody>
      </DataTable>
      {editing ? (
        <AgentDialog
          agent={editing.mode === 'edit' ? editing.agent : null}
          departments={departments}
          onClose={close}
          onSaved={onSaved}
        />
      ) : null}
    </ListPage>
  );
}
