/**
 * The acknowledgement of receipt (accusé de réception, CRPA R112-5): date of receipt, reference,
 * the department handling the request with its postal address, e-mail and phone, the expected
 * answer date and the tracking link. Pure: the submit use case gathers the facts.
 */

export interface AcknowledgementFacts {
  townName: string;
  reference: string;
  subject: string;
  receivedAt: Date;
  dueAt: Date | null;
  department: {
    name: string;
    postalAddress: string | null;
    email: string | null;
    phone: string | null;
  } | null;
  trackingLink: string;
}

export interface MailContent {
  subject: string;
  text: string;
}

const dayFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'full' });
const timeFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  hour: '2-digit',
  minute: '2-digit',
});

/** « lundi 30 novembre 2026 à 14 h 05 », Paris time. */
export function formatParisDateTime(instant: Date): string {
  const [hours, minutes] = timeFormat.format(instant).split(':');
  return `${dayFormat.format(instant)} à ${hours} h ${minutes}`;
}

export function formatParisDay(instant: Date): string {
  return dayFormat.format(instant);
}

function departmentLines(department: AcknowledgementFacts['department']): string[] {
  if (!department) {
    return ['Service chargé de votre demande : il sera désigné lors de l’examen de votre demande.'];
  }
  const lines = [`Service chargé de votre demande : ${department.name}`];
  if (department.postalAddress) lines.push(`Adresse postale : ${department.postalAddress}`);
  if (department.email) lines.push(`Courriel : ${department.email}`);
  if (department.phone) lines.push(`Téléphone : ${department.phone}`);
  return lines;
}

export function acknowledgementMail(facts: AcknowledgementFacts): MailContent {
  const lines = [
    'Bonjour,',
    '',
    `Nous avons bien reçu votre demande « ${facts.subject} » le ${formatParisDateTime(facts.receivedAt)}.`,
    '',
    `Référence : ${facts.reference}`,
    ...departmentLines(facts.department),
    '',
    facts.dueAt
      ? `Une réponse vous sera apportée au plus tard le ${formatParisDay(facts.dueAt)}.`
      : 'Une réponse vous sera apportée dans les meilleurs délais.',
    '',
    'Vous pouvez suivre l’avancement de votre demande à tout moment :',
    facts.trackingLink,
    '',
    'Rappelez la référence de votre demande dans tout échange avec nos services.',
    '',
    facts.townName,
  ];
  return {
    subject: `Accusé de réception de votre demande ${facts.reference}`,
    text: lines.join('\n'),
  };
}
