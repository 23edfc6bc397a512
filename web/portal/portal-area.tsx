import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Loading } from '../components/page';
import { loginPathFor } from '../components/navigation';
import { NotFoundPage } from '../components/not-found-page';
import { useSession } from '../session';
import { AccountPage } from './account-page';
import { ConfirmEmailPage } from './confirm-email-page';
import { ForgotPasswordPage } from './forgot-password-page';
import { HomePage } from './home-page';
import { LoginPage } from './login-page';
import { MyRequestPage } from './my-request-page';
import { NewRequestPage } from './new-request-page';
import { NotificationsPage } from './notifications-page';
import { PortalLayout } from './portal-layout';
import { RegisterPage } from './register-page';
import { ResetPasswordPage } from './reset-password-page';
import { TrackingFormPage, TrackingPage } from './tracking-page';
import './portal.css';

/** Pages for a logged-in user only; others go to log in and come back. */
function RequireUser({ children }: { children: React.ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'anonymous') {
    return <Navigate to={loginPathFor('/connexion', location.pathname + location.search)} replace />;
  }
  return children;
}

/** The citizen portal (lazy-loaded chunk). Paths are French: they show in the address bar. */
export default function PortalArea() {
  return (
    <PortalLayout>
      <Routes>
        <Route index element={<HomePage />} />
        <Route path="inscription" element={<RegisterPage />} />
        <Route path="confirmer-email" element={<ConfirmEmailPage />} />
        <Route path="connexion" element={<LoginPage />} />
        <Route path="mot-de-passe-oublie" element={<ForgotPasswordPage />} />
        <Route path="mot-de-passe/reinitialiser" element={<ResetPasswordPage />} />
        <Route
          path="mon-compte"
          element={
            <RequireUser>
              <AccountPage />
            </RequireUser>
          }
        />
        <Route
          path="notifications"
          element={
            <RequireUser>
              <NotificationsPage />
            </RequireUser>
          }
        />
        <Route path="demande" element={<NewRequestPage />} />
        <Route path="suivi" element={<TrackingFormPage />} />
        <Route path="suivi/:code" element={<TrackingPage />} />
        <Route
          path="mes-demandes/:id"
          element={
            <RequireUser>
              <MyRequestPage />
            </RequireUser>
          }
        />
        <Route path="*" element={<NotFoundPage homePath="/" />} />
      </Routes>
    </PortalLayout>
  );
}
