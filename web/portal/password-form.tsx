import { useCallback, useState } from 'react';
import { api } from '../api/client';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { TextInput } from '../components/fields';
import { AppForm, formRaw, useFormAction } from '../components/form';
import { NewPasswordFields, readNewPassword } from '../components/password-fields';
import { t } from '../i18n/fr';

async function changePassword(data: FormData): Promise<void> {
  const newPassword = readNewPassword(data, 'newPassword');
  await api.post('/me/password', {
    body: { currentPassword: formRaw(data, 'currentPassword'), newPassword },
  });
}

/** Change the password, knowing the current one (POST /me/password). */
export function PasswordForm() {
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const onSuccess = useCallback((_: void, form: HTMLFormElement) => {
    form.reset();
    setSavedAt(Date.now());
  }, []);
  const form = useFormAction(changePassword, onSuccess);
  return (
    <AppForm form={form} aria-labelledby="password-title">
      {savedAt ? (
        <Alert tone="success" key={savedAt}>
          {t.portal.account.passwordSaved}
        </Alert>
      ) : null}
      <TextInput
        name="currentPassword"
        type="password"
        label={t.fields.currentPassword}
        isRequired
        autoComplete="current-password"
      />
      <NewPasswordFields name="newPassword" />
      <div className="form-actions">
        <Button type="submit">{form.isPending ? t.common.saving : t.portal.account.savePassword}</Button>
      </div>
    </AppForm>
  );
}
