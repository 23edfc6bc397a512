import { useCallback } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { SessionReply } from '../api/types';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { AppForm, useFormAction } from '../components/form';
import { Loading, Page } from '../components/page';
import { NewPasswordFields, readNewPassword } from '../components/password-fields';
import { useApiData } from '../components/use-api-data';
import { t } from '../i18n/fr';
import { useSession } from '../session';

/** Landing page of the invitation link: the agent chooses a password and is logged in. */
export function InvitationPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const navigate = useNavigate();
  const { signIn } = useSession();
  const invitation = useApiData(token ? '/auth/invitation' : null, { params: { query: { token } } });

  const accept = useCallback(
    (data: FormData) =>
      api.post('/auth/invitation/accept', { body: { token, password: readNewPassword(data) } }),
    [token],
  );
  const onSuccess = useCallback(
    (reply: SessionReply) => {
      signIn(reply);
      void navigate('/agent', { replace: true });
    },
    [signIn, navigate],
  );
  const form = useFormAction(accept, onSuccess);

  let content;
  if (!token) content = <Alert tone="error">{t.backoffice.invitation.missingToken}</Alert>;
  else if (invitation.error) content = <Alert tone="error">{t.backoffice.invitation.invalid}</Alert>;
  else if (!invitation.data) content = <Loading label={t.backoffice.invitation.loading} />;
  else {
    const { firstName, lastName, email, tenantName } = invitation.data;
    content = (
      <>
        <p>{t.backoffice.invitation.welcome(`${firstName} ${lastName}`, tenantName)}</p>
        <p>{t.backoffice.invitation.account(email)}</p>
        <AppForm form={form} aria-label={t.backoffice.invitation.title} className="card">
          <NewPasswordFields label={t.fields.password} />
          <div className="form-actions">
            <Button type="submit">
              {form.isPending ? t.backoffice.invitation.submitting : t.backoffice.invitation.submit}
            </Button>
          </div>
        </AppForm>
      </>
    );
  }
  return (
    <Page title={t.backoffice.invitation.title} width="narrow">
      {content}
    </Page>
  );
}
