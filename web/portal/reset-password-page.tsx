import { useCallback, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { Alert } from '../components/alert';
import { Button, ButtonLink } from '../components/button';
import { AppForm, useFormAction } from '../components/form';
import { Page } from '../components/page';
import { NewPasswordFields, readNewPassword } from '../components/password-fields';
import { t } from '../i18n/fr';

/** Landing page of the reset link: choose a new password (every session of the account ends). */
export function ResetPasswordPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const [isDone, setIsDone] = useState(false);
  const reset = useCallback(
    async (data: FormData) => {
      await api.post('/auth/password/reset', { body: { token, password: readNewPassword(data) } });
    },
    [token],
  );
  const onSuccess = useCallback(() => setIsDone(true), []);
  const form = useFormAction(reset, onSuccess);

  if (!token) {
    return (
      <Page title={t.portal.reset.title} width="narrow">
        <Alert tone="error">{t.portal.reset.missingToken}</Alert>
        <p>
          <Link to="/mot-de-passe-oublie">{t.portal.reset.askAgain}</Link>
        </p>
      </Page>
    );
  }
  if (isDone) {
    return (
      <Page title={t.portal.reset.title} width="narrow">
        <Alert tone="success">{t.portal.reset.done}</Alert>
        <p>
          <ButtonLink to="/connexion">{t.nav.login}</ButtonLink>
        </p>
      </Page>
    );
  }
  return (
    <Page title={t.portal.reset.title} lead={t.portal.reset.intro} width="narrow">
      <AppForm
        form={form}
        aria-label={t.portal.reset.title}
        errorExtra={
          form.errorCode === 'INVALID_TOKEN' ? (
            <p>
              <Link to="/mot-de-passe-oublie">{t.portal.reset.askAgain}</Link>
            </p>
          ) : null
        }
      >
        <NewPasswordFields />
        <div className="form-actions">
          <Button type="submit">{form.isPending ? t.portal.reset.submitting : t.portal.reset.submit}</Button>
        </div>
      </AppForm>
    </Page>
  );
}
