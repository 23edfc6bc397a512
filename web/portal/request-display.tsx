import type { RequestPhase, RequestStatus, TimelineEntry } from '../api/types';
import { formatDay, todayInParis } from '../components/dates';
import { t } from '../i18n/fr';

const texts = t.portal.request;

/** An instant from the API as a French calendar day in the town's time zone: « lundi 7 décembre 2026 ». */
export function formatInstantDay(instant: string): string {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : formatDay(todayInParis(date));
}

/** An instant as a short French date and time: « 29 nov. 2026, 11:40 ». */
export function formatInstant(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat('fr-FR', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(date);
}

export function statusLabel(status: RequestStatus): string {
  return texts.statuses[status] ?? status;
}

const statusTone: Partial<Record<RequestStatus, string>> = {
  answered: 'badge-success',
  waiting_citizen: 'badge-warning',
};

export function StatusBadge({ status }: { status: RequestStatus }) {
  return <span className={`badge ${statusTone[status] ?? 'badge-neutral'}`}>{statusLabel(status)}</span>;
}

const stepOfPhase: Record<RequestPhase, number> = { qualification: 0, treatment: 1, delivery: 2, closed: 3 };

/** Qualification, treatment, answer: three steps, the current one marked (a closed request has done them all). */
export function PhaseProgress({ phase }: { phase: RequestPhase }) {
  const current = stepOfPhase[phase];
  return (
    <div className="phase-progress">
      <ol aria-label={texts.progressLabel} className="phase-steps">
        {texts.steps.map((step, index) => {
          const state = index < current ? 'done' : index === current ? 'current' : 'todo';
          return (
            <li
              key={step}
              className={`phase-step phase-step-${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              <span className="phase-marker" aria-hidden="true">
                {state === 'done' ? '✓' : index + 1}
              </span>
              <span className="phase-name">
                {step}
                <span className="visually-hidden">, {texts.stepState[state]}</span>
              </span>
            </li>
          );
        })}
      </ol>
      {phase === 'closed' ? <p className="muted">{texts.closed}</p> : null}
    </div>
  );
}

interface RequestFactsProps {
  status: RequestStatus;
  category: string | null;
  createdAt: string;
  updatedAt: string;
  dueAt: string | null;
  trackingCode?: string;
}

/** The request's state, category and dates as a description list. */
export function RequestFacts({
  status,
  category,
  createdAt,
  updatedAt,
  dueAt,
  trackingCode,
}: RequestFactsProps) {
  return (
    <dl className="facts">
      <div>
        <dt>{texts.status}</dt>
        <dd>
          <StatusBadge status={status} />
        </dd>
      </div>
      <div>
        <dt>{texts.category}</dt>
        <dd>{category ?? texts.noCategory}</dd>
      </div>
      <div>
        <dt>{texts.createdAt}</dt>
        <dd>{formatInstantDay(createdAt)}</dd>
      </div>
      <div>
        <dt>{texts.updatedAt}</dt>
        <dd>{formatInstant(updatedAt)}</dd>
      </div>
      {dueAt ? (
        <div>
          <dt>{texts.dueAt}</dt>
          <dd>{formatInstantDay(dueAt)}</dd>
        </div>
      ) : null}
      {trackingCode ? (
        <div>
          <dt>{texts.trackingCode}</dt>
          <dd className="tracking-code-inline">{trackingCode}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/** The public events of a request, oldest first as the API sends them. */
export function RequestTimeline({ entries, headingId }: { entries: TimelineEntry[]; headingId: string }) {
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{texts.timelineTitle}</h2>
      {entries.length === 0 ? (
        <p className="muted">{texts.timelineEmpty}</p>
      ) : (
        <ol className="timeline">
          {entries.map((entry, index) => (
            <li key={`${entry.at}-${index}`} className={`timeline-entry timeline-${entry.type}`}>
              <time dateTime={entry.at} className="timeline-time">
                {formatInstant(entry.at)}
              </time>
              <p className="timeline-text">{entry.text}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
