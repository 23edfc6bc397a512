import { describe, expect, it } from 'vitest';
import { agentRequestLink, overdueDigestMail } from './overdue-mail';

const nbsp = '\u00a0';
const pothole = {
  reference: '2026-000012',
  subject: 'Nid-de-poule rue des Lilas',
  dueAt: new Date('2026-03-09T22:59:59.999Z'),
  link: agentRequestLink('https://mairie.test', 'a1b2'),
};
const lamp = {
  reference: '2026-000015',
  subject: 'Lampadaire éteint',
  dueAt: new Date('2026-03-10T22:59:59.999Z'),
  link: agentRequestLink('https://mairie.test', 'c3d4'),
};

describe('overdue digest mail', () => {
  it('lists each request with its reference, subject, due day and back-office link', () => {
    const mail = overdueDigestMail({
      townName: 'Ville de Démo',
      departmentName: 'Voirie',
      requests: [pothole, lamp],
    });
    expect(mail.subject).toBe('2 demandes en retard – Voirie');
    expect(mail.text).toBe(
      [
        'Bonjour,',
        '',
        `2 demandes du service Voirie ont dépassé leur date de réponse prévue${nbsp}:`,
        '',
        `- 2026-000012 – «${nbsp}Nid-de-poule rue des Lilas${nbsp}»`,
        `  échéance${nbsp}: lundi 9 mars 2026`,
        '  https://mairie.test/agent/demandes/a1b2',
        `- 2026-000015 – «${nbsp}Lampadaire éteint${nbsp}»`,
        `  échéance${nbsp}: mardi 10 mars 2026`,
        '  https://mairie.test/agent/demandes/c3d4',
        '',
        'Pensez à les traiter ou à informer les demandeurs du délai supplémentaire.',
        '',
        'Ville de Démo',
      ].join('\n'),
    );
  });

  it('speaks in the singular for one request, and names the missing department', () => {
    const mail = overdueDigestMail({ townName: 'Ville de Démo', departmentName: null, requests: [pothole] });
    expect(mail.subject).toBe('1 demande en retard – sans service');
    expect(mail.text).toContain(
      `Une demande sans service désigné a dépassé sa date de réponse prévue${nbsp}:`,
    );
    expect(mail.text).toContain('Pensez à la traiter ou à informer le demandeur du délai supplémentaire.');
  });

  it('never puts a plain space before a colon', () => {
    const mail = overdueDigestMail({
      townName: 'Ville de Démo',
      departmentName: 'Voirie',
      requests: [pothole],
    });
    expect(mail.text).not.toMatch(/ :/);
  });
});
