/**
 * The default wording of every message the town sends, in French, with `{{variable}}` slots.
 * A town may override subject, body and short body (SMS, portal notification) per key in
 * `message_templates`; a variable outside the key's list is refused when saving.
 */

export const templateKeys = [
  'acknowledgement',
  'answer',
  'request_for_information',
  'closure',
  'deadline_missed',
  'account_confirm_email',
  'account_reset_password',
  'account_invitation',
] as const;
export type TemplateKey = (typeof templateKeys)[number];

export interface TemplateText {
  subject: string;
  body: string;
  /** For SMS and portal notifications; the body is used when absent. */
  shortBody: string | null;
}

export interface TemplateDefinition extends TemplateText {
  key: TemplateKey;
  /** Name shown to administrators. */
  label: string;
  /** Variables this template may use, with the sample value of previews. */
  variables: Record<string, string>;
}

const requestVariables = {
  townName: 'Ville de Démo',
  citizenName: 'Camille Martin',
  reference: '2026-000123',
  subject: 'Lampadaire éteint rue des Lilas',
  trackingCode: 'BCDFGHJK',
  trackingUrl: 'https://guichet.example.fr/suivi/BCDFGHJK',
};

const accountVariables = {
  townName: 'Ville de Démo',
  citizenName: 'Camille Martin',
  link: 'https://guichet.example.fr/compte/lien',
};

/** No-break space before « : ; ? ! » (French typography). */
const nbsp = '\u00a0';

export const defaultTemplates: Record<TemplateKey, TemplateDefinition> = {
  acknowledgement: {
    key: 'acknowledgement',
    label: 'Accusé de réception',
    variables: { ...requestVariables, departmentName: 'Voirie', dueDate: 'lundi 14 décembre 2026' },
    subject: 'Votre demande {{reference}} a bien été reçue',
    body: [
      'Bonjour {{citizenName}},',
      '',
      `Nous avons bien reçu votre demande «${nbsp}{{subject}}${nbsp}» sous la référence {{reference}}.`,
      `Service chargé de votre demande${nbsp}: {{departmentName}}.`,
      `Date de réponse prévue${nbsp}: {{dueDate}}.`,
      '',
      `Suivez son avancement${nbsp}: {{trackingUrl}}`,
      '',
      '{{townName}}',
    ].join('\n'),
    shortBody: `{{townName}}${nbsp}: demande {{reference}} reçue. Suivi${nbsp}: {{trackingUrl}}`,
  },
  answer: {
    key: 'answer',
    label: 'Réponse à une demande',
    variables: { ...requestVariables, message: 'Le lampadaire a été réparé ce matin.' },
    subject: 'Réponse à votre demande {{reference}}',
    body: [
      'Bonjour {{citizenName}},',
      '',
      `Voici la réponse à votre demande «${nbsp}{{subject}}${nbsp}» ({{reference}})${nbsp}:`,
      '',
      '{{message}}',
      '',
      `Suivi de votre demande${nbsp}: {{trackingUrl}}`,
      '',
      '{{townName}}',
    ].join('\n'),
    shortBody: `{{townName}}${nbsp}: réponse à votre demande {{reference}}${nbsp}: {{trackingUrl}}`,
  },
  request_for_information: {
    key: 'request_for_information',
    label: 'Demande de complément',
    variables: { ...requestVariables, message: 'Pouvez-vous préciser le numéro de la rue ?' },
    subject: 'Votre demande {{reference}} : un complément est nécessaire',
    body: [
      'Bonjour {{citizenName}},',
      '',
      `Pour traiter votre demande «${nbsp}{{subject}}${nbsp}» ({{reference}}), nous avons besoin d’un complément${nbsp}:`,
      '',
      '{{message}}',
      '',
      `Vous pouvez répondre à ce message ou compléter votre demande en ligne${nbsp}: {{trackingUrl}}`,
      '',
      '{{townName}}',
    ].join('\n'),
    shortBody: `{{townName}}${nbsp}: un complément est nécessaire pour votre demande {{reference}}${nbsp}: {{trackingUrl}}`,
  },
  closure: {
    key: 'closure',
    label: 'Clôture de la demande',
    variables: { ...requestVariables },
    subject: 'Votre demande {{reference}} est clôturée',
    body: [
      'Bonjour {{citizenName}},',
      '',
      `Votre demande «${nbsp}{{subject}}${nbsp}» ({{reference}}) est clôturée.`,
      `Vous pouvez toujours la consulter${nbsp}: {{trackingUrl}}`,
      '',
      '{{townName}}',
    ].join('\n'),
    shortBody: `{{townName}}${nbsp}: votre demande {{reference}} est clôturée.`,
  },
  deadline_missed: {
    key: 'deadline_missed',
    label: 'Délai de réponse dépassé',
    variables: { ...requestVariables, dueDate: 'lundi 14 décembre 2026' },
    subject: 'Votre demande {{reference}} : la réponse prend du retard',
    body: [
      'Bonjour {{citizenName}},',
      '',
      `La réponse à votre demande «${nbsp}{{subject}}${nbsp}» ({{reference}}) était attendue le {{dueDate}}. Nous vous prions de nous excuser de ce retard${nbsp}: votre demande reste suivie.`,
      '',
      `Suivi${nbsp}: {{trackingUrl}}`,
      '',
      '{{townName}}',
    ].join('\n'),
    shortBody: `{{townName}}${nbsp}: votre demande {{reference}} prend du retard, elle reste suivie.`,
  },
  account_confirm_email: {
    key: 'account_confirm_email',
    label: 'Confirmation de l’adresse électronique',
    variables: { ...accountVariables },
    subject: 'Confirmez votre adresse électronique',
    body: [
      'Bonjour {{citizenName}},',
      '',
      `Pour confirmer votre adresse électronique, ouvrez ce lien dans les 48 heures${nbsp}:`,
      '',
      '{{link}}',
      '',
      '{{townName}}',
    ].join('\n'),
    shortBody: null,
  },
  account_reset_password: {
    key: 'account_reset_password',
    label: 'Réinitialisation du mot de passe',
    variables: { ...accountVariables },
    subject: 'Réinitialisation de votre mot de passe',
    body: [
      'Bonjour {{citizenName}},',
      '',
      `Pour choisir un nouveau mot de passe, ouvrez ce lien dans l’heure${nbsp}:`,
      '',
      '{{link}}',
      '',
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.',
      '',
      '{{townName}}',
    ].join('\n'),
    shortBody: null,
  },
  account_invitation: {
    key: 'account_invitation',
    label: 'Invitation d’un agent',
    variables: { ...accountVariables },
    subject: 'Invitation à rejoindre le guichet de {{townName}}',
    body: [
      'Bonjour {{citizenName}},',
      '',
      `Vous êtes invité(e) à rejoindre le guichet de {{townName}}. Ouvrez ce lien dans les 7 jours${nbsp}:`,
      '',
      '{{link}}',
      '',
      '{{townName}}',
    ].join('\n'),
    shortBody: null,
  },
};

export function isTemplateKey(key: string): key is TemplateKey {
  return (templateKeys as readonly string[]).includes(key);
}
