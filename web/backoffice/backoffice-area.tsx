import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import type { AgentRole } from '../api/types';
import { ButtonLink } from '../components/button';
import { loginPathFor } from '../components/navigation';
import { NotFoundPage } from '../components/not-found-page';
import { Loading, Page } from '../components/page';
import { t } from '../i18n/fr';
import { hasRole, useSession } from '../session';
import { AgentsPage } from './agents-page';
import { BackofficeLayout } from './backoffice-layout';
import { CalendarPage } from './calendar-page';
import { CategoriesPage } from './categories-page';
import { DashboardPage } from './dashboard-page';
import { DepartmentsPage } from './departments-page';
import { IdentityProvidersPage } from './identity-providers-page';
import { InvitationPage } from './invitation-page';
import { JobsPage } from './jobs-page';
import { InboundPage } from './messaging/inbound-page';
import { ChannelSettingsPage } from './messaging/channel-settings-page';
import { ScanIntakePage } from './messaging/scan-intake-page';
import { AgentLoginPage } from './login-page';
import { LettersPage } from './messaging/letters-page';
import { MessagesPage } from './messaging/messages-page';
import { TemplatesPage } from './messaging/templates-page';
import { QualificationPage, QueuePage } from './requests/queue-page';
import { ReceptionPage } from './requests/reception-page';
import { RequestPage } from './requests/request-page';
import { TenantSettingsPage } from './settings/tenant-settings-page';
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

/** The back office (lazy-loaded chunk), under /agent. */
export default function BackofficeArea() {
  return (
    <BackofficeLayout>
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
    </BackofficeLayout>
  );
}
