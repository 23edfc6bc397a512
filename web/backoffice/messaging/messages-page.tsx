import { formatEuros } from '../../../common/money';
import { useState } from 'react';
import { Cell, Column, Row, TableBody, TableHeader } from 'react-aria-components';
import {
  deliveryStatuses,
  outboundChannels,
  type DeliveryStatus,
  type OutboundChannel,
} from '../../../common/messaging';
import { api } from '../../api/client';
import type { OutboundMessage } from '../../api/backoffice';
import { Button } from '../../components/button';
import { DataTable } from '../../components/data-table';
import { SelectInput } from '../../components/fields';
import { formatDateTime } from '../../components/layout';
import { Page } from '../../components/page';
import { useApiData } from '../../components/use-api-data';
import { t } from '../../i18n/fr';
import { NoticeAlert } from '../list-page';
import { useListAction } from '../use-editing';
import { Pagination } from '../../components/pagination';

const pageSize = 25;
const labels = t.messaging.messages;
/** Failed first: what administrators come here for. */
const statuses: DeliveryStatus[] = ['failed', ...deliveryStatuses.filter((status) => status !== 'failed')];
const statusOptions = [
  { id: 'all', label: labels.allStatuses },
  ...statuses.map((status) => ({ id: status, label: labels.status[status] })),
];
const channelOptions = [
  { id: 'all', label: labels.allChannels },
  ...outboundChannels.map((channel) => ({ id: channel, label: labels.channel[channel] })),
];

/** Failed, or apparently stuck (the server refuses while a job still holds the message). */
function mayRetry(message: OutboundMessage): boolean {
  if (message.status === 'failed') return true;
  const stuckAfterMs = 60 * 60 * 1000;
  return (
    (message.status === 'queued' || message.status === 'sending') &&
    Date.now() - new Date(message.queuedAt).getTime() > stuckAfterMs
  );
}

/** « Messages envoyés »: every outbound message with its delivery state; failed ones can be retried. */
export function MessagesPage() {
  const [status, setStatus] = useState<DeliveryStatus | 'all'>('failed');
  const [channel, setChannel] = useState<OutboundChannel | 'all'>('all');
  const [page, setPage] = useState(1);
  const list = useApiData('/admin/messages', {
    params: {
      query: {
        status: status === 'all' ? undefined : status,
        channel: channel === 'all' ? undefined : channel,
        page,
        pageSize,
      },
    },
  });
  const { notice, setNotice, run } = useListAction(list.reload);
  const messages = list.data?.items ?? [];
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / pageSize));

  const retry = (message: OutboundMessage) =>
    run(() => api.post('/admin/messages/{id}/retry', { params: { path: { id: message.id } } }), {
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
            setStatus(statuses.find((known) => known === value) ?? 'all');
          }}
        />
        <SelectInput
          name="channel"
          label={labels.channelFilter}
          options={channelOptions}
          value={channel}
          onChange={(value) => {
            setNotice(null);
            setPage(1);
            setChannel(outboundChannels.find((known) => known === value) ?? 'all');
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
          <Column isRowHeader>{labels.columns.subject}</Column>
          <Column>{labels.columns.channel}</Column>
          <Column>{labels.columns.recipient}</Column>
          <Column>{labels.columns.status}</Column>
          <Column>{labels.columns.attempts}</Column>
          <Column>{labels.columns.lastError}</Column>
          <Column>{labels.columns.cost}</Column>
          <Column>{labels.columns.queuedAt}</Column>
          <Column>{labels.columns.actions}</Column>
        </TableHeader>
        <TableBody items={messages} renderEmptyState={() => labels.empty}>
          {(message) => (
            <Row id={message.id}>
              <Cell data-label={labels.columns.subject}>
                {message.subject || t.common.emptyValue}
                {message.about?.label ? (
                  <>
                    <br />
                    <small>{labels.request(message.about.label)}</small>
                  </>
                ) : null}
                {message.fallbackOfId ? (
                  <>
                    <br />
                    <small>{labels.fallbackOf}</small>
                  </>
                ) : null}
              </Cell>
              <Cell data-label={labels.columns.channel}>{labels.channel[message.channel]}</Cell>
              <Cell data-label={labels.columns.recipient}>{message.toAddress ?? t.common.emptyValue}</Cell>
              <Cell data-label={labels.columns.status}>
                <span className={`status-badge status-${message.status}`}>
                  {labels.status[message.status]}
                </span>
              </Cell>
              <Cell data-label={labels.columns.attempts}>{message.attempts}</Cell>
              <Cell data-label={labels.columns.lastError}>
                {message.lastError ? (
                  <span className="error-text">{message.lastError}</span>
                ) : (
                  t.common.emptyValue
                )}
              </Cell>
              <Cell data-label={labels.columns.cost}>
                <span className="nowrap">
                  {message.costCents === null ? t.common.emptyValue : formatEuros(message.costCents)}
                </span>
              </Cell>
              <Cell data-label={labels.columns.queuedAt}>
                <span className="nowrap">{formatDateTime(message.queuedAt)}</span>
              </Cell>
              <Cell data-label={labels.columns.actions}>
                {mayRetry(message) ? (
                  <Button
                    variant="secondary"
                    size="small"
                    aria-label={labels.retryLabel(message.subject)}
                    onPress={() => retry(message)}
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
