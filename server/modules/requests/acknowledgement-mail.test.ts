import { describe, expect, it } from 'vitest';
import { acknowledgementMail, formatParisDateTime } from './acknowledgement-mail';

describe('acknowledgementMail', () => {
  const facts = {
    townName: 'Commune de Test',
    reference: '2026-000042',
    subject: 'Nid-de-poule',
    receivedAt: new Date('2026-11-30T13:05:00Z'),
    dueAt: new Date('2026-12-14T22:59:59.999Z'),
    department: {
      name: 'Voirie',
      postalAddress: '1 place de la Mairie, 75001 Paris',
      email: 'voirie@mairie.test',
      phone: '01 23 45 67 89',
    },
    trackingLink: 'https://mairie.test/suivi/BCDFGHJK',
  };

  it('states the date of receipt, reference, department contact, answer date and tracking link', () => {
    const mail = acknowledgementMail(facts);
    expect(mail.subject).toBe('Accusé de réception de votre demande 2026-000042');
    expect(mail.text).toContain('le lundi 30 novembre 2026 à 14 h 05');
    expect(mail.text).toContain('Référence : 2026-000042');
    expect(mail.text).toContain('Service chargé de votre demande : Voirie');
    expect(mail.text).toContain('Adresse postale : 1 place de la Mairie, 75001 Paris');
    expect(mail.text).toContain('Courriel : voirie@mairie.test');
    expect(mail.text).toContain('Téléphone : 01 23 45 67 89');
    expect(mail.text).toContain('au plus tard le lundi 14 décembre 2026');
    expect(mail.text).toContain('https://mairie.test/suivi/BCDFGHJK');
  });

  it('still reads well without a department or a due date', () => {
    const mail = acknowledgementMail({ ...facts, department: null, dueAt: null });
    expect(mail.text).toContain('il sera désigné lors de l’examen de votre demande');
    expect(mail.text).toContain('dans les meilleurs délais');
  });

  it('formats Paris time across daylight saving', () => {
    expect(formatParisDateTime(new Date('2026-07-01T08:00:00Z'))).toBe('mercredi 1 juillet 2026 à 10 h 00');
  });
});
