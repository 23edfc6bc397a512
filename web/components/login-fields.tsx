import { Link } from 'react-router';
import { t } from '../i18n/fr';
import { useSession } from '../session';
import { Alert } from './alert';
import { Button } from './button';
import { TextInput } from './fields';

interface LoginFieldsProps {
  isPending: boolean;
  /** The texts of the page's login form. */
  labels: { forgot: string; submit: string; submitting: string };
}

/** The e-mail and password log in form's fields, the forgotten-password link and the submit button. */
export function LoginFields({ isPending, labels }: LoginFieldsProps) {
  return (
    <>
      <TextInput
        name="email"
        type="email"
        label={t.fields.email}
        isRequired
        autoComplete="username"
        spellCheck={false}
      />
      <TextInput
        name="password"
        type="password"
        label={t.fields.password}
        isRequired
        autoComplete="current-password"
      />
      <p className="field-aside">
        <Link to="/mot-de-passe-oublie">{labels.forgot}</Link>
      </p>
      <div className="form-actions">
        <Button type="submit">{isPending ? labels.submitting : labels.submit}</Button>
      </div>
    </>
  );
}

/** Tells a visitor sent back to a log in page that the session has expired. */
export function SessionExpiredAlert() {
  const { state } = useSession();
  return state.status === 'anonymous' && state.hasExpired ? (
    <Alert tone="info">{t.portal.login.sessionExpired}</Alert>
  ) : null;
}
