import { useState } from 'react';
import { Cell, Column, Row, TableBody, TableHeader } from 'react-aria-components';
import { Link } from 'react-router';
import { withQuery } from '../../api/client';
import { DataTable } from '../../components/data-table';
import { SelectInput } from '../../components/fields';
import { formatDateTime } from '../../components/layout';
import { Page } from '../../components/page';
import { useApiData } from '../../components/use-api-data';
import { t } from '../../i18n/fr';
import { Pagination } from '../../components/pagination';

export type InboundOutcome =
  'pending' | 'request_created' | 'reply' | 'bounce' | 'auto_reply' | 'opt_out' | 'rejected';

export interface InboundMessage {
  id: string;
  channel: 'email' | 'sms';
  source: string;
  sender: string | null;
  recipient: string | null;
  subject: string | null;
  externalId: string | null;
  sizeBytes: number;
  hasRaw: boolean;
  outcome: InboundOutcome;
  outcomeReason: string | null;
  requestId: string | null;
  requestReference: string | null;
  receivedAt: string;
  processedAt: string | null;
}

const nbsp = '\u00a0';

/** French wording of this page (kept here: the page is the only one to use it). */
export const inboundLabels = {
  menu: 'Messages reçus',
  title: 'Messages reçus',
  intro:
    'Courriels et SMS arrivés à la mairie, et ce qu’ils sont devenus : nouvelle demande, réponse à une demande, avis de non-remise, réponse automatique ignorée ou message refusé avec sa raison.',
  outcomeFilter: 'Résultat',
  channelFilter: 'Canal',
  all: 'Tous',
  tableLabel: 'Messages reçus',
  empty: 'Aucun message reçu pour ce filtre.',
  total: (count: number) =>
    count === 0 ? 'Aucun message' : count === 1 ? '1 message' : `${count.toLocaleString('fr-FR')} messages`,
  columns: {
    subject: 'Objet',
    sender: 'Expéditeur',
    channel: 'Canal',
    outcome: 'Résultat',
    reason: 'Détail',
    receivedAt: 'Reçu le',
    request: 'Demande',
  },
  channel: { email: 'Courriel', sms: 'SMS' } as Record<string, string>,
  source: { smtp: 'SMTP', imap: 'IMAP', smpp: 'SMPP', http: 'passerelle HTTP' } as Record<string, string>,
  outcome: {
    pending: 'En attente',
    request_created: 'Nouvelle demande',
    reply: 'Réponse à une demande',
    bounce: 'Avis de non-remise',
    auto_reply: 'Réponse automatique',
    opt_out: 'Désinscription SMS',
    rejected: 'Refusé',
  } as Record<InboundOutcome, string>,
  noSubject: '(sans objet)',
  noSender: '(aucun expéditeur)',
  raw: 'Message brut',
  rawLabel: (subject: string) => `Télécharger le message brut «${nbsp}${subject}${nbsp}»`,
  openRequest: (reference: string) => `Ouvrir la demande ${reference}`,
};

const pageSize = 25;
const outcomes: InboundOutcome[] = [
  'rejected',
  'request_created',
  'reply',
  'bounce',
  'auto_reply',
  'opt_out',
  'pending',
];
const outcomeOptions = [
  { id: 'all', label: inboundLabels.all },
  ...outcomes.map((outcome) => ({ id: outcome, label: inboundLabels.outcome[outcome] })),
];
const channelOptions = [
  { id: 'all', label: inboundLabels.all },
  { id: 'email', label: inboundLabels.channel.email! },
  { id: 'sms', label: inboundLabels.channel.sms! },
];

/** « Messages reçus »: administrators see every inbound e-mail and SMS and why it went where it went. */
export function InboundPage() {
  const labels = inboundLabels;
  const [outcome, setOutcome] = useState<string>('all');
  const [channel, setChannel] = useState<string>('all');
  const [page, setPage] = useState(1);
  const list = useApiData<{ items: InboundMessage[]; total: number }>(
    withQuery('/admin/inbound-messages', {
      outcome: outcome === 'all' ? undefined : outcome,
      channel: channel === 'all' ? undefined : channel,
      page,
      pageSize,
    }),
  );
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
            setOutcome(value || 'all');
          }}
        />
        <SelectInput
          name="channel"
          label={labels.channelFilter}
          options={channelOptions}
          value={channel}
          onChange={(value) => {
            setPage(1);
            setChannel(value || 'all');
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
                        href={`/api/v1/admin/inbound-messages/${message.id}/raw`}
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
                  {labels.channel[message.channel] ?? message.channel} (
                  {labels.source[message.source] ?? message.source})
                </span>
              </Cell>
              <Cell data-label={labels.columns.outcome}>
                <span className={`status-badge inbound-${message.outcome}`}>
                  {labels.outcome[message.outcome] ?? message.outcome}
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
