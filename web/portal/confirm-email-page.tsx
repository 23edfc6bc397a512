import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api/client';
import { Alert } from '../components/alert';
import { ButtonLink } from '../components/button';
import { Loading, Page } from '../components/page';
import { t } from '../i18n/fr';
import { useSession } from '../session';

// A token can be used once: remember the call so a second render (React strict mode,
// back and forth in history) does not spend it twice and report a false failure.
const confirmations = new Map<string, Promise<boolean>>();

function confirmEmail(token: string): Promise<boolean> {
  let confirmation = confirmations.get(token);
  if (!confirmation) {
    confirmation = api
      .post('/auth/confirm-email', { body: { token } })
      .then(() => true)
      .catch(() => false);
    confirmations.set(token, confirmation);
  }
  return confirmation;
}

/** Landing page of the confirmation link sent by e-mail: confirms at once, then says so. */
export function ConfirmEmailPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const { user } = useSession();
  const [result, setResult] = useState<{ token: string; isConfirmed: boolean } | null>(null);

  useEffect(() => {
    if (!token) return;
    let isCancelled = false;
    void confirmEmail(token).then((isConfirmed) => {
      if (!isCancelled) setResult({ token, isConfirmed });
    });
    return () => {
      isCancelled = true;
    };
  }, [token]);

  const outcome = result?.token === token ? result : null;
  return (
    <Page title={t.portal.confirmEmail.title} width="narrow">
      {!token ? (
        <Alert tone="error">{t.portal.confirmEmail.missingToken}</Alert>
      ) : !outcome ? (
        <Loading label={t.portal.confirmEmail.pending} />
      ) : outcome.isConfirmed ? (
        <>
          <Alert tone="success">{t.portal.confirmEmail.success}</Alert>
          <p>
            {user ? (
              <ButtonLink to="/mon-compte">{t.portal.confirmEmail.goToAccount}</ButtonLink>
            ) : (
              <ButtonLink to="/connexion">{t.portal.confirmEmail.goToLogin}</ButtonLink>
            )}
          </p>
        </>
      ) : (
        <>
          <Alert tone="error">{t.portal.confirmEmail.failure}</Alert>
          <p>
            <ButtonLink to="/connexion" variant="secondary">
              {t.portal.confirmEmail.goToLogin}
            </ButtonLink>
          </p>
        </>
      )}
    </Page>
  );
}
