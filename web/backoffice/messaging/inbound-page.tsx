import { useState } from 'react';
import { Cell, Column, Row, TableBody, TableHeader } from 'react-aria-components';
import { Link } from 'react-router';
import type { InboundOutcome } from '../../../common/messaging';
import { apiHref } from '../../api/client';
import type { InboundMessage } from '../../api/backoffice';
import { DataTable } from '../../components/data-table';
import { SelectInput } from '../../components/fields';
import { formatDateTime } from '../../components/layout';
import { Page } from '../../components/page';
import { useApiData } from '../../components/use-api-data';
import { t } from '../../i18n/fr';
import { Pagination } from '../../components/pagination';

type InboundChannel = InboundMessage['channel'];

const labels = t.inbound;
const pageSize = 25;
/** In the catalogue's order: refused messages first, what administrators come here for. */
const outcomes = Object.keys(labels.outcome) as InboundOutcome[];
const channels = Object.keys(labels.channel) as InboundChannel[];
const outcomeOptions = [
  { id: 'all', label: labels.all },
  ...outcomes.map((outcome) => ({ id: outcome, label: labels.outcome[outcome] })),
];
const channelOptions = [
  { id: 'all', label: labels.all },
  ...channels.map((channel) => ({ id: channel, label: labels.channel[channel] })),
];

/** « Messages reçus »: administrators see every inbound e-mail and SMS and why it went where it went. */
export function InboundPage() {
  const [outcome, setOutcome] = useState<InboundOutcome | 'all'>('all');
  const [channel, setChannel] = useState<InboundChannel | 'all'>('all');
  const [page, setPage] = useState(1);
  const list = useApiData('/admin/inbound-messages', {
    params: {
      query: {
        outcome: outcome === 'all' ? undefined : outcome,
        channel: channel === 'all' ? undefined : channel,
        page,
        pageSize,
      },
    },
  });
  const messages = list.data?.items ?? [];
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / pageSize));

  return (
    <Page title={labels.title} lead={labels.intro}>
      <div className="toolbar">
        <SelectInput
          name="outcome"
          label={labels.outcomeFilter}
          options={outcomeOptions}
          value={outcome}
          onChange={(value) => {
            setPage(1);
            setOutcome(outcomes.find((known) => known === value) ?? 'all');
          }}
        />
        <SelectInput
          name="channel"
          label={labels.channelFilter}
          options={channelOptions}
          value={channel}
          onChange={(value) => {
            setPage(1);
            setChannel(channels.find((known) => known === value) ?? 'all');
          }}
        />
        {list.data ? (
          <p className="toolbar-count" role="status">
            {labels.total(list.data.total)}
          </p>
        ) : null}
      </div>
      <DataTable list={list} aria-label={labels.tableLabel}>
        <TableHeader>
          <Column isRowHeader>{labels.columns.subject}</Column>
          <Column>{labels.columns.sender}</Column>
          <Column>{labels.columns.channel}</Column>
          <Column>{labels.columns.outcome}</Column>
          <Column>{labels.columns.reason}</Column>
          <Column>{labels.columns.request}</Column>
          <Column>{labels.columns.receivedAt}</Column>
        </TableHeader>
        <TableBody items={messages} renderEmptyState={() => labels.empty}>
          {(message) => (
            <Row id={message.id}>
              <Cell data-label={labels.columns.subject}>
                {message.subject || labels.noSubject}
                {message.hasRaw ? (
                  <>
                    <br />
                    <small>
                      <a
                        href={apiHref('/admin/inbound-messages/{id}/raw', { path: { id: message.id } })}
                        aria-label={labels.rawLabel(message.subject || labels.noSubject)}
                        download
                      >
                        {labels.raw}
                      </a>
                    </small>
                  </>
                ) : null}
              </Cell>
              <Cell data-label={labels.columns.sender}>{message.sender ?? labels.noSender}</Cell>
              <Cell data-label={labels.columns.channel}>
                <span className="nowrap">
                  {labels.channel[message.channel]} ({labels.source[message.source] ?? message.source})
                </span>
              </Cell>
              <Cell data-label={labels.columns.outcome}>
                <span className={`status-badge inbound-${message.outcome}`}>
                  {labels.outcome[message.outcome]}
                </span>
              </Cell>
              <Cell data-label={labels.columns.reason}>
                {message.outcomeReason ? (
                  <span className={message.outcome === 'rejected' ? 'error-text' : undefined}>
                    {message.outcomeReason}
                  </span>
                ) : (
                  t.common.emptyValue
                )}
              </Cell>
              <Cell data-label={labels.columns.request}>
                {message.requestId && message.requestReference ? (
                  <Link
                    to={`/agent/demandes/${message.requestId}`}
                    aria-label={labels.openRequest(message.requestReference)}
                  >
                    {message.requestReference}
                  </Link>
                ) : (
                  t.common.emptyValue
                )}
              </Cell>
              <Cell data-label={labels.columns.receivedAt}>
                <span className="nowrap">{formatDateTime(message.receivedAt)}</span>
              </Cell>
            </Row>
          )}
        </TableBody>
      </DataTable>
      <Pagination page={page} pages={pages} onChange={setPage} />
    </Page>
  );
}
