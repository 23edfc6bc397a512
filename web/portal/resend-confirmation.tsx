import { useState } from 'react';
import { api } from '../api/client';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { t } from '../i18n/fr';

/** Asks for a new confirmation link (the API always answers 202: it tells nothing about accounts). */
export function ResendConfirmation({ email, label }: { email: string; label: string }) {
  const [isPending, setIsPending] = useState(false);
  const [isDone, setIsDone] = useState(false);
  const resend = () => {
    if (isPending) return;
    setIsPending(true);
    api
      .post('/auth/resend-confirmation', { body: { email } })
      .catch(() => undefined)
      .finally(() => {
        setIsPending(false);
        setIsDone(true);
      });
  };
  return (
    <div className="resend">
      <Button variant="secondary" onPress={resend}>
        {label}
      </Button>
      {isDone ? <Alert tone="info">{t.portal.register.resent}</Alert> : null}
    </div>
  );
}
