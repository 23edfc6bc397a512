import { useState, type ReactNode } from 'react';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { Button } from '../components/button';
import { MainContent, SkipLink, TownMark } from '../components/layout';
import { t } from '../i18n/fr';
import { hasRole, useSession } from '../session';
import { useTownName } from '../tenant';

interface MenuEntry {
  to: string;
  label: string;
  isVisible: boolean;
  end: boolean;
}

type MenuGroup = 'work' | 'messages' | 'admin';
const menuGroups: MenuGroup[] = ['work', 'messages', 'admin'];
const messagePages = ['/agent/messages', '/agent/messages-recus', '/agent/modeles-de-messages'];
const adminPages = [
  '/agent/services',
  '/agent/natures',
  '/agent/agents',
  '/agent/calendrier',
  '/agent/reglages',
  '/agent/connexion-externe',
  '/agent/canaux',
  '/agent/taches',
];

/** Where an entry sits in the menu: daily work, messages, or the town's administration. */
function menuGroupOf(to: string): MenuGroup {
  if (messagePages.includes(to)) return 'messages';
  if (adminPages.includes(to)) return 'admin';
  return 'work';
}

/** The menu entries an agent may open (administration entries only for those allowed). */
export function useBackofficeMenu() {
  const { user } = useSession();
  const canManage = hasRole(user, 'manager');
  const isAdmin = hasRole(user, 'admin');
  const requests: MenuEntry[] = [
    { to: '/agent/demandes', label: t.agentRequests.menu.queue, isVisible: true, end: false },
    { to: '/agent/qualification', label: t.agentRequests.menu.qualification, isVisible: true, end: false },
    { to: '/agent/accueil', label: t.agentRequests.menu.reception, isVisible: true, end: false },
    { to: '/agent/courrier-scanne', label: t.scans.menu, isVisible: true, end: false },
  ];
  // Reception agents start with the desk and the requests to qualify.
  if (hasRole(user, 'reception')) requests.unshift(...requests.splice(1, 2).reverse());
  const entries: MenuEntry[] = [
    { to: '/agent', label: t.backoffice.menu.dashboard, isVisible: true, end: true },
    ...requests,
    {
      to: '/agent/courriers',
      label: t.printBatches.menu,
      isVisible: hasRole(user, 'reception') || canManage,
      end: false,
    },
    { to: '/agent/services', label: t.backoffice.menu.departments, isVisible: canManage, end: false },
    { to: '/agent/natures', label: t.backoffice.menu.categories, isVisible: canManage, end: false },
    { to: '/agent/agents', label: t.backoffice.menu.agents, isVisible: isAdmin, end: false },
    { to: '/agent/calendrier', label: t.backoffice.menu.calendar, isVisible: isAdmin, end: false },
    { to: '/agent/reglages', label: t.tenantSettings.menu, isVisible: canManage, end: false },
    {
      to: '/agent/connexion-externe',
      label: t.backoffice.menu.identityProviders,
      isVisible: isAdmin,
      end: false,
    },
    { to: '/agent/canaux', label: t.channelSettings.menu, isVisible: isAdmin, end: false },
    { to: '/agent/taches', label: t.backoffice.menu.jobs, isVisible: isAdmin, end: false },
    { to: '/agent/messages', label: t.messaging.messages.title, isVisible: isAdmin, end: false },
    { to: '/agent/messages-recus', label: t.inbound.menu, isVisible: isAdmin, end: false },
    {
      to: '/agent/modeles-de-messages',
      label: t.messaging.templates.title,
      isVisible: isAdmin,
      end: false,
    },
  ];
  return entries
    .filter((entry) => entry.isVisible)
    .map((entry) => ({ ...entry, group: menuGroupOf(entry.to) }));
}

/** Header, menu and main content of the back office. */
export function BackofficeLayout({ children }: { children: ReactNode }) {
  const town = useTownName();
  const { user, signOut } = useSession();
  const navigate = useNavigate();
  const menu = useBackofficeMenu();
  const isAgent = user?.kind === 'agent';
  // On phones the menu folds under a « Menu » button, closed again after each navigation.
  // The menu is open for the page it was opened on: navigating closes it.
  const { pathname } = useLocation();
  const [menuOpenOn, setMenuOpenOn] = useState<string | null>(null);
  const isMenuOpen = menuOpenOn === pathname;
  const logOut = () => {
    const leave = () => navigate('/agent/connexion');
    signOut().then(leave, leave);
  };
  return (
    <div className="shell backoffice">
      <SkipLink />
      <header className="bo-header">
        <div className="bo-header-inner">
          <Link to="/agent" className="brand brand-inverse">
            <TownMark />
            <span className="brand-text">
              <span className="brand-town">{town}</span>
              <span className="brand-tagline">{t.backoffice.areaName}</span>
            </span>
          </Link>
          {user ? (
            <div className="bo-user">
              <span className="bo-user-name">
                {user.firstName} {user.lastName}
              </span>
              <Button variant="inverse" size="small" onPress={logOut}>
                {t.nav.logout}
              </Button>
            </div>
          ) : null}
        </div>
      </header>
      <div className={isAgent ? 'bo-body' : 'bo-body bo-body-single'}>
        {isAgent ? (
          <nav aria-label={t.backoffice.nav} className={isMenuOpen ? 'bo-nav bo-nav-open' : 'bo-nav'}>
            <button
              type="button"
              className="bo-nav-toggle"
              aria-expanded={isMenuOpen}
              aria-controls="bo-nav-inner"
              onClick={() => setMenuOpenOn(isMenuOpen ? null : pathname)}
            >
              <span aria-hidden="true">☰</span> {t.backoffice.menuButton}
            </button>
            <div className="bo-nav-inner" id="bo-nav-inner">
              {menuGroups.map((group) => {
                const entries = menu.filter((entry) => entry.group === group);
                if (entries.length === 0) return null;
                return (
                  <div key={group} className="bo-nav-group">
                    <h2 className="bo-nav-heading" id={`bo-nav-${group}`}>
                      {t.backoffice.menu.groups[group]}
                    </h2>
                    <ul aria-labelledby={`bo-nav-${group}`}>
                      {entries.map((entry) => (
                        <li key={entry.to}>
                          <NavLink to={entry.to} end={entry.end}>
                            {entry.label}
                          </NavLink>
                        </li>
                      ))}
                    </ul>
                  </div>
                );
              })}
              <p className="bo-nav-portal">
                <Link to="/">{t.backoffice.menu.portal}</Link>
              </p>
            </div>
          </nav>
        ) : null}
        <MainContent className="bo-main">{children}</MainContent>
      </div>
    </div>
  );
}
