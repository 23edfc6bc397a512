/**
 * The legal content of the acknowledgement of receipt (accusé de réception, CRPA R112-5 and
 * R112-11-1) as the variables of the `acknowledgement` message template: date of receipt, the
 * department handling the request with its postal address, e-mail and phone, the expected answer
 * date, what silence is worth (and, for a rejection, the appeal channels and deadlines). The
 * reference and the tracking link are the template's common request variables. Pure: the submit
 * use case gathers the facts, the messaging pipeline renders the town's template.
 */

import { addCalendarDays, parisDayOf } from '../organisation';

/** What the category says silence is worth; the period runs in calendar days from receipt. */
export type SilenceFacts = { rule: 'none' } | { rule: 'acceptance' | 'rejection'; periodDays: number };

export interface AcknowledgementFacts {
  receivedAt: Date;
  dueAt: Date | null;
  department: {
    name: string;
    postalAddress: string | null;
    email: string | null;
    phone: string | null;
  } | null;
  silence: SilenceFacts;
}

/** A mail's subject and plain text (still used by the overdue digest until it moves to the pipeline). */
export interface MailContent {
  subject: string;
  text: string;
}

/** French typography: a no-break space before « : », a narrow one before « ; ». */
const nbsp = '\u00a0';
const narrowNbsp = '\u202f';

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
    return [`Service chargé de votre demande${nbsp}: il sera désigné lors de l’examen de votre demande.`];
  }
  const lines = [`Service chargé de votre demande${nbsp}: ${department.name}`];
  if (department.postalAddress) lines.push(`Adresse postale${nbsp}: ${department.postalAddress}`);
  if (department.email) lines.push(`Courriel${nbsp}: ${department.email}`);
  if (department.phone) lines.push(`Téléphone${nbsp}: ${department.phone}`);
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
      `Votre demande ne donne pas lieu à une décision implicite${nbsp}: l’absence de réponse de notre part ne vaudra ni acceptation ni rejet.`,
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
    `Voies et délais de recours${nbsp}: vous pourrez contester cette décision implicite de rejet dans un délai de deux mois à compter de cette date${nbsp}:`,
    `- par un recours gracieux auprès du maire${narrowNbsp};`,
    '- par un recours contentieux devant le tribunal administratif territorialement compétent, y compris par l’application Télérecours citoyens (www.telerecours.fr).',
    `Un recours gracieux formé dans ce délai le prolonge${nbsp}: le délai de deux mois pour saisir le tribunal administratif repart de la réponse du maire, ou du rejet implicite né de son silence pendant deux mois.`,
    `Dans le délai du recours contentieux, vous pourrez aussi demander les motifs de cette décision implicite (article L. 232-4 du ${codeName}).`,
  ];
}

/** The variables of the `acknowledgement` template that carry the legal content (see default-templates). */
export interface AcknowledgementVariables {
  [name: string]: string;
  /** « lundi 30 novembre 2026 à 14 h 05 ». */
  receivedAt: string;
  /** The department's name, empty until one is designated. */
  departmentName: string;
  /** The department and its postal address, e-mail and phone, one per line. */
  departmentDetails: string;
  /** The expected answer day, empty without a due date. */
  dueDate: string;
  /** The sentence giving the answer date. */
  answerDate: string;
  /** What silence is worth, with the appeal channels for an implicit rejection. */
  silenceNotice: string;
}

export function acknowledgementVariables(facts: AcknowledgementFacts): AcknowledgementVariables {
  return {
    receivedAt: formatParisDateTime(facts.receivedAt),
    departmentName: facts.department?.name ?? '',
    departmentDetails: departmentLines(facts.department).join('\n'),
    dueDate: facts.dueAt ? formatParisDay(facts.dueAt) : '',
    answerDate: facts.dueAt
      ? `Une réponse vous sera apportée au plus tard le ${formatParisDay(facts.dueAt)}.`
      : 'Une réponse vous sera apportée dans les meilleurs délais.',
    silenceNotice: silenceLines(facts.silence, facts.receivedAt).join('\n'),
  };
}
