import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { TextInput } from '../components/fields';
import { AppForm, formText, useFormAction } from '../components/form';
import { Page } from '../components/page';
import { t } from '../i18n/fr';

async function askForLink(data: FormData): Promise<void> {
  await api.post('/auth/password/forgot', { body: { email: formText(data, 'email') } });
}

/** Asks for a reset link; the answer never says whether the account exists. */
export function ForgotPasswordPage() {
  const [isDone, setIsDone] = useState(false);
  const onSuccess = useCallback(() => setIsDone(true), []);
  const form = useFormAction(askForLink, onSuccess);
  return (
    <Page title={t.portal.forgot.title} lead={isDone ? undefined : t.portal.forgot.intro} width="narrow">
      {isDone ? (
        <Alert tone="success" shouldFocus>
          {t.portal.forgot.done}
        </Alert>
      ) : (
        <AppForm form={form} aria-label={t.portal.forgot.title}>
          <TextInput
            name="email"
            type="email"
            label={t.fields.email}
            isRequired
            autoComplete="email"
            spellCheck={false}
          />
          <div className="form-actions">
            <Button type="submit">
              {form.isPending ? t.portal.forgot.submitting : t.portal.forgot.submit}
            </Button>
          </div>
        </AppForm>
      )}
      <p className="form-footnote">
        <Link to="/connexion">{t.portal.forgot.backToLogin}</Link>
      </p>
    </Page>
  );
}
