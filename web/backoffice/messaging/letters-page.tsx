import { formatEuros } from '../../../common/money';
import { useEffect, useRef, useState } from 'react';
import { Cell, Column, Radio, RadioGroup, Row, TableBody, TableHeader } from 'react-aria-components';
import { api, apiHref } from '../../api/client';
import type { PrintBatch, PrintBatchStatus as BatchStatus } from '../../api/backoffice';
import { Button } from '../../components/button';
import { DataTable } from '../../components/data-table';
import { formatDay } from '../../components/dates';
import { FieldLabel, SelectInput } from '../../components/fields';
import { formatDateTime } from '../../components/layout';
import { Page } from '../../components/page';
import { useApiData } from '../../components/use-api-data';
import { t } from '../../i18n/fr';
import { NoticeAlert } from '../list-page';
import { useListAction } from '../use-editing';
import { Pagination } from '../../components/pagination';

const batchStatuses = Object.keys(t.printBatches.status) as BatchStatus[];

type Printing = 'duplex' | 'simplex';

/** Sheets of paper for a letter's pages, as the server counts them in the manifest. */
function sheetsOf(pages: number, printing: Printing): number {
  return printing === 'duplex' ? Math.ceil(pages / 2) : pages;
}

const pageSize = 20;
const statusTone: Record<BatchStatus, string> = {
  open: 'badge-info',
  closed: 'badge-warning',
  posted: 'badge-success',
};

/** The letters of one batch: pages and sheets of each, and its PDF alone. */
function BatchLetters({
  batchId,
  printing,
  onHide,
}: {
  batchId: string;
  printing: Printing;
  onHide(): void;
}) {
  const labels = t.printBatches;
  const detail = useApiData('/backoffice/print-batches/{id}', { params: { path: { id: batchId } } });
  const headingRef = useRef<HTMLHeadingElement>(null);
  const day = detail.data ? formatDay(detail.data.batchDate) : '';
  // The section appears below the list: take the reader there once it is loaded.
  const loadedId = detail.data?.id;
  useEffect(() => {
    if (loadedId) headingRef.current?.focus();
  }, [loadedId]);
  const letters = detail.data?.letters ?? [];
  const hasEnclosures = letters.some((letter) => letter.enclosureCount > 0);
  return (
    <section className="card" aria-labelledby="batch-letters-title">
      <div className="toolbar">
        <h2 id="batch-letters-title" ref={headingRef} tabIndex={-1}>
          {day ? labels.lettersTitle(day) : labels.columns.letters}
        </h2>
        <Button variant="secondary" size="small" onPress={onHide}>
          {labels.hideLetters}
        </Button>
      </div>
      {hasEnclosures ? <p className="muted">{labels.sheetsHint}</p> : null}
      <DataTable list={detail} aria-label={labels.lettersTableLabel(day)}>
        <TableHeader>
          <Column isRowHeader>{labels.letterColumns.recipient}</Column>
          <Column>{labels.letterColumns.reference}</Column>
          <Column>{labels.letterColumns.city}</Column>
          <Column>{labels.letterColumns.pages}</Column>
          <Column>{labels.letterColumns.sheets}</Column>
          <Column>{labels.letterColumns.pdf}</Column>
        </TableHeader>
        <TableBody
          items={letters.map((letter, index) => ({ ...letter, id: letter.messageId, index }))}
          renderEmptyState={() => labels.lettersEmpty}
        >
          {(letter) => (
            <Row id={letter.messageId}>
              <Cell data-label={labels.letterColumns.recipient}>
                <div>
                  {letter.recipientName}
                  <span className="cell-detail">{labels.letterNumber(letter.index + 1)}</span>
                </div>
              </Cell>
              <Cell data-label={labels.letterColumns.reference}>
                <span className="nowrap">{letter.about?.label ?? t.common.emptyValue}</span>
              </Cell>
              <Cell data-label={labels.letterColumns.city}>
                {[letter.postcode, letter.city].filter(Boolean).join(' ')}
              </Cell>
              <Cell data-label={labels.letterColumns.pages}>
                <div>
                  {letter.pageCount === null ? labels.pagesUnknown : labels.pages(letter.pageCount)}
                  {letter.enclosureCount > 0 ? (
                    <span className="cell-detail">{labels.enclosures(letter.enclosureCount)}</span>
                  ) : null}
                  {letter.unprintedFiles.length > 0 ? (
                    <span className="cell-detail">{labels.unprinted(letter.unprintedFiles.join(', '))}</span>
                  ) : null}
                </div>
              </Cell>
              <Cell data-label={labels.letterColumns.sheets}>
                {letter.pageCount === null
                  ? t.common.emptyValue
                  : labels.sheets(sheetsOf(letter.pageCount, printing))}
              </Cell>
              <Cell data-label={labels.letterColumns.pdf}>
                <a
                  className="button button-secondary button-small"
                  href={letter.pdfUrl}
                  download
                  aria-label={labels.downloadLetterLabel(letter.recipientName)}
                >
                  {labels.downloadLetter}
                </a>
              </Cell>
            </Row>
          )}
        </TableBody>
      </DataTable>
    </section>
  );
}

/**
 * « Courriers à imprimer »: the day's postal letters in batches. Downloading a batch (PDF or CSV,
 * recto-verso or not) closes it on the server; the print room then marks it as posted. The detail
 * of a batch lists its letters with their pages and sheets, each downloadable alone.
 */
export function LettersPage() {
  const labels = t.printBatches;
  const [status, setStatus] = useState<BatchStatus | 'all'>('all');
  const [page, setPage] = useState(1);
  const list = useApiData('/backoffice/print-batches', {
    params: { query: { status: status === 'all' ? undefined : status, page, pageSize } },
  });
  const { notice, setNotice, run } = useListAction(list.reload);
  const [printing, setPrinting] = useState<Printing>('duplex');
  const [shownBatchId, setShownBatchId] = useState<string | null>(null);
  const duplex = printing === 'duplex';
  const batches = list.data?.items ?? [];
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / pageSize));
  const statusOptions = [
    { id: 'all', label: labels.all },
    ...batchStatuses.map((value) => ({ id: value, label: labels.status[value] })),
  ];

  // The download closes the batch on the server; closing it here too (idempotent) tells us when.
  const afterDownload = (batch: PrintBatch) => {
    if (batch.status !== 'open') return;
    run(() => api.post('/backoffice/print-batches/{id}/close', { params: { path: { id: batch.id } } }), {
      keepNotice: true,
    });
  };

  const markPosted = (batch: PrintBatch) =>
    run(() => api.post('/backoffice/print-batches/{id}/posted', { params: { path: { id: batch.id } } }), {
      success: labels.posted,
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
            setStatus(batchStatuses.find((known) => known === value) ?? 'all');
          }}
        />
        <RadioGroup
          className="field choice-group"
          value={printing}
          onChange={(value) => setPrinting(value === 'simplex' ? 'simplex' : 'duplex')}
        >
          <FieldLabel label={labels.printing} description={labels.printingHint} />
          <div className="choice-list">
            {(['duplex', 'simplex'] as const).map((value) => (
              <Radio key={value} value={value} className="radio">
                <span className="radio-circle" aria-hidden="true" />
                <span>{labels[value]}</span>
              </Radio>
            ))}
          </div>
        </RadioGroup>
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
        <TableBody
          items={batches}
          dependencies={[duplex, shownBatchId]}
          renderEmptyState={() => labels.empty}
        >
          {(batch) => {
            const day = formatDay(batch.batchDate);
            const download = { path: { id: batch.id }, query: { duplex } };
            return (
              <Row id={batch.id}>
                <Cell data-label={labels.columns.day}>{day}</Cell>
                <Cell data-label={labels.columns.status}>
                  <span className={`badge ${statusTone[batch.status]}`}>{labels.status[batch.status]}</span>
                </Cell>
                <Cell data-label={labels.columns.letters}>{labels.letters(batch.letterCount)}</Cell>
                <Cell data-label={labels.columns.cost}>
                  <span className="nowrap">{formatEuros(batch.totalCostCents)}</span>
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
                      href={apiHref('/backoffice/print-batches/{id}/pdf', download)}
                      download
                      aria-label={labels.downloadPdfLabel(day)}
                      onClick={() => afterDownload(batch)}
                    >
                      {labels.downloadPdf}
                    </a>
                    <a
                      className="button button-secondary button-small"
                      href={apiHref('/backoffice/print-batches/{id}/manifest.csv', download)}
                      download
                      aria-label={labels.downloadCsvLabel(day)}
                      onClick={() => afterDownload(batch)}
                    >
                      {labels.downloadCsv}
                    </a>
                    <Button
                      variant="secondary"
                      size="small"
                      aria-label={labels.showLettersLabel(day)}
                      aria-expanded={shownBatchId === batch.id}
                      aria-controls={shownBatchId === batch.id ? 'batch-letters' : undefined}
                      onPress={() => setShownBatchId(shownBatchId === batch.id ? null : batch.id)}
                    >
                      {labels.showLetters}
                    </Button>
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
      {shownBatchId ? (
        <div id="batch-letters" style={{ marginTop: 'var(--space-5)' }}>
          <BatchLetters
            key={shownBatchId}
            batchId={shownBatchId}
            printing={printing}
            onHide={() => setShownBatchId(null)}
          />
        </div>
      ) : null}
    </Page>
  );
}
