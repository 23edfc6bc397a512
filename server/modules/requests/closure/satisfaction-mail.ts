/**
 * The mail sent when a request closes: the answer stands, the request is closed, and the
 * citizen is invited to say how satisfied they are on the tracking page. Pure.
 */
import type { MailContent } from '../acknowledgement-mail';

/** No-break space, before a colon in French typography. */
const nbsp = '\u00a0';

export interface SatisfactionInvitationFacts {
  townName: string;
  reference: string;
  subject: string;
  /** The tracking page, where the survey is. */
  trackingLink: string;
}

export function satisfactionInvitationMail(facts: SatisfactionInvitationFacts): MailContent {
  const lines = [
    'Bonjour,',
    '',
    `Votre demande ${facts.reference} («${nbsp}${facts.subject}${nbsp}») a reçu sa réponse et est désormais clôturée.`,
    '',
    `Votre avis nous aide à améliorer nos services. Dites-nous en une minute si vous êtes satisfait·e de la réponse apportée, de 1 (très insatisfait) à 5 (très satisfait)${nbsp}:`,
    facts.trackingLink,
    '',
    'Si votre demande n’est pas résolue, contactez la mairie en rappelant sa référence.',
    '',
    facts.townName,
  ];
  return {
    subject: `Votre demande ${facts.reference} est clôturée${nbsp}: donnez-nous votre avis`,
    text: lines.join('\n'),
  };
}
