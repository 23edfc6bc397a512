import { Link } from 'react-router';
import { describeError } from '../api/client';
import { Alert } from '../components/alert';
import { ButtonLink } from '../components/button';
import { Loading } from '../components/page';
import { useApiData } from '../components/use-api-data';
import { t } from '../i18n/fr';
import { formatInstantDay, StatusBadge } from './request-display';

const texts = t.portal.myRequests;

/** « Mes demandes » on the account page: newest first, each linking to its detail page. */
export function MyRequests() {
  const requests = useApiData('/requests');
  return (
    <section className="card my-requests" aria-labelledby="my-requests-title">
      <div className="section-header">
        <h2 id="my-requests-title">{texts.title}</h2>
        <ButtonLink to="/demande" variant="secondary">
          {t.nav.newRequest}
        </ButtonLink>
      </div>
      {requests.error ? <Alert tone="error">{describeError(requests.error)}</Alert> : null}
      {!requests.data ? (
        requests.error ? null : (
          <Loading />
        )
      ) : requests.data.length === 0 ? (
        <p className="muted">{texts.empty}</p>
      ) : (
        <ul className="request-list" aria-label={texts.listLabel}>
          {requests.data.map((request) => (
            <li key={request.id} className="request-item">
              <Link to={`/mes-demandes/${request.id}`} className="request-link">
                {request.subject}
              </Link>
              <span className="request-meta">
                <span className="request-reference">{request.reference}</span>
                <span>{texts.createdOn(formatInstantDay(request.createdAt))}</span>
              </span>
              <StatusBadge status={request.status} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
