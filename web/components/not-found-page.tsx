import { t } from '../i18n/fr';
import { ButtonLink } from './button';
import { Page } from './page';

export function NotFoundPage({ homePath }: { homePath: string }) {
  return (
    <Page title={t.app.notFoundTitle} width="narrow">
      <p>{t.app.notFoundText}</p>
      <p>
        <ButtonLink to={homePath}>{t.app.backHome}</ButtonLink>
      </p>
    </Page>
  );
}
