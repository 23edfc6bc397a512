import { describe, expect, it } from 'vitest';
import { agentMessageMail, type AgentMessageFacts } from './agent-message-mail';

describe('agentMessageMail', () => {
  const facts: AgentMessageFacts = {
    townName: 'Commune de Test',
    reference: '2026-000042',
    subject: 'Nid-de-poule',
    body: 'Le trou sera rebouché lundi.\nMerci de votre signalement.',
    isAnswer: true,
    trackingLink: 'https://mairie.test/suivi/BCDFGHJK',
  };

  it('gives the answer with the text, the reference and the tracking link', () => {
    const mail = agentMessageMail(facts);
    expect(mail.subject).toBe('Réponse à votre demande 2026-000042');
    expect(mail.text).toContain(
      'Voici la réponse de nos services à votre demande «\u00a0Nid-de-poule\u00a0»\u00a0:',
    );
    expect(mail.text).toContain('Le trou sera rebouché lundi.\nMerci de votre signalement.');
    expect(mail.text).toContain('Référence\u00a0: 2026-000042');
    expect(mail.text).toContain('https://mairie.test/suivi/BCDFGHJK');
    expect(mail.text.trimEnd().endsWith('Commune de Test')).toBe(true);
  });

  it('words a plain message differently from an answer', () => {
    const mail = agentMessageMail({ ...facts, isAnswer: false });
    expect(mail.subject).toBe('Nouveau message sur votre demande 2026-000042');
    expect(mail.text).toContain('Nos services vous ont écrit au sujet de votre demande');
    expect(mail.text).not.toContain('Voici la réponse');
  });

  it('uses non-breaking spaces inside the quotation marks and before colons', () => {
    const { text } = agentMessageMail(facts);
    expect(text).toContain('«\u00a0Nid-de-poule\u00a0»');
    expect(text).not.toMatch(/ [:;?!]/);
  });
});
