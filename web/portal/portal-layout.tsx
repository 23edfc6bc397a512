import type { ReactNode } from 'react';
import { Link, NavLink, useNavigate } from 'react-router';
import { Button } from '../components/button';
import { MainContent, SkipLink, TownMark } from '../components/layout';
import { t } from '../i18n/fr';
import { useSession } from '../session';
import { useTownName } from '../tenant';
import { NotificationsNavLink } from './notifications-badge';

/** Header (town, navigation), main content and footer of the citizen portal. */
export function PortalLayout({ children }: { children: ReactNode }) {
  const town = useTownName();
  const { user, signOut } = useSession();
  const navigate = useNavigate();
  const logOut = () => {
    signOut()
      .then(() => navigate('/'))
      .catch(() => navigate('/'));
  };
  return (
    <div className="shell portal">
      <SkipLink />
      <header className="portal-header">
        <div className="container portal-header-inner">
          <Link to="/" className="brand">
            <TownMark />
            <span className="brand-text">
              <span className="brand-town">{town}</span>
              <span className="brand-tagline">{t.portal.tagline}</span>
            </span>
          </Link>
          <nav aria-label={t.nav.main} className="portal-nav">
            <ul>
              <li>
                <NavLink to="/" end>
                  {t.nav.home}
                </NavLink>
              </li>
              <li>
                <NavLink to="/demande">{t.nav.newRequest}</NavLink>
              </li>
              <li>
                <NavLink to="/suivi">{t.nav.track}</NavLink>
              </li>
              {user ? (
                <>
                  {user.kind === 'citizen' ? (
                    <li>
                      <NotificationsNavLink key={user.id} />
                    </li>
                  ) : null}
                  <li>
                    <NavLink to="/mon-compte">{t.nav.account}</NavLink>
                  </li>
                  <li>
                    <Button variant="quiet" size="small" onPress={logOut}>
                      {t.nav.logout}
                    </Button>
                  </li>
                </>
              ) : (
                <>
                  <li>
                    <NavLink to="/connexion">{t.nav.login}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/inscription">{t.nav.register}</NavLink>
                  </li>
                </>
              )}
            </ul>
          </nav>
        </div>
      </header>
      <MainContent>
        <div className="container">{children}</div>
      </MainContent>
      <footer className="portal-footer">
        <div className="container footer-inner">
          <p>
            {town} · {t.app.footer}
          </p>
          <p>
            <Link to="/agent">{t.portal.home.agentsLink}</Link>
          </p>
        </div>
      </footer>
    </div>
  );
}
