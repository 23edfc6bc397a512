import { describe, expect, it } from 'vitest';
import { requestTemplates } from './request-templates';
import { renderTemplate } from '../messaging/templates/render-template';
import {
  acknowledgementVariables,
  formatParisDateTime,
  silenceDay,
  type AcknowledgementFacts,
} from './acknowledgement-mail';

/** The default `acknowledgement` template rendered with the variables built from the facts. */
function acknowledgementMail(facts: AcknowledgementFacts) {
  const rendered = renderTemplate(
    requestTemplates.find((template) => template.key === 'acknowledgement')!,
    {
      townName: 'Commune de Test',
      citizenName: 'Camille Martin',
      reference: '2026-000042',
      subject: 'Nid-de-poule',
      trackingCode: 'BCDFGHJK',
      trackingUrl: 'https://mairie.test/suivi/BCDFGHJK',
      ...acknowledgementVariables(facts),
    },
  );
  // Assertions below are written with plain spaces; the texts use French no-break spaces.
  const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
  return { subject: plain(rendered.subject), text: plain(rendered.text), raw: rendered };
}

describe('acknowledgement of receipt (default template and its legal variables)', () => {
  const facts: AcknowledgementFacts = {
    receivedAt: new Date('2026-11-30T13:05:00Z'),
    dueAt: new Date('2026-12-14T22:59:59.999Z'),
    department: {
      name: 'Voirie',
      postalAddress: '1 place de la Mairie, 75001 Paris',
      email: 'voirie@mairie.test',
      phone: '01 23 45 67 89',
    },
    silence: { rule: 'none' },
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
    expect(mail.text).toContain('Bonjour Camille Martin,');
    expect(mail.text.endsWith('Commune de Test')).toBe(true);
  });

  it('keeps the department’s lines as lines in the HTML part, and French typography', () => {
    const { raw } = acknowledgementMail(facts);
    expect(raw.html).toContain('Voirie<br>Adresse postale\u00a0: 1 place de la Mairie');
    expect(`${raw.subject}\n${raw.text}`).not.toMatch(/ [:;]/);
  });

  it('gives SMS and portal a short text with the tracking link', () => {
    const { raw } = acknowledgementMail(facts);
    expect(raw.short).toBe(
      'Commune de Test\u00a0: votre demande 2026-000042 a bien été reçue. Suivi\u00a0: https://mairie.test/suivi/BCDFGHJK',
    );
  });

  it('still reads well without a department or a due date', () => {
    const mail = acknowledgementMail({ ...facts, department: null, dueAt: null });
    expect(mail.text).toContain('il sera désigné lors de l’examen de votre demande');
    expect(mail.text).toContain('dans les meilleurs délais');
  });

  it('says when silence is worth no implicit decision', () => {
    const mail = acknowledgementMail(facts);
    expect(mail.text).toContain('Votre demande ne donne pas lieu à une décision implicite');
    expect(mail.text).not.toContain('réputée');
    expect(mail.text).not.toContain('recours');
  });

  it('gives the day silence is worth acceptance, in calendar days from receipt', () => {
    const mail = acknowledgementMail({ ...facts, silence: { rule: 'acceptance', periodDays: 60 } });
    expect(mail.text).toContain(
      'Sans réponse de notre part au vendredi 29 janvier 2027, votre demande sera réputée acceptée.',
    );
    expect(mail.text).toContain('attestation');
    expect(mail.text).not.toContain('réputée rejetée');
    expect(mail.text).not.toContain('recours');
  });

  it('gives the day silence is worth rejection, then the appeal channels and deadlines', () => {
    const mail = acknowledgementMail({ ...facts, silence: { rule: 'rejection', periodDays: 61 } });
    expect(mail.text).toContain(
      'Sans réponse de notre part au samedi 30 janvier 2027, votre demande sera réputée rejetée.',
    );
    expect(mail.text).toContain('dans un délai de deux mois');
    expect(mail.text).toContain('recours gracieux auprès du maire');
    expect(mail.text).toContain('recours contentieux devant le tribunal administratif');
    expect(mail.text).toContain('www.telerecours.fr');
    expect(mail.text.indexOf('réputée rejetée')).toBeLessThan(mail.text.indexOf('recours gracieux'));
  });

  it('counts the silence period from the Paris day of receipt', () => {
    // 23:30 UTC on 31 March is already 1 April in Paris.
    expect(silenceDay(new Date('2026-03-31T23:30:00Z'), 30)).toBe('2026-05-01');
    expect(silenceDay(new Date('2026-11-30T13:05:00Z'), 1)).toBe('2026-12-01');
  });

  it('formats Paris time across daylight saving', () => {
    expect(formatParisDateTime(new Date('2026-07-01T08:00:00Z'))).toBe('mercredi 1 juillet 2026 à 10 h 00');
  });
});
