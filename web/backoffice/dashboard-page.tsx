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

/** The agent's home: who they are, what is coming, where to administer. */
export function DashboardPage() {
  const { user } = useSession();
  const sections = useBackofficeMenu().filter((entry) => descriptions[entry.to]);
  if (!user) return null;
  const roles = user.roles.map((role) => (t.roles[role] ?? role).toLowerCase()).join(', ');
  return (
    <Page title={t.backoffice.dashboard.title} lead={t.backoffice.dashboard.welcome(user.firstName)}>
      <p>{roles ? t.backoffice.dashboard.rolesLine(roles) : t.backoffice.dashboard.noRoles}</p>
      <p className="notice">{t.backoffice.dashboard.soon}</p>
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
