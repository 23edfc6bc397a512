import { t } from '../i18n/fr';
import { TextInput } from './fields';
import { FormValidationError, formRaw } from './form';

export const passwordMinLength = 10;

/** A new password typed twice: the form fields `name` (default `password`) and `confirmPassword`. */
export function NewPasswordFields({
  label = t.fields.newPassword,
  name = 'password',
}: {
  label?: string;
  name?: string;
}) {
  return (
    <>
      <TextInput
        name={name}
        type="password"
        label={label}
        description={t.fields.passwordHint}
        isRequired
        minLength={passwordMinLength}
        autoComplete="new-password"
      />
      <TextInput
        name="confirmPassword"
        type="password"
        label={t.fields.confirmPassword}
        isRequired
        autoComplete="new-password"
      />
    </>
  );
}

/** The new password of a form holding NewPasswordFields; throws when the two copies differ. */
export function readNewPassword(data: FormData, name = 'password'): string {
  const password = formRaw(data, name);
  if (password !== formRaw(data, 'confirmPassword')) {
    throw new FormValidationError({ confirmPassword: [t.validation.passwordMismatch] });
  }
  return password;
}
