import { ButtonLink } from '../components/button';
import { useHeadingFocus, usePageTitle } from '../components/page';
import { t } from '../i18n/fr';
import { useSession } from '../session';
import { useTownName } from '../tenant';

/** The portal's front page: what the town offers online today, and what comes next. */
export function HomePage() {
  usePageTitle(t.portal.home.title);
  const headingRef = useHeadingFocus();
  const town = useTownName();
  const { user } = useSession();
  return (
    <div className="home">
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title" className="hero-title" ref={headingRef} tabIndex={-1}>
          {town}
        </h1>
        <p className="hero-tagline">{t.portal.tagline}</p>
        <p className="hero-lead">{t.portal.home.lead}</p>
        <div className="hero-actions">
          {user ? <p>{t.portal.home.welcomeBack(user.firstName)}</p> : null}
          <ButtonLink to="/demande">{t.portal.home.ctaNewRequest}</ButtonLink>
          <ButtonLink to="/suivi" variant="secondary">
            {t.portal.home.ctaTrack}
          </ButtonLink>
          {user ? (
            <ButtonLink to="/mon-compte" variant="secondary">
              {t.portal.home.ctaAccount}
            </ButtonLink>
          ) : (
            <ButtonLink to="/inscription" variant="secondary">
              {t.portal.home.ctaRegister}
            </ButtonLink>
          )}
        </div>
      </section>
      <div className="home-columns">
        <section className="card" aria-labelledby="home-today">
          <h2 id="home-today">{t.portal.home.todayTitle}</h2>
          <ul className="check-list">
            {t.portal.home.today.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
        <section className="card card-muted" aria-labelledby="home-soon">
          <h2 id="home-soon">{t.portal.home.soonTitle}</h2>
          <ul className="soon-list">
            {t.portal.home.soon.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
          <p className="muted">{t.portal.home.soonNote}</p>
        </section>
      </div>
    </div>
  );
}
