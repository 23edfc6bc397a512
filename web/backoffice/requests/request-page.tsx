import { useCallback, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, describeError } from '../../api/client';
import { isRequestStatus } from '../../../common/requests';
import type { AgentTimelineEntry, Attachment, RequestForAgent } from '../../api/backoffice';
import { Alert } from '../../components/alert';
import { Button, ButtonLink } from '../../components/button';
import { Loading, Page } from '../../components/page';
import { useApiData } from '../../components/use-api-data';
import { t } from '../../i18n/fr';
import { ScanPreview } from '../messaging/scan-preview';
import { RequestStatusBadge } from '../status-badge';
import type { Notice } from '../use-editing';
import {
  AssignDialog,
  DuplicateDialog,
  MessageForm,
  NoteForm,
  QualifyDialog,
  TransitionDialog,
  transitionChoices,
  useAssignToMe,
  type ActionContext,
} from './request-actions';
import { DueDate, formatDateTime, formatLongDay, PriorityLabel } from './request-format';
import { useRequestEvents } from './use-request-events';
import { messageStatusDetail } from '../messaging/message-status';
import { formatPhone } from '../../../common/phone';

const texts = t.agentRequests;
const labels = texts.detail;

type DialogName = 'qualify' | 'duplicate' | 'assign' | 'transition';

function statusName(value: unknown): string {
  if (isRequestStatus(value)) return texts.statuses[value];
  return typeof value === 'string' ? value : '';
}

/** What a timeline entry says besides its body: the status change, the new assignee. */
function entryDetail(entry: AgentTimelineEntry, agentName: (id: unknown) => string): string | null {
  if (entry.type === 'status_changed' && entry.data.from && entry.data.to) {
    return labels.statusChange(statusName(entry.data.from), statusName(entry.data.to));
  }
  if (entry.type === 'message_status') return messageStatusDetail(entry.data);
  if (entry.type === 'assigned' && 'to' in entry.data) {
    return labels.statusChange(agentName(entry.data.from), agentName(entry.data.to));
  }
  return null;
}

function Timeline({ entries }: { entries: AgentTimelineEntry[] }) {
  const assignees = useApiData('/backoffice/assignees');
  const names = new Map((assignees.data ?? []).map((agent) => [agent.id, agent.name]));
  const agentName = (id: unknown) =>
    typeof id === 'string' ? (names.get(id) ?? labels.otherAgent) : texts.queue.unassignedValue;
  return (
    <section className="card card-timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{labels.timelineTitle}</h2>
      {entries.length === 0 ? (
        <p className="muted">{labels.timelineEmpty}</p>
      ) : (
        <ol className="agent-timeline">
          {entries.map((entry) => {
            const detail = entryDetail(entry, agentName);
            const isInternal = entry.visibility === 'internal';
            return (
              <li key={entry.id} className={`agent-timeline-entry${isInternal ? ' is-internal' : ''}`}>
                <div className="agent-timeline-head">
                  <span className="agent-timeline-type">
                    {labels.events[entry.type] ?? labels.otherEvent}
                  </span>
                  {isInternal ? (
                    <span className="badge badge-internal">{labels.internal}</span>
                  ) : (
                    <span className="visually-hidden">{labels.public}</span>
                  )}
                </div>
                <p className="agent-timeline-meta">
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                  {' · '}
                  {entry.actor.name} ({labels.actorKinds[entry.actor.kind]})
                </p>
                {detail ? <p className="agent-timeline-detail">{detail}</p> : null}
                {entry.body ? <p className="agent-timeline-body">{entry.body}</p> : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function Attachments({
  request,
  onUploaded,
}: {
  request: RequestForAgent;
  onUploaded(message: string): void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const upload = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setError(labels.chooseFile);
      fileRef.current?.focus();
      return;
    }
    const visibility = new FormData(form).get('visibility') === 'internal' ? 'internal' : 'public';
    // The visibility first: the server reads the fields that precede the file.
    const body = new FormData();
    body.append('visibility', visibility);
    body.append('file', file);
    setError(null);
    setIsPending(true);
    api
      .upload('/backoffice/requests/{id}/attachments', body, { params: { path: { id: request.id } } })
      .then(() => {
        form.reset();
        onUploaded(labels.uploaded);
      })
      .catch((caught: unknown) => setError(describeError(caught)))
      .finally(() => setIsPending(false));
  };
  return (
    <section className="card card-attachments" aria-labelledby="attachments-title">
      <h2 id="attachments-title">{labels.attachmentsTitle}</h2>
      {request.attachments.length === 0 ? (
        <p className="muted">{labels.noAttachments}</p>
      ) : (
        <ul className="attachment-list">
          {request.attachments.map((attachment: Attachment) => (
            <li key={attachment.id}>
              <a
                href={attachment.downloadUrl}
                download={attachment.fileName}
                aria-label={labels.download(attachment.fileName)}
              >
                {attachment.fileName}
              </a>
              <span className="cell-detail">
                {labels.size(Math.max(1, Math.round(attachment.sizeBytes / 1024)))} ·{' '}
                {formatDateTime(attachment.createdAt)}
                {attachment.visibility === 'internal' ? (
                  <>
                    {' '}
                    <span className="badge badge-internal">{labels.internal}</span>
                  </>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
      <form className="form upload-form" onSubmit={upload} aria-labelledby="upload-title">
        <h3 id="upload-title" className="upload-title">
          {labels.upload}
        </h3>
        {error ? <Alert tone="error">{error}</Alert> : null}
        <div className="field">
          <label htmlFor="attachment-file" className="field-label">
            {labels.uploadFile}
          </label>
          <input id="attachment-file" ref={fileRef} type="file" name="file" className="input input-file" />
        </div>
        <fieldset className="field upload-visibility">
          <legend className="field-label">{labels.uploadVisibility}</legend>
          <label className="radio-native">
            <input type="radio" name="visibility" value="public" />
            <span>{labels.uploadPublic}</span>
          </label>
          <label className="radio-native">
            <input type="radio" name="visibility" value="internal" defaultChecked />
            <span>{labels.uploadInternal}</span>
          </label>
        </fieldset>
        <div className="form-actions">
          <Button type="submit" variant="secondary">
            {isPending ? labels.uploading : labels.uploadSubmit}
          </Button>
        </div>
      </form>
    </section>
  );
}

function Requester({ request }: { request: RequestForAgent }) {
  const { requester } = request;
  const address = requester.postalAddress;
  return (
    <section className="card card-requester" aria-labelledby="requester-title">
      <h2 id="requester-title">{labels.requesterTitle}</h2>
      <p className="requester-name">{requester.name ?? texts.queue.anonymous}</p>
      {requester.citizenId ? null : <p className="muted">{labels.noAccount}</p>}
      <dl className="agent-facts agent-facts-stacked">
        {requester.email ? (
          <div>
            <dt>{labels.email}</dt>
            <dd>
              <a href={`mailto:${requester.email}`}>{requester.email}</a>
            </dd>
          </div>
        ) : null}
        {requester.phone ? (
          <div>
            <dt>{labels.phone}</dt>
            <dd>
              <a href={`tel:${requester.phone.replace(/\s/g, '')}`}>{formatPhone(requester.phone)}</a>
            </dd>
          </div>
        ) : null}
        {address ? (
          <div>
            <dt>{labels.address}</dt>
            <dd>
              {address.line1}
              {address.line2 ? (
                <>
                  <br />
                  {address.line2}
                </>
              ) : null}
              <br />
              {address.postcode} {address.city}
            </dd>
          </div>
        ) : null}
      </dl>
      <h3 className="requester-others-title">{labels.otherRequests}</h3>
      {requester.otherRequests.length === 0 ? (
        <p className="muted">{labels.noOtherRequests}</p>
      ) : (
        <ul className="other-requests">
          {requester.otherRequests.map((other) => (
            <li key={other.id}>
              <Link to={`/agent/demandes/${other.id}`}>{other.reference}</Link>{' '}
              <RequestStatusBadge status={other.status} />
              <span className="cell-detail">
                {other.subject} · {formatLongDay(other.receivedAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Actions({ context, onOpen }: { context: ActionContext; onOpen(dialog: DialogName): void }) {
  const { request } = context;
  const toMe = useAssignToMe(context);
  const allowed = request.allowedTransitions;
  const canQualify = allowed.includes('qualified') && request.status === 'received';
  const canMarkDuplicate = allowed.includes('duplicate');
  const isOpen = !['answered', 'closed', 'rejected', 'duplicate', 'cancelled'].includes(request.status);
  const hasTransitions = transitionChoices(allowed).length > 0;
  const nothing = !canQualify && !canMarkDuplicate && !isOpen && !hasTransitions;
  return (
    <section className="card card-actions" aria-labelledby="actions-title">
      <h2 id="actions-title">{labels.actionsTitle}</h2>
      {toMe.error ? <Alert tone="error">{describeError(toMe.error)}</Alert> : null}
      {nothing ? <p className="muted">{labels.noActions}</p> : null}
      <div className="request-actions">
        {canQualify ? <Button onPress={() => onOpen('qualify')}>{texts.actions.qualify}</Button> : null}
        {isOpen && !toMe.isMine ? (
          <Button variant="secondary" onPress={toMe.assign}>
            {toMe.isPending ? t.common.saving : texts.actions.assignMe}
          </Button>
        ) : null}
        {isOpen ? (
          <Button variant="secondary" onPress={() => onOpen('assign')}>
            {texts.actions.assign}
          </Button>
        ) : null}
        {hasTransitions ? (
          <Button variant="secondary" onPress={() => onOpen('transition')}>
            {texts.actions.transition}
          </Button>
        ) : null}
        {canMarkDuplicate ? (
          <Button variant="quiet" onPress={() => onOpen('duplicate')}>
            {texts.actions.markDuplicate}
          </Button>
        ) : null}
      </div>
    </section>
  );
}

function Facts({ request }: { request: RequestForAgent }) {
  return (
    <section className="card request-summary" aria-label={labels.summaryLabel}>
      <dl className="agent-facts">
        <div>
          <dt>{labels.status}</dt>
          <dd>
            <RequestStatusBadge status={request.status} />
          </dd>
        </div>
        <div>
          <dt>{labels.phase}</dt>
          <dd>{texts.phases[request.phase] ?? request.phase}</dd>
        </div>
        <div>
          <dt>{labels.dueAt}</dt>
          <dd>
            <DueDate item={request} isLong />
          </dd>
        </div>
        <div>
          <dt>{labels.priority}</dt>
          <dd>
            <PriorityLabel priority={request.priority} />
          </dd>
        </div>
        <div>
          <dt>{labels.category}</dt>
          <dd>{request.category?.name ?? labels.none}</dd>
        </div>
        <div>
          <dt>{labels.department}</dt>
          <dd>{request.department?.name ?? labels.none}</dd>
        </div>
        <div>
          <dt>{labels.assignee}</dt>
          <dd>{request.assignee?.name ?? texts.queue.unassignedValue}</dd>
        </div>
        <div>
          <dt>{labels.channel}</dt>
          <dd>{texts.channels[request.channel] ?? request.channel}</dd>
        </div>
        <div>
          <dt>{labels.receivedAt}</dt>
          <dd>{formatDateTime(request.receivedAt)}</dd>
        </div>
        <div>
          <dt>{labels.trackingCode}</dt>
          <dd className="tracking-code-inline">{request.trackingCode}</dd>
        </div>
      </dl>
    </section>
  );
}

/** `/agent/demandes/:id`: everything about one request, its history and what can be done with it. */
export function RequestPage() {
  const { id = '' } = useParams();
  const request = useApiData('/backoffice/requests/{id}', { params: { path: { id } } });
  const [dialog, setDialog] = useState<DialogName | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [liveText, setLiveText] = useState('');
  const { reload } = request;
  // The agent's own action comes back on the stream too: no « mise à jour » notice for it.
  const ownActionAt = useRef(0);
  const [knownVersion, setKnownVersion] = useState<{ id: string; version: number } | null>(null);

  useRequestEvents((_, changedId) => {
    if (changedId !== id) return;
    reload();
    if (Date.now() - ownActionAt.current > 5000) setLiveText(labels.liveUpdated);
  });

  const onDone = useCallback(
    (message: string, version?: number) => {
      ownActionAt.current = Date.now();
      if (version !== undefined) setKnownVersion({ id, version });
      setDialog(null);
      setLiveText('');
      setNotice({ tone: 'success', text: message });
      reload();
    },
    [reload, id],
  );
  const onChanged = useCallback(() => {
    setDialog(null);
    setNotice({ tone: 'error', text: labels.changed });
    reload();
  }, [reload]);

  const back = (
    <p className="back-link">
      <Link to="/agent/demandes">{labels.back}</Link>
    </p>
  );
  const isMissing = request.error instanceof ApiError && request.error.status === 404;
  if (request.data && isMissing) {
    // The agent's own action (a qualification, for instance) took the request out of their scope.
    return (
      <Page title={labels.title(request.data.reference)} width="narrow">
        {notice?.tone === 'success' ? <Alert tone="success">{notice.text}</Alert> : null}
        <Alert tone="info">{labels.leftScope}</Alert>
        <ButtonLink to="/agent/qualification" variant="secondary">
          {labels.backToQualification}
        </ButtonLink>{' '}
        <ButtonLink to="/agent/demandes" variant="quiet">
          {labels.back}
        </ButtonLink>
      </Page>
    );
  }
  if (!request.data) {
    if (!request.error) return <Loading />;
    return (
      <Page title={t.app.notFoundTitle} width="narrow">
        <Alert tone="error">{isMissing ? labels.notFound : describeError(request.error)}</Alert>
        <ButtonLink to="/agent/demandes" variant="secondary">
          {labels.back}
        </ButtonLink>
      </Page>
    );
  }
  const detail = request.data;
  // The version returned by the agent's last action is sent with the next one, even before the
  // page has read the request again (two quick actions in a row are not a conflict).
  const version =
    knownVersion && knownVersion.id === detail.id
      ? Math.max(detail.version, knownVersion.version)
      : detail.version;
  const context: ActionContext = { request: { ...detail, version }, onDone, onChanged };
  const close = () => setDialog(null);
  return (
    <Page title={labels.title(detail.reference)} lead={detail.subject}>
      {back}
      <p className="live-status" role="status">
        {liveText}
      </p>
      {notice ? (
        // A conflict takes the focus (and the view) to its message; a success stays where it is.
        <Alert tone={notice.tone} shouldFocus={notice.tone === 'error'}>
          {notice.text}
        </Alert>
      ) : null}
      <Facts request={detail} />
      <Actions context={context} onOpen={setDialog} />
      <div className="agent-request-layout">
        <div className="agent-request-main">
          {detail.channel === 'letter' ? <ScanPreview request={detail} /> : null}
          <section className="card card-description" aria-labelledby="description-title">
            <h2 id="description-title">{labels.descriptionTitle}</h2>
            <p className="request-description">{detail.description}</p>
            {detail.location.address ? (
              <p>
                <strong>{labels.location}</strong>
                <br />
                {detail.location.address}
              </p>
            ) : null}
            {detail.duplicateOf ? (
              <p>
                <strong>{labels.duplicateOf}</strong>{' '}
                <Link to={`/agent/demandes/${detail.duplicateOf.id}`}>{detail.duplicateOf.reference}</Link>
              </p>
            ) : null}
            {detail.rejectionReason ? (
              <p>
                <strong>{labels.rejectionReason}</strong>
                <br />
                {detail.rejectionReason}
              </p>
            ) : null}
            {detail.satisfaction ? (
              <p>
                {labels.satisfaction(detail.satisfaction.rating)}
                {detail.satisfaction.comment ? ` – ${detail.satisfaction.comment}` : ''}
              </p>
            ) : null}
          </section>
          <Timeline entries={detail.timeline} />
          <MessageForm context={context} />
          <NoteForm context={context} />
        </div>
        <div className="agent-request-side">
          <Requester request={detail} />
          <Attachments request={detail} onUploaded={onDone} />
        </div>
      </div>
      {dialog === 'qualify' ? <QualifyDialog context={context} onClose={close} /> : null}
      {dialog === 'duplicate' ? <DuplicateDialog context={context} onClose={close} /> : null}
      {dialog === 'assign' ? <AssignDialog context={context} onClose={close} /> : null}
      {dialog === 'transition' ? <TransitionDialog context={context} onClose={close} /> : null}
    </Page>
  );
}
