import { useNavigate } from 'react-router';
import { useState } from 'react';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { Page } from '../components/page';
import { t } from '../i18n/fr';
import { useSession } from '../session';
import { MyRequests } from './my-requests';
import { PasswordForm } from './password-form';
import { ProfileForm } from './profile-form';

/** The citizen's account: contact details and preferences, password, sessions. */
export function AccountPage() {
  const { user, signOut, signOutEverywhere } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  if (!user) return null;

  const end = (action: () => Promise<void>) => {
    setError(null);
    action()
      .then(() => navigate('/connexion', { replace: true }))
      .catch(() => setError(t.errors.unexpectedNoReference));
  };

  return (
    <Page title={t.portal.account.title} lead={t.portal.account.intro(user.firstName)}>
      <MyRequests />
      <div className="account-grid">
        <section className="card" aria-labelledby="profile-title">
          <h2 id="profile-title">{t.portal.account.profileTitle}</h2>
          <ProfileForm user={user} />
        </section>
        <div className="account-side">
          <section className="card" aria-labelledby="password-title">
            <h2 id="password-title">{t.portal.account.passwordTitle}</h2>
            <PasswordForm />
          </section>
          <section className="card" aria-labelledby="sessions-title">
            <h2 id="sessions-title">{t.portal.account.sessionsTitle}</h2>
            <p>{t.portal.account.sessionsIntro}</p>
            {error ? <Alert tone="error">{error}</Alert> : null}
            <div className="button-stack">
              <Button variant="secondary" onPress={() => end(signOut)}>
                {t.portal.account.logout}
              </Button>
              <Button variant="danger" onPress={() => end(signOutEverywhere)}>
                {t.portal.account.logoutEverywhere}
              </Button>
            </div>
          </section>
        </div>
      </div>
    </Page>
  );
}
