import { useCallback } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { SessionReply } from '../api/types';
import { Alert } from '../components/alert';
import { AppForm, formRaw, formText, useFormAction } from '../components/form';
import { LoginFields, SessionExpiredAlert } from '../components/login-fields';
import { safeReturnPath } from '../components/navigation';
import { Page } from '../components/page';
import { t } from '../i18n/fr';
import { useSession } from '../session';

async function logIn(data: FormData): Promise<SessionReply> {
  return api.post('/auth/login', {
    body: { email: formText(data, 'email'), password: formRaw(data, 'password') },
  });
}

/** Agents' log in (same API as citizens; the back office then checks the account is an agent). */
export function AgentLoginPage() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const { user, signIn } = useSession();
  const returnPath = safeReturnPath(searchParams.get('retour'), '/agent');
  const onSuccess = useCallback(
    (reply: SessionReply) => {
      signIn(reply);
      if (reply.user.kind === 'agent') void navigate(returnPath, { replace: true });
    },
    [signIn, navigate, returnPath],
  );
  const form = useFormAction(logIn, onSuccess);

  if (user?.kind === 'agent') return <Navigate to={returnPath} replace />;

  return (
    <Page title={t.backoffice.login.title} lead={t.backoffice.login.intro} width="narrow">
      {user ? <Alert tone="error">{t.backoffice.login.notAgent}</Alert> : null}
      <SessionExpiredAlert />
      <AppForm form={form} aria-label={t.backoffice.login.title} className="card">
        <LoginFields isPending={form.isPending} labels={t.backoffice.login} />
      </AppForm>
    </Page>
  );
}
