import { useState } from 'react';
import { Cell, Column, Row, TableBody, TableHeader } from 'react-aria-components';
import { api } from '../api/client';
import type { Job, JobStatus } from '../api/types';
import { Button } from '../components/button';
import { SelectInput } from '../components/fields';
import { formatDateTime } from '../components/layout';
import { DataTable } from '../components/data-table';
import { Page } from '../components/page';
import { useApiData } from '../components/use-api-data';
import { t } from '../i18n/fr';
import { NoticeAlert } from './list-page';
import { useListAction } from './use-editing';
import { Pagination } from '../components/pagination';

const pageSize = 25;
/** In the catalogue's order: failed first, what administrators come here for. */
const jobStatuses = Object.keys(t.backoffice.jobs.status) as JobStatus[];
const statusOptions = jobStatuses.map((status) => ({ id: status, label: t.backoffice.jobs.status[status] }));

/** Background jobs, failed ones first: administrators see why and retry them. */
export function JobsPage() {
  const labels = t.backoffice.jobs;
  const [status, setStatus] = useState<JobStatus>('failed');
  const [page, setPage] = useState(1);
  const list = useApiData('/admin/jobs', { params: { query: { status, page, pageSize } } });
  const { notice, setNotice, run } = useListAction(list.reload);
  const jobs = list.data?.items ?? [];
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / pageSize));

  const retry = (job: Job) =>
    run(() => api.post('/admin/jobs/{id}/retry', { params: { path: { id: job.id } } }), {
      success: labels.retried,
    });

  return (
    <Page title={labels.title} lead={labels.intro}>
      <div className="toolbar">
        <SelectInput
          name="status"
          label={labels.statusFilter}
          options={statusOptions}
          value={status}
          onChange={(value) => {
            setNotice(null);
            setPage(1);
            setStatus(jobStatuses.find((known) => known === value) ?? 'failed');
          }}
        />
        {list.data ? (
          <p className="toolbar-count" role="status">
            {labels.total(list.data.total)}
          </p>
        ) : null}
      </div>
      <NoticeAlert notice={notice} />
      <DataTable list={list} aria-label={labels.tableLabel}>
        <TableHeader>
          <Column isRowHeader>{labels.columns.type}</Column>
          <Column>{labels.columns.attempts}</Column>
          <Column>{labels.columns.lastError}</Column>
          <Column>{labels.columns.updatedAt}</Column>
          <Column>{labels.columns.actions}</Column>
        </TableHeader>
        <TableBody items={jobs} renderEmptyState={() => labels.empty}>
          {(job) => (
            <Row id={job.id}>
              <Cell data-label={labels.columns.type}>
                <code>{job.type}</code>
              </Cell>
              <Cell data-label={labels.columns.attempts}>
                <span className="nowrap">{labels.attempts(job.attempts, job.maxAttempts)}</span>
              </Cell>
              <Cell data-label={labels.columns.lastError}>
                {job.lastError ? <span className="error-text">{job.lastError}</span> : t.common.emptyValue}
              </Cell>
              <Cell data-label={labels.columns.updatedAt}>
                <span className="nowrap">{formatDateTime(job.updatedAt)}</span>
              </Cell>
              <Cell data-label={labels.columns.actions}>
                {job.status === 'failed' ? (
                  <Button
                    variant="secondary"
                    size="small"
                    aria-label={labels.retryLabel(job.type)}
                    onPress={() => retry(job)}
                  >
                    {labels.retry}
                  </Button>
                ) : (
                  t.common.emptyValue
                )}
              </Cell>
            </Row>
          )}
        </TableBody>
      </DataTable>
      <Pagination page={page} pages={pages} onChange={setPage} />
    </Page>
  );
}
