/**
 * The acknowledgement of receipt (accusé de réception, CRPA R112-5 and R112-11-1): date of
 * receipt, reference, the department handling the request with its postal address, e-mail and
 * phone, the expected answer date, what silence is worth (and, for a rejection, the appeal
 * channels and deadlines) and the tracking link. Pure: the submit use case gathers the facts.
 */

import { addCalendarDays, parisDayOf } from '../organisation/business-calendar';

/** What the category says silence is worth; the period runs in calendar days from receipt. */
export type SilenceFacts = { rule: 'none' } | { rule: 'acceptance' | 'rejection'; periodDays: number };

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
  silence: SilenceFacts;
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

/** The day silence takes effect: the Paris day of receipt plus the period, in calendar days. */
export function silenceDay(receivedAt: Date, periodDays: number): string {
  return addCalendarDays(parisDayOf(receivedAt), periodDays);
}

function formatCalendarDay(day: string): string {
  // Noon UTC falls on the same day in Paris, whatever the season.
  return dayFormat.format(new Date(`${day}T12:00:00Z`));
}

const codeName = 'code des relations entre le public et l’administration';

function silenceLines(silence: SilenceFacts, receivedAt: Date): string[] {
  if (silence.rule === 'none') {
    return [
      'Votre demande ne donne pas lieu à une décision implicite : l’absence de réponse de notre part ne vaudra ni acceptation ni rejet.',
    ];
  }
  const day = formatCalendarDay(silenceDay(receivedAt, silence.periodDays));
  if (silence.rule === 'acceptance') {
    return [
      `Sans réponse de notre part au ${day}, votre demande sera réputée acceptée.`,
      `Vous pourrez alors obtenir, sur simple demande, une attestation de cette acceptation (article L. 232-3 du ${codeName}).`,
    ];
  }
  return [
    `Sans réponse de notre part au ${day}, votre demande sera réputée rejetée.`,
    '',
    'Voies et délais de recours : vous pourrez contester cette décision implicite de rejet dans un délai de deux mois à compter de cette date :',
    '- par un recours gracieux auprès du maire ;',
    '- par un recours contentieux devant le tribunal administratif territorialement compétent, y compris par l’application Télérecours citoyens (www.telerecours.fr).',
    'Un recours gracieux formé dans ce délai le prolonge : le délai de deux mois pour saisir le tribunal administratif repart de la réponse du maire, ou du rejet implicite né de son silence pendant deux mois.',
    `Dans le délai du recours contentieux, vous pourrez aussi demander les motifs de cette décision implicite (article L. 232-4 du ${codeName}).`,
  ];
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
    ...silenceLines(facts.silence, facts.receivedAt),
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
