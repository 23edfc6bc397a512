import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError, apiHref, describeError } from '../api/client';
import type { TrackingView } from '../api/types';
import { Alert } from '../components/alert';
import { Button, ButtonLink } from '../components/button';
import { TextInput } from '../components/fields';
import { AppForm, formText, useFormAction } from '../components/form';
import { Loading, Page } from '../components/page';
import { t } from '../i18n/fr';
import { PhaseProgress, RequestFacts, RequestTimeline } from './request-display';
import { SatisfactionSurvey } from './satisfaction-survey';

const texts = t.portal.tracking;

/** What a citizen typed, made comparable: upper case, without spaces, dashes or dots. */
function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[\s\-‐‑–—._]/g, '');
}

/** `/suivi`: type a tracking code, then go to its page. */
export function TrackingFormPage() {
  const navigate = useNavigate();
  const go = useCallback(async (data: FormData) => normalizeCode(formText(data, 'code')), []);
  const onSuccess = useCallback((code: string) => void navigate(`/suivi/${code}`), [navigate]);
  const form = useFormAction(go, onSuccess);
  return (
    <Page title={texts.title} lead={texts.intro} width="narrow">
      <AppForm form={form} aria-label={texts.title}>
        <TextInput
          name="code"
          label={texts.code}
          description={texts.codeHint}
          isRequired
          maxLength={40}
          autoComplete="off"
          spellCheck={false}
          className="field-code"
        />
        <div className="form-actions">
          <Button type="submit">{texts.submit}</Button>
        </div>
      </AppForm>
    </Page>
  );
}

type Tracking =
  { status: 'loading' } | { status: 'found'; view: TrackingView } | { status: 'error'; error: unknown };

/** Reads the tracking view, then again at each `request.updated` event of the stream. */
function useLiveTracking(code: string) {
  const [tracking, setTracking] = useState<Tracking>({ status: 'loading' });
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  useEffect(() => {
    let isCancelled = false;
    let events: EventSource | null = null;
    /** `first` opens the stream once the code is found; `update` answers an event of the stream. */
    const load = (reason: 'first' | 'catch-up' | 'update') =>
      api
        .get('/track/{trackingCode}', { params: { path: { trackingCode: code } } })
        .then((view) => {
          if (isCancelled) return;
          setTracking({ status: 'found', view });
          if (reason === 'update') setUpdatedAt(new Date());
          if (reason === 'first') follow();
        })
        .catch((error: unknown) => {
          if (!isCancelled && reason === 'first') setTracking({ status: 'error', error });
        });
    // The live stream opens once the code is known to exist: an unknown code gets no stream (it
    // would only answer 404). Once connected, one more read catches a change made in between.
    const follow = () => {
      if (typeof EventSource === 'undefined') return;
      events = new EventSource(apiHref('/track/{trackingCode}/events', { path: { trackingCode: code } }));
      events.addEventListener('open', () => void load('catch-up'), { once: true });
      events.addEventListener('request.updated', () => void load('update'));
    };
    void load('first');
    return () => {
      isCancelled = true;
      events?.close();
    };
  }, [code]);
  return { tracking, updatedAt };
}

const timeFormat = new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short', timeZone: 'Europe/Paris' });

/** `/suivi/:code`: the public state of a request, kept up to date live. */
export function TrackingPage() {
  const { code = '' } = useParams();
  const { tracking, updatedAt } = useLiveTracking(code);

  if (tracking.status === 'loading') return <Loading />;
  if (tracking.status === 'error') {
    const isUnknown = tracking.error instanceof ApiError && tracking.error.status === 404;
    return (
      <Page title={isUnknown ? texts.notFoundTitle : texts.title} width="narrow">
        <Alert tone={isUnknown ? 'info' : 'error'}>
          {isUnknown ? texts.notFound : describeError(tracking.error)}
        </Alert>
        <ButtonLink to="/suivi" variant="secondary">
          {texts.tryAnother}
        </ButtonLink>
      </Page>
    );
  }
  const { view } = tracking;
  return (
    <Page title={texts.requestTitle(view.reference)} lead={texts.live}>
      <p className="live-status" role="status">
        {updatedAt ? texts.updated(timeFormat.format(updatedAt)) : ''}
      </p>
      <SatisfactionSurvey
        canRate={view.canRate}
        rating={view.satisfaction?.rating ?? null}
        target={{ trackingCode: code }}
      />
      <div className="request-layout">
        <section className="card" aria-label={t.portal.request.progressLabel}>
          <PhaseProgress phase={view.phase} />
          <RequestFacts
            status={view.status}
            category={view.category}
            createdAt={view.createdAt}
            updatedAt={view.updatedAt}
            dueAt={view.dueAt}
          />
        </section>
        <RequestTimeline entries={view.timeline} headingId="timeline-title" />
      </div>
    </Page>
  );
}
