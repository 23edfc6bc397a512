import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { TextInput } from '../components/fields';
import { AppForm, formOptionalText, formRaw, formText, useFormAction } from '../components/form';
import { Page } from '../components/page';
import { passwordMinLength } from '../components/password-fields';
import { phonePattern } from '../components/field-validation';
import { t } from '../i18n/fr';
import { ResendConfirmation } from './resend-confirmation';

async function register(data: FormData): Promise<string> {
  const email = formText(data, 'email');
  await api.post('/auth/register', {
    body: {
      email,
      password: formRaw(data, 'password'),
      firstName: formText(data, 'firstName'),
      lastName: formText(data, 'lastName'),
      ...(formOptionalText(data, 'phone') ? { phone: formText(data, 'phone') } : {}),
    },
  });
  return email;
}

/** Citizen registration; the account is usable once the e-mail address is confirmed. */
export function RegisterPage() {
  const [registeredEmail, setRegisteredEmail] = useState<string | null>(null);
  const onSuccess = useCallback((email: string) => setRegisteredEmail(email), []);
  const form = useFormAction(register, onSuccess);

  if (registeredEmail) {
    return (
      <Page title={t.portal.register.successTitle} width="narrow">
        <Alert tone="success">{t.portal.register.success(registeredEmail)}</Alert>
        <p>{t.portal.register.successHint}</p>
        <ResendConfirmation email={registeredEmail} label={t.portal.register.resend} />
      </Page>
    );
  }

  return (
    <Page title={t.portal.register.title} lead={t.portal.register.intro} width="narrow">
      <AppForm form={form} aria-label={t.portal.register.title}>
        <div className="field-row">
          <TextInput
            name="firstName"
            label={t.fields.firstName}
            isRequired
            autoComplete="given-name"
            maxLength={100}
          />
          <TextInput
            name="lastName"
            label={t.fields.lastName}
            isRequired
            autoComplete="family-name"
            maxLength={100}
          />
        </div>
        <TextInput
          name="email"
          type="email"
          label={t.fields.email}
          description={t.fields.emailHint}
          isRequired
          autoComplete="email"
          spellCheck={false}
        />
        <TextInput
          name="phone"
          type="tel"
          label={`${t.fields.phone} ${t.fields.optional}`}
          description={t.fields.phoneHint}
          autoComplete="tel"
          pattern={phonePattern}
          patternMessage={t.validation.phone}
        />
        <TextInput
          name="password"
          type="password"
          label={t.fields.password}
          description={t.fields.passwordHint}
          isRequired
          minLength={passwordMinLength}
          autoComplete="new-password"
        />
        <div className="form-actions">
          <Button type="submit">
            {form.isPending ? t.portal.register.submitting : t.portal.register.submit}
          </Button>
        </div>
      </AppForm>
      <p className="form-footnote">
        {t.portal.register.haveAccount} <Link to="/connexion">{t.nav.login}</Link>
      </p>
    </Page>
  );
}
