import { Link } from 'react-router';
import { Page } from '../components/page';
import { t } from '../i18n/fr';
import { useSession } from '../session';
import { useBackofficeMenu } from './backoffice-layout';

const descriptions: Record<string, string> = {
  '/agent/services': t.backoffice.dashboard.departmentsText,
  '/agent/natures': t.backoffice.dashboard.categoriesText,
  '/agent/agents': t.backoffice.dashboard.agentsText,
  '/agent/calendrier': t.backoffice.dashboard.calendarText,
  '/agent/connexion-externe': t.backoffice.dashboard.identityProvidersText,
  '/agent/taches': t.backoffice.dashboard.jobsText,
};

const requestDescriptions: Record<string, string> = {
  '/agent/demandes': t.agentRequests.dashboard.queueText,
  '/agent/qualification': t.agentRequests.dashboard.qualificationText,
  '/agent/accueil': t.agentRequests.dashboard.receptionText,
};

/** The agent's home: who they are, what is coming, where to administer. */
export function DashboardPage() {
  const { user } = useSession();
  const menu = useBackofficeMenu();
  const sections = menu.filter((entry) => descriptions[entry.to]);
  const requestSections = menu.filter((entry) => requestDescriptions[entry.to]);
  if (!user) return null;
  const roles = user.roles.map((role) => (t.roles[role] ?? role).toLowerCase()).join(', ');
  return (
    <Page title={t.backoffice.dashboard.title} lead={t.backoffice.dashboard.welcome(user.firstName)}>
      <p>{roles ? t.backoffice.dashboard.rolesLine(roles) : t.backoffice.dashboard.noRoles}</p>
      <section aria-labelledby="requests-title" className="dashboard-section">
        <h2 id="requests-title">{t.agentRequests.dashboard.title}</h2>
        <ul className="tile-list">
          {requestSections.map((entry) => (
            <li key={entry.to} className="tile">
              <Link to={entry.to} className="tile-link">
                {entry.label}
              </Link>
              <p>{requestDescriptions[entry.to]}</p>
            </li>
          ))}
        </ul>
      </section>
      {sections.length > 0 ? (
        <section aria-labelledby="admin-title">
          <h2 id="admin-title">{t.backoffice.dashboard.sectionsTitle}</h2>
          <ul className="tile-list">
            {sections.map((entry) => (
              <li key={entry.to} className="tile">
                <Link to={entry.to} className="tile-link">
                  {entry.label}
                </Link>
                <p>{descriptions[entry.to]}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Page>
  );
}
