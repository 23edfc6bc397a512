import type { ReactNode } from 'react';
import type { SubmittedRequest } from '../api/types';
import { Alert } from '../components/alert';
import { Button, ButtonLink } from '../components/button';
import { Page } from '../components/page';
import { t } from '../i18n/fr';
import { formatInstantDay } from './request-display';

const texts = t.portal.confirmation;

interface RequestConfirmationProps {
  request: SubmittedRequest;
  email: string | null;
  onAnother(): void;
  /** Shown under the reference (how the attachments went). */
  children?: ReactNode;
}

/** After filing: the reference, the tracking code in large letters, the expected answer date. */
export function RequestConfirmation({ request, email, onAnother, children }: RequestConfirmationProps) {
  return (
    <Page title={texts.title} width="narrow">
      <Alert tone="success">{texts.reference(request.reference)}</Alert>
      {children}
      <section className="card tracking-card" aria-labelledby="tracking-code-label">
        <h2 id="tracking-code-label" className="tracking-card-label">
          {texts.codeLabel}
        </h2>
        <p className="tracking-code">{request.trackingCode}</p>
        <p className="muted">{texts.codeHint}</p>
      </section>
      {request.dueAt ? <p>{texts.dueAt(formatInstantDay(request.dueAt))}</p> : null}
      {email ? <p>{texts.acknowledgement(email)}</p> : null}
      <div className="button-row">
        <ButtonLink to={`/suivi/${request.trackingCode}`}>{texts.track}</ButtonLink>
        <Button variant="secondary" onPress={onAnother}>
          {texts.another}
        </Button>
      </div>
    </Page>
  );
}
