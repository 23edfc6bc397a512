/**
 * The e-mail telling the citizen the town wrote on their request (a message, or the answer): the
 * text itself, the reference and the tracking link. Pure: the use case gathers the facts.
 */
import type { MailContent } from '../../acknowledgement-mail';

export interface AgentMessageFacts {
  townName: string;
  reference: string;
  subject: string;
  body: string;
  isAnswer: boolean;
  trackingLink: string;
}

/** French typography: a non-breaking space before « : » and inside the quotation marks. */
const nbsp = '\u00a0';

export function agentMessageMail(facts: AgentMessageFacts): MailContent {
  const quotedSubject = `«${nbsp}${facts.subject}${nbsp}»`;
  const intro = facts.isAnswer
    ? `Voici la réponse de nos services à votre demande ${quotedSubject}${nbsp}:`
    : `Nos services vous ont écrit au sujet de votre demande ${quotedSubject}${nbsp}:`;
  const lines = [
    'Bonjour,',
    '',
    intro,
    '',
    facts.body,
    '',
    `Référence${nbsp}: ${facts.reference}`,
    '',
    `Vous pouvez suivre l’avancement de votre demande à tout moment${nbsp}:`,
    facts.trackingLink,
    '',
    'Rappelez la référence de votre demande dans tout échange avec nos services.',
    '',
    facts.townName,
  ];
  return {
    subject: facts.isAnswer
      ? `Réponse à votre demande ${facts.reference}`
      : `Nouveau message sur votre demande ${facts.reference}`,
    text: lines.join('\n'),
  };
}
