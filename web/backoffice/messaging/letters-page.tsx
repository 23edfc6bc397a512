import { useState } from 'react';
import { Cell, Column, Row, TableBody, TableHeader } from 'react-aria-components';
import { api, describeError, withQuery } from '../../api/client';
import { Button } from '../../components/button';
import { DataTable } from '../../components/data-table';
import { formatDay } from '../../components/dates';
import { SelectInput } from '../../components/fields';
import { formatDateTime } from '../../components/layout';
import { Page } from '../../components/page';
import { useApiData } from '../../components/use-api-data';
import { t } from '../../i18n/fr';
import { NoticeAlert } from '../list-page';
import type { Notice } from '../use-editing';
import { Pagination } from '../../components/pagination';

const batchStatuses = ['open', 'closed', 'posted'] as const;
type BatchStatus = (typeof batchStatuses)[number];

/** A print batch as GET /backoffice/print-batches lists it. */
interface PrintBatch {
  id: string;
  batchDate: string;
  status: BatchStatus;
  closedAt: string | null;
  postedAt: string | null;
  postedByName: string | null;
  letterCount: number;
  totalCost: number;
}

const pageSize = 20;
const statusTone: Record<BatchStatus, string> = {
  open: 'badge-info',
  closed: 'badge-warning',
  posted: 'badge-success',
};

/**
 * « Courriers à imprimer »: the day's postal letters in batches. Downloading a batch (PDF or CSV)
 * closes it on the server; the print room then marks it as posted.
 */
export function LettersPage() {
  const labels = t.printBatches;
  const [status, setStatus] = useState<BatchStatus | 'all'>('all');
  const [page, setPage] = useState(1);
  const list = useApiData<{ items: PrintBatch[]; total: number }>(
    withQuery('/backoffice/print-batches', { status: status === 'all' ? undefined : status, page, pageSize }),
  );
  const [notice, setNotice] = useState<Notice | null>(null);
  const batches = list.data?.items ?? [];
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / pageSize));
  const statusOptions = [
    { id: 'all', label: labels.all },
    ...batchStatuses.map((value) => ({ id: value, label: labels.status[value] ?? value })),
  ];

  // The download closes the batch on the server; closing it here too (idempotent) tells us when.
  const afterDownload = (batch: PrintBatch) => {
    if (batch.status !== 'open') return;
    api
      .post(`/backoffice/print-batches/${batch.id}/close`)
      .catch((error: unknown) => setNotice({ tone: 'error', text: describeError(error) }))
      .finally(() => list.reload());
  };

  const markPosted = (batch: PrintBatch) => {
    setNotice(null);
    api
      .post(`/backoffice/print-batches/${batch.id}/posted`)
      .then(() => setNotice({ tone: 'success', text: labels.posted }))
      .catch((error: unknown) => setNotice({ tone: 'error', text: describeError(error) }))
      .finally(() => list.reload());
  };

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
            setStatus((batchStatuses as readonly string[]).includes(value) ? (value as BatchStatus) : 'all');
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
          <Column isRowHeader>{labels.columns.day}</Column>
          <Column>{labels.columns.status}</Column>
          <Column>{labels.columns.letters}</Column>
          <Column>{labels.columns.cost}</Column>
          <Column>{labels.columns.posted}</Column>
          <Column>{labels.columns.actions}</Column>
        </TableHeader>
        <TableBody items={batches} renderEmptyState={() => labels.empty}>
          {(batch) => {
            const day = formatDay(batch.batchDate);
            const base = `/api/v1/backoffice/print-batches/${batch.id}`;
            return (
              <Row id={batch.id}>
                <Cell data-label={labels.columns.day}>{day}</Cell>
                <Cell data-label={labels.columns.status}>
                  <span className={`badge ${statusTone[batch.status]}`}>
                    {labels.status[batch.status] ?? batch.status}
                  </span>
                </Cell>
                <Cell data-label={labels.columns.letters}>{labels.letters(batch.letterCount)}</Cell>
                <Cell data-label={labels.columns.cost}>
                  <span className="nowrap">{labels.cost(batch.totalCost)}</span>
                </Cell>
                <Cell data-label={labels.columns.posted}>
                  {batch.postedAt
                    ? labels.postedBy(formatDateTime(batch.postedAt), batch.postedByName)
                    : t.common.emptyValue}
                </Cell>
                <Cell data-label={labels.columns.actions}>
                  <div className="cell-actions">
                    <a
                      className="button button-secondary button-small"
                      href={`${base}/pdf`}
                      download
                      aria-label={labels.downloadPdfLabel(day)}
                      onClick={() => afterDownload(batch)}
                    >
                      {labels.downloadPdf}
                    </a>
                    <a
                      className="button button-secondary button-small"
                      href={`${base}/manifest.csv`}
                      download
                      aria-label={labels.downloadCsvLabel(day)}
                      onClick={() => afterDownload(batch)}
                    >
                      {labels.downloadCsv}
                    </a>
                    {batch.status === 'closed' ? (
                      <Button
                        variant="primary"
                        size="small"
                        aria-label={labels.markPostedLabel(day)}
                        onPress={() => markPosted(batch)}
                      >
                        {labels.markPosted}
                      </Button>
                    ) : null}
                  </div>
                </Cell>
              </Row>
            );
          }}
        </TableBody>
      </DataTable>
      <Pagination page={page} pages={pages} onChange={setPage} />
    </Page>
  );
}
