/**
 * The digest a department's managers receive when requests of their department pass their due
 * date: one line per request (reference, subject, due date) with its back-office link. Pure.
 */
import { formatParisDay, type MailContent } from '../acknowledgement-mail';

/** No-break space, before a colon in French typography. */
const nbsp = '\u00a0';

export interface OverdueRequestLine {
  reference: string;
  subject: string;
  dueAt: Date;
  link: string;
}

export interface OverdueDigestFacts {
  townName: string;
  /** Null for requests not routed to a department yet (the digest then goes to the admins). */
  departmentName: string | null;
  requests: readonly OverdueRequestLine[];
}

/** The back-office page of one request. */
export function agentRequestLink(baseUrl: string, requestId: string): string {
  return `${baseUrl}/agent/demandes/${requestId}`;
}

function introOf(count: number, departmentName: string | null): string {
  const whose = departmentName ? `du service ${departmentName}` : 'sans service désigné';
  return count > 1
    ? `${count} demandes ${whose} ont dépassé leur date de réponse prévue${nbsp}:`
    : `Une demande ${whose} a dépassé sa date de réponse prévue${nbsp}:`;
}

export function overdueDigestMail(facts: OverdueDigestFacts): MailContent {
  const count = facts.requests.length;
  const lines = [
    'Bonjour,',
    '',
    introOf(count, facts.departmentName),
    '',
    ...facts.requests.flatMap((request) => [
      `- ${request.reference} – «${nbsp}${request.subject}${nbsp}»`,
      `  échéance${nbsp}: ${formatParisDay(request.dueAt)}`,
      `  ${request.link}`,
    ]),
    '',
    count > 1
      ? 'Pensez à les traiter ou à informer les demandeurs du délai supplémentaire.'
      : 'Pensez à la traiter ou à informer le demandeur du délai supplémentaire.',
    '',
    facts.townName,
  ];
  return {
    subject: `${count > 1 ? `${count} demandes en retard` : '1 demande en retard'} – ${facts.departmentName ?? 'sans service'}`,
    text: lines.join('\n'),
  };
}
