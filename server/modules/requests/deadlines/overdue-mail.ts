/**
 * What the messages about missed deadlines say, as template variables (templates `deadline_digest`
 * for a department's managers and `deadline_missed` for the requester). Pure: the use case
 * gathers the facts.
 */
import { plural } from '../../../../common/plural';
import { formatParisDay } from '../acknowledgement-mail';
import { trackingPageLink } from '../tracking-link';

/** No-break space, inside « » in French typography. */
const nbsp = '\u00a0';

export interface OverdueRequestLine {
  reference: string;
  subject: string;
  dueAt: Date;
  link: string;
}

export interface OverdueDigestFacts {
  townName: string;
  /** The manager (or administrator) the digest goes to. */
  recipientName: string;
  /** Null for requests not routed to a department yet (the digest then goes to the admins). */
  departmentName: string | null;
  requests: readonly OverdueRequestLine[];
  /** The back-office list of overdue requests. */
  listLink: string;
}

/** The back-office page of one request. */
export function agentRequestLink(baseUrl: string, requestId: string): string {
  return `${baseUrl}/agent/demandes/${requestId}`;
}

/** The back-office queue filtered on overdue requests. */
export function overdueListLink(baseUrl: string): string {
  return `${baseUrl}/agent/demandes?overdue=true`;
}

/** One request per entry: reference, subject and due day, then its back-office link. */
export function overdueRequestList(requests: readonly OverdueRequestLine[]): string {
  return requests
    .flatMap((request) => [
      `- ${request.reference} – «${nbsp}${request.subject}${nbsp}», attendue le ${formatParisDay(request.dueAt)}`,
      `  ${request.link}`,
    ])
    .join('\n');
}

/** Variables of `deadline_digest`. */
export function overdueDigestVariables(facts: OverdueDigestFacts): Record<string, string> {
  return {
    townName: facts.townName,
    citizenName: facts.recipientName,
    departmentName: facts.departmentName ?? 'sans service désigné',
    count: String(facts.requests.length),
    requestCount: `${facts.requests.length} ${plural(facts.requests.length, 'demande', 'demandes')}`,
    requestList: overdueRequestList(facts.requests),
    link: facts.listLink,
  };
}

export interface DeadlineMissedFacts {
  townName: string;
  citizenName: string;
  reference: string;
  subject: string;
  trackingCode: string;
  dueAt: Date;
  baseUrl: string;
}

/** Variables of `deadline_missed`, the apology to the requester. */
export function deadlineMissedVariables(facts: DeadlineMissedFacts): Record<string, string> {
  return {
    townName: facts.townName,
    citizenName: facts.citizenName,
    reference: facts.reference,
    subject: facts.subject,
    trackingCode: facts.trackingCode,
    trackingUrl: trackingPageLink(facts.baseUrl, facts.trackingCode),
    dueDate: formatParisDay(facts.dueAt),
  };
}
