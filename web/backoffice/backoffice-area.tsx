import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import type { AgentRole } from '../api/types';
import { ButtonLink } from '../components/button';
import { loginPathFor } from '../components/navigation';
import { NotFoundPage } from '../components/not-found-page';
import { Loading, Page } from '../components/page';
import { t } from '../i18n/fr';
import { hasRole, useSession } from '../session';
import { BackofficeLayout } from './backoffice-layout';

/** A page of the back office, loaded the first time it is opened (its own chunk). */
function lazyPage<Name extends string, Module extends Record<Name, ComponentType>>(
  load: () => Promise<Module>,
  name: Name,
) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const AgentLoginPage = lazyPage(() => import('./login-page'), 'AgentLoginPage');
const InvitationPage = lazyPage(() => import('./invitation-page'), 'InvitationPage');
const DashboardPage = lazyPage(() => import('./dashboard-page'), 'DashboardPage');
const QueuePage = lazyPage(() => import('./requests/queue-page'), 'QueuePage');
const QualificationPage = lazyPage(() => import('./requests/queue-page'), 'QualificationPage');
const RequestPage = lazyPage(() => import('./requests/request-page'), 'RequestPage');
const ReceptionPage = lazyPage(() => import('./requests/reception-page'), 'ReceptionPage');
const DepartmentsPage = lazyPage(() => import('./departments-page'), 'DepartmentsPage');
const CategoriesPage = lazyPage(() => import('./categories-page'), 'CategoriesPage');
const AgentsPage = lazyPage(() => import('./agents-page'), 'AgentsPage');
const CalendarPage = lazyPage(() => import('./calendar-page'), 'CalendarPage');
const TenantSettingsPage = lazyPage(() => import('./settings/tenant-settings-page'), 'TenantSettingsPage');
const IdentityProvidersPage = lazyPage(() => import('./identity-providers-page'), 'IdentityProvidersPage');
const JobsPage = lazyPage(() => import('./jobs-page'), 'JobsPage');
const MessagesPage = lazyPage(() => import('./messaging/messages-page'), 'MessagesPage');
const InboundPage = lazyPage(() => import('./messaging/inbound-page'), 'InboundPage');
const TemplatesPage = lazyPage(() => import('./messaging/templates-page'), 'TemplatesPage');
const LettersPage = lazyPage(() => import('./messaging/letters-page'), 'LettersPage');
const ScanIntakePage = lazyPage(() => import('./messaging/scan-intake-page'), 'ScanIntakePage');
const ChannelSettingsPage = lazyPage(
  () => import('./messaging/channel-settings-page'),
  'ChannelSettingsPage',
);
import './backoffice.css';
import './requests/requests.css';

/** Pages for agents only (and, when `roles` is given, for agents holding one of them). */
function RequireAgent({ roles = [], children }: { roles?: AgentRole[]; children: ReactNode }) {
  const { state, user } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <Loading />;
  if (!user)
    return <Navigate to={loginPathFor('/agent/connexion', location.pathname + location.search)} replace />;
  if (user.kind !== 'agent') {
    return (
      <Page title={t.backoffice.forbidden.title} width="narrow">
        <p>{t.backoffice.forbidden.citizen}</p>
        <p>
          <ButtonLink to="/">{t.backoffice.forbidden.goToPortal}</ButtonLink>
        </p>
      </Page>
    );
  }
  if (roles.length > 0 && !roles.some((role) => hasRole(user, role))) {
    return (
      <Page title={t.backoffice.forbidden.title} width="narrow">
        <p>{t.backoffice.forbidden.role}</p>
      </Page>
    );
  }
  return children;
}

/** The back office (lazy-loaded chunk, and each of its pages too), under /agent. */
export default function BackofficeArea() {
  return (
    <BackofficeLayout>
      {/* The menu stays while a page's chunk loads; the polite « Chargement… » says what happens. */}
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="connexion" element={<AgentLoginPage />} />
          <Route path="invitation" element={<InvitationPage />} />
          <Route
            index
            element={
              <RequireAgent>
                <DashboardPage />
              </RequireAgent>
            }
          />
          <Route
            path="demandes"
            element={
              <RequireAgent>
                <QueuePage />
              </RequireAgent>
            }
          />
          <Route
            path="demandes/:id"
            element={
              <RequireAgent>
                <RequestPage />
              </RequireAgent>
            }
          />
          <Route
            path="qualification"
            element={
              <RequireAgent>
                <QualificationPage />
              </RequireAgent>
            }
          />
          <Route
            path="accueil"
            element={
              <RequireAgent>
                <ReceptionPage />
              </RequireAgent>
            }
          />
          <Route
            path="services"
            element={
              <RequireAgent roles={['manager']}>
                <DepartmentsPage />
              </RequireAgent>
            }
          />
          <Route
            path="natures"
            element={
              <RequireAgent roles={['manager']}>
                <CategoriesPage />
              </RequireAgent>
            }
          />
          <Route
            path="agents"
            element={
              <RequireAgent roles={['admin']}>
                <AgentsPage />
              </RequireAgent>
            }
          />
          <Route
            path="calendrier"
            element={
              <RequireAgent roles={['admin']}>
                <CalendarPage />
              </RequireAgent>
            }
          />
          <Route
            path="reglages"
            element={
              <RequireAgent roles={['manager']}>
                <TenantSettingsPage />
              </RequireAgent>
            }
          />
          <Route
            path="connexion-externe"
            element={
              <RequireAgent roles={['admin']}>
                <IdentityProvidersPage />
              </RequireAgent>
            }
          />
          <Route
            path="taches"
            element={
              <RequireAgent roles={['admin']}>
                <JobsPage />
              </RequireAgent>
            }
          />
          <Route
            path="messages"
            element={
              <RequireAgent roles={['admin']}>
                <MessagesPage />
              </RequireAgent>
            }
          />
          <Route
            path="messages-recus"
            element={
              <RequireAgent roles={['admin']}>
                <InboundPage />
              </RequireAgent>
            }
          />
          <Route
            path="modeles-de-messages"
            element={
              <RequireAgent roles={['admin']}>
                <TemplatesPage />
              </RequireAgent>
            }
          />
          <Route
            path="courriers"
            element={
              <RequireAgent roles={['reception', 'manager']}>
                <LettersPage />
              </RequireAgent>
            }
          />
          <Route
            path="courrier-scanne"
            element={
              <RequireAgent>
                <ScanIntakePage />
              </RequireAgent>
            }
          />
          <Route
            path="canaux"
            element={
              <RequireAgent roles={['admin']}>
                <ChannelSettingsPage />
              </RequireAgent>
            }
          />
          <Route path="*" element={<NotFoundPage homePath="/agent" />} />
        </Routes>
      </Suspense>
    </BackofficeLayout>
  );
}
