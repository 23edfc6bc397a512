import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, describeError } from '../api/client';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { TextAreaInput } from '../components/fields';
import { AppForm, formText, useFormAction } from '../components/form';
import { Loading, Page } from '../components/page';
import { useApiData } from '../components/use-api-data';
import { t } from '../i18n/fr';
import { AttachmentList } from './attachment-list';
import { PhaseProgress, RequestFacts, RequestTimeline } from './request-display';
import { SatisfactionSurvey } from './satisfaction-survey';

const texts = t.portal.myRequests;

/** Sends a message to the town about the request, then asks the page to read it again. */
function MessageForm({ requestId, onSent }: { requestId: string; onSent(): void }) {
  const [sent, setSent] = useState(false);
  const send = useCallback(
    async (data: FormData) => {
      setSent(false);
      await api.post('/requests/{id}/messages', {
        params: { path: { id: requestId } },
        body: { body: formText(data, 'body') },
      });
    },
    [requestId],
  );
  const onSuccess = useCallback(
    (_: void, form: HTMLFormElement) => {
      form.reset();
      setSent(true);
      onSent();
    },
    [onSent],
  );
  const form = useFormAction(send, onSuccess);
  return (
    <section className="card" aria-labelledby="message-title">
      <h2 id="message-title">{texts.messageTitle}</h2>
      {sent ? <Alert tone="success">{texts.sent}</Alert> : null}
      <AppForm form={form} aria-labelledby="message-title">
        <TextAreaInput
          name="body"
          label={texts.message}
          description={texts.messageHint}
          isRequired
          maxLength={10_000}
          rows={5}
        />
        <div className="form-actions">
          <Button type="submit">{form.isPending ? texts.sending : texts.send}</Button>
        </div>
      </AppForm>
    </section>
  );
}

/** `/mes-demandes/:id`: one of the citizen's requests, its history, and a way to write to the town. */
export function MyRequestPage() {
  const { id = '' } = useParams();
  const request = useApiData('/requests/{id}', { params: { path: { id } } });
  const back = (
    <p>
      <Link to="/mon-compte">{texts.back}</Link>
    </p>
  );
  if (!request.data) {
    return request.error ? (
      <Page title={t.app.notFoundTitle} width="narrow">
        <Alert tone="error">{describeError(request.error)}</Alert>
        {back}
      </Page>
    ) : (
      <Loading />
    );
  }
  const detail = request.data;
  return (
    <Page title={texts.detailTitle(detail.reference)} lead={detail.subject}>
      {back}
      <SatisfactionSurvey
        canRate={detail.canRate}
        rating={detail.satisfaction?.rating ?? null}
        target={{ requestId: detail.id }}
        onRated={request.reload}
      />
      <div className="request-layout">
        <div className="request-main">
          <section className="card" aria-label={t.portal.request.progressLabel}>
            <PhaseProgress phase={detail.phase} />
            <RequestFacts
              status={detail.status}
              category={detail.category?.name ?? null}
              createdAt={detail.createdAt}
              updatedAt={detail.updatedAt}
              dueAt={detail.dueAt}
              trackingCode={detail.trackingCode}
            />
          </section>
          <section className="card" aria-labelledby="description-title">
            <h2 id="description-title">{texts.description}</h2>
            <p className="request-description">{detail.description}</p>
            {detail.location.address ? (
              <p>
                <strong>{texts.address}</strong>
                <br />
                {detail.location.address}
              </p>
            ) : null}
          </section>
          <AttachmentList
            requestId={detail.id}
            canAdd={detail.phase !== 'closed'}
            onChanged={request.reload}
          />
        </div>
        <div className="request-main">
          <RequestTimeline entries={detail.timeline} headingId="timeline-title" />
          <MessageForm requestId={detail.id} onSent={request.reload} />
        </div>
      </div>
    </Page>
  );
}
