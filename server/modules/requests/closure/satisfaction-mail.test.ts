import { describe, expect, it } from 'vitest';
import { satisfactionInvitationMail } from './satisfaction-mail';

describe('satisfaction invitation mail', () => {
  const mail = satisfactionInvitationMail({
    townName: 'Ville de Démo',
    reference: '2026-000042',
    subject: 'Lampadaire éteint',
    trackingLink: 'https://mairie.test/suivi/BCDFGHJK',
  });

  it('says the request is closed and links to the survey on the tracking page', () => {
    expect(mail.subject).toBe('Votre demande 2026-000042 est clôturée\u00a0: donnez-nous votre avis');
    expect(mail.text).toContain(
      'Votre demande 2026-000042 («\u00a0Lampadaire éteint\u00a0») a reçu sa réponse',
    );
    expect(mail.text).toContain(
      'de 1 (très insatisfait) à 5 (très satisfait)\u00a0:\nhttps://mairie.test/suivi/BCDFGHJK',
    );
    expect(mail.text.endsWith('Ville de Démo')).toBe(true);
  });

  it('never puts a plain space before a colon', () => {
    expect(`${mail.subject}\n${mail.text}`).not.toMatch(/ :/);
  });
});
