import { describe, expect, it } from 'vitest';
import { requestTemplates } from '../request-templates';
import { renderTemplate } from '../../messaging/templates/render-template';
import {
  agentRequestLink,
  deadlineMissedVariables,
  overdueDigestVariables,
  overdueListLink,
} from './overdue-mail';

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

describe('overdue digest variables', () => {
  it('lists each request with its reference, subject, due day (Paris) and back-office link', () => {
    const variables = overdueDigestVariables({
      townName: 'Ville de Démo',
      recipientName: 'Claire Responsable',
      departmentName: 'Voirie',
      requests: [pothole, lamp],
      listLink: overdueListLink('https://mairie.test'),
    });
    expect(variables).toEqual({
      townName: 'Ville de Démo',
      citizenName: 'Claire Responsable',
      departmentName: 'Voirie',
      count: '2',
      requestCount: '2 demandes',
      requestList: [
        `- 2026-000012 – «${nbsp}Nid-de-poule rue des Lilas${nbsp}», attendue le lundi 9 mars 2026`,
        '  https://mairie.test/agent/demandes/a1b2',
        `- 2026-000015 – «${nbsp}Lampadaire éteint${nbsp}», attendue le mardi 10 mars 2026`,
        '  https://mairie.test/agent/demandes/c3d4',
      ].join('\n'),
      link: 'https://mairie.test/agent/demandes?overdue=true',
    });
    const rendered = renderTemplate(
      requestTemplates.find((template) => template.key === 'deadline_digest')!,
      variables,
    );
    expect(rendered.subject).toBe(`Voirie${nbsp}: 2 demandes en retard`);
    expect(rendered.text).toContain('Bonjour Claire Responsable,');
    expect(rendered.text).toContain('https://mairie.test/agent/demandes/c3d4');
    expect(rendered.html).toContain('<a href="https://mairie.test/agent/demandes/a1b2">');
  });

  it('names requests without a department', () => {
    const variables = overdueDigestVariables({
      townName: 'Ville de Démo',
      recipientName: 'Ada Admin',
      departmentName: null,
      requests: [pothole],
      listLink: overdueListLink('https://mairie.test'),
    });
    expect(variables).toMatchObject({
      departmentName: 'sans service désigné',
      count: '1',
      requestCount: '1 demande',
    });
    const rendered = renderTemplate(
      requestTemplates.find((template) => template.key === 'deadline_digest')!,
      variables,
    );
    expect(rendered.subject).toBe(`sans service désigné${nbsp}: 1 demande en retard`);
  });
});

describe('deadline missed variables', () => {
  it('gives the requester the due day and the tracking page', () => {
    const variables = deadlineMissedVariables({
      townName: 'Ville de Démo',
      citizenName: 'Camille Martin',
      reference: '2026-000012',
      subject: 'Nid-de-poule',
      trackingCode: 'BCDFGHJK',
      dueAt: pothole.dueAt,
      baseUrl: 'https://mairie.test',
    });
    expect(variables).toMatchObject({
      dueDate: 'lundi 9 mars 2026',
      trackingUrl: 'https://mairie.test/suivi/BCDFGHJK',
    });
    const rendered = renderTemplate(
      requestTemplates.find((template) => template.key === 'deadline_missed')!,
      variables,
    );
    expect(rendered.subject).toBe(`Votre demande 2026-000012${nbsp}: la réponse prend du retard`);
    expect(rendered.text).toContain('était attendue le lundi 9 mars 2026');
  });
});
