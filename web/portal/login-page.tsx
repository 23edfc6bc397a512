import { useCallback, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, apiHref } from '../api/client';
import type { SessionReply } from '../api/types';
import { Alert } from '../components/alert';
import { AppForm, formRaw, formText, useFormAction } from '../components/form';
import { LoginFields, SessionExpiredAlert } from '../components/login-fields';
import { safeReturnPath } from '../components/navigation';
import { Page } from '../components/page';
import { useApiData } from '../components/use-api-data';
import { t } from '../i18n/fr';
import { useSession } from '../session';
import { ResendConfirmation } from './resend-confirmation';

/** Buttons for the town's OpenID Connect providers (full-page navigation to the provider). */
function ProviderButtons({ returnPath }: { returnPath: string }) {
  const providers = useApiData('/auth/providers');
  const items = providers.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="providers" aria-labelledby="providers-title">
      <h2 id="providers-title" className="providers-title">
        {t.portal.login.providersTitle}
      </h2>
      <ul className="provider-list">
        {items.map((provider) => (
          <li key={provider.slug}>
            <a
              className="button button-secondary button-block"
              href={apiHref('/auth/oidc/{slug}/start', {
                path: { slug: provider.slug },
                query: { returnTo: returnPath },
              })}
            >
              {t.portal.login.providerButton(provider.label)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Citizen log in: e-mail and password, or an identity provider. */
export function LoginPage() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const { state, signIn } = useSession();
  const returnParameter = searchParams.get('retour');
  const [lastEmail, setLastEmail] = useState('');

  const logIn = useCallback(async (data: FormData) => {
    const email = formText(data, 'email');
    setLastEmail(email);
    return api.post('/auth/login', { body: { email, password: formRaw(data, 'password') } });
  }, []);
  const onSuccess = useCallback(
    (reply: SessionReply) => {
      signIn(reply);
      const fallback = reply.user.kind === 'agent' ? '/agent' : '/mon-compte';
      void navigate(safeReturnPath(returnParameter, fallback), { replace: true });
    },
    [signIn, navigate, returnParameter],
  );
  const form = useFormAction(logIn, onSuccess);

  if (state.status === 'authenticated' && !form.isPending) {
    return <Navigate to={safeReturnPath(returnParameter, '/mon-compte')} replace />;
  }

  return (
    <Page title={t.portal.login.title} lead={t.portal.login.intro} width="narrow">
      {searchParams.get('erreur') === 'oidc' ? <Alert tone="error">{t.portal.login.oidcError}</Alert> : null}
      <SessionExpiredAlert />
      <AppForm
        form={form}
        aria-label={t.portal.login.title}
        errorExtra={
          form.errorCode === 'EMAIL_NOT_CONFIRMED' ? (
            <ResendConfirmation email={lastEmail} label={t.portal.login.resend} />
          ) : null
        }
      >
        <LoginFields isPending={form.isPending} labels={t.portal.login} />
      </AppForm>
      <ProviderButtons returnPath={safeReturnPath(returnParameter, '/mon-compte')} />
      <p className="form-footnote">
        {t.portal.login.noAccount} <Link to="/inscription">{t.nav.register}</Link>
      </p>
    </Page>
  );
}
