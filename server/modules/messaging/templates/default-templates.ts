/**
 * The default wording of every message the town sends, in French, with `{{variable}}` slots.
 * A town may override subject, body and short body (SMS) per key in
 * `message_templates`; a variable outside the key's list is refused when saving.
 */

export const templateKeys = [
  'acknowledgement',
  'answer',
  'agent_message',
  'request_for_information',
  'closure',
  'deadline_missed',
  'deadline_digest',
  'account_confirm_email',
  'account_reset_password',
  'account_invitation',
] as const;
export type TemplateKey = (typeof templateKeys)[number];

export interface TemplateText {
  subject: string;
  body: string;
  /** For SMS; the body is used when absent. Portal notifications carry the whole body. */
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
/** Narrow no-break space before « ; ? ! ». */
const narrowNbsp = '\u202f';

export const defaultTemplates: Record<TemplateKey, TemplateDefinition> = {
  acknowledgement: {
    key: 'acknowledgement',
    label: 'Accusé de réception',
    variables: {
      ...requestVariables,
      receivedAt: 'lundi 30 novembre 2026 à 14 h 05',
      departmentName: 'Voirie',
      departmentDetails: [
        `Service chargé de votre demande${nbsp}: Voirie`,
        `Adresse postale${nbsp}: 1 place de la Mairie, 75001 Ville de Démo`,
        `Courriel${nbsp}: voirie@ville-demo.fr`,
        `Téléphone${nbsp}: 01 23 45 67 89`,
      ].join('\n'),
      dueDate: 'lundi 14 décembre 2026',
      answerDate: 'Une réponse vous sera apportée au plus tard le lundi 14 décembre 2026.',
      silenceNotice: `Votre demande ne donne pas lieu à une décision implicite${nbsp}: l’absence de réponse de notre part ne vaudra ni acceptation ni rejet.`,
    },
    subject: 'Accusé de réception de votre demande {{reference}}',
    body: [
      'Bonjour {{citizenName}},',
      '',
      `Nous avons bien reçu votre demande «${nbsp}{{subject}}${nbsp}» le {{receivedAt}}.`,
      '',
      `Référence${nbsp}: {{reference}}`,
      '{{departmentDetails}}',
      '',
      '{{answerDate}}',
      '{{silenceNotice}}',
      '',
      `Vous pouvez suivre l’avancement de votre demande à tout moment${nbsp}:`,
      '{{trackingUrl}}',
      '',
      'Rappelez la référence de votre demande dans tout échange avec nos services.',
      '',
      '{{townName}}',
    ].join('\n'),
    shortBody: `{{townName}}${nbsp}: votre demande {{reference}} a bien été reçue. Suivi${nbsp}: {{trackingUrl}}`,
  },
  answer: {
    key: 'answer',
    label: 'Réponse à une demande',
    variables: { ...requestVariables, message: 'Le lampadaire a été réparé ce matin.' },
    subject: 'Réponse à votre demande {{reference}}',
    body: [
      'Bonjour {{citizenName}},',
      '',
      `Voici la réponse de nos services à votre demande «${nbsp}{{subject}}${nbsp}»${nbsp}:`,
      '',
      '{{message}}',
      '',
      `Référence${nbsp}: {{reference}}`,
      '',
      `Vous pouvez répondre à ce message ou suivre votre demande en ligne${nbsp}:`,
      '{{trackingUrl}}',
      '',
      'Rappelez la référence de votre demande dans tout échange avec nos services.',
      '',
      '{{townName}}',
    ].join('\n'),
    shortBody: `{{townName}}${nbsp}: réponse à votre demande {{reference}}${nbsp}: {{trackingUrl}}`,
  },
  agent_message: {
    key: 'agent_message',
    label: 'Message d’un agent',
    variables: { ...requestVariables, message: 'Une équipe passera jeudi matin.' },
    subject: 'Nouveau message sur votre demande {{reference}}',
    body: [
      'Bonjour {{citizenName}},',
      '',
      `Nos services vous ont écrit au sujet de votre demande «${nbsp}{{subject}}${nbsp}»${nbsp}:`,
      '',
      '{{message}}',
      '',
      `Référence${nbsp}: {{reference}}`,
      '',
      `Vous pouvez répondre à ce message ou suivre votre demande en ligne${nbsp}:`,
      '{{trackingUrl}}',
      '',
      'Rappelez la référence de votre demande dans tout échange avec nos services.',
      '',
      '{{townName}}',
    ].join('\n'),
    shortBody: `{{townName}}${nbsp}: nouveau message sur votre demande {{reference}}${nbsp}: {{trackingUrl}}`,
  },
  request_for_information: {
    key: 'request_for_information',
    label: 'Demande de complément',
    variables: { ...requestVariables, message: `Pouvez-vous préciser le numéro de la rue${narrowNbsp}?` },
    subject: `Votre demande {{reference}}${nbsp}: un complément est nécessaire`,
    body: [
      'Bonjour {{citizenName}},',
      '',
      `Pour traiter votre demande «${nbsp}{{subject}}${nbsp}», nous avons besoin d’un complément${nbsp}:`,
      '',
      '{{message}}',
      '',
      `Référence${nbsp}: {{reference}}`,
      '',
      `Vous pouvez répondre à ce message ou compléter votre demande en ligne${nbsp}:`,
      '{{trackingUrl}}',
      '',
      'Rappelez la référence de votre demande dans tout échange avec nos services.',
      '',
      '{{townName}}',
    ].join('\n'),
    shortBody: `{{townName}}${nbsp}: un complément est nécessaire pour votre demande {{reference}}${nbsp}: {{trackingUrl}}`,
  },
  closure: {
    key: 'closure',
    label: 'Clôture de la demande (invitation à donner son avis)',
    variables: { ...requestVariables },
    subject: `Votre demande {{reference}} est clôturée${nbsp}: donnez-nous votre avis`,
    body: [
      'Bonjour {{citizenName}},',
      '',
      `Votre demande {{reference}} («${nbsp}{{subject}}${nbsp}») a reçu sa réponse et est désormais clôturée.`,
      '',
      `Votre avis nous aide à améliorer nos services. Dites-nous en une minute si vous êtes satisfait·e de la réponse apportée, de 1 (très insatisfait) à 5 (très satisfait)${nbsp}:`,
      '{{trackingUrl}}',
      '',
      'Si votre demande n’est pas résolue, contactez la mairie en rappelant sa référence.',
      '',
      '{{townName}}',
    ].join('\n'),
    shortBody: `{{townName}}${nbsp}: votre demande {{reference}} est clôturée. Donnez-nous votre avis en une minute${nbsp}: {{trackingUrl}}`,
  },
  deadline_missed: {
    key: 'deadline_missed',
    label: 'Délai de réponse dépassé',
    variables: { ...requestVariables, dueDate: 'lundi 14 décembre 2026' },
    subject: `Votre demande {{reference}}${nbsp}: la réponse prend du retard`,
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
  deadline_digest: {
    key: 'deadline_digest',
    label: 'Demandes en retard (résumé pour les responsables)',
    variables: {
      townName: 'Ville de Démo',
      citizenName: 'Claire Responsable',
      departmentName: 'Voirie',
      count: '2',
      requestList: [
        `- 2026-000123 – «${nbsp}Lampadaire éteint rue des Lilas${nbsp}», attendue le lundi 14 décembre 2026`,
        '  https://guichet.example.fr/agent/demandes/0b7c6a52-2f55-4c1e-9a57-3c1f0e2d4a10',
        `- 2026-000131 – «${nbsp}Nid-de-poule avenue Foch${nbsp}», attendue le mardi 15 décembre 2026`,
        '  https://guichet.example.fr/agent/demandes/5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6',
      ].join('\n'),
      link: 'https://guichet.example.fr/agent/demandes?overdue=true',
    },
    subject: `{{departmentName}}${nbsp}: {{count}} demande(s) en retard`,
    body: [
      'Bonjour {{citizenName}},',
      '',
      `Ces demandes ont dépassé leur date de réponse prévue (service${nbsp}: {{departmentName}})${nbsp}:`,
      '',
      '{{requestList}}',
      '',
      'Les demandeurs joignables sont prévenus du retard. Pensez à traiter ces demandes ou à leur indiquer un nouveau délai.',
      '',
      `Toutes les demandes en retard${nbsp}: {{link}}`,
      '',
      '{{townName}}',
    ].join('\n'),
    shortBody: null,
  },
  account_confirm_email: {
    key: 'account_confirm_email',
    label: 'Confirmation de l’adresse électronique',
    variables: { ...accountVariables },
    subject: 'Confirmez votre adresse e-mail – {{townName}}',
    body: [
      'Bonjour {{citizenName}},',
      '',
      `Vous venez de créer votre compte sur le guichet en ligne de {{townName}}. Pour l’activer, confirmez votre adresse e-mail en ouvrant ce lien, valable 48 heures${nbsp}:`,
      '',
      '{{link}}',
      '',
      `Si vous n’êtes pas à l’origine de cette inscription, ignorez ce message${nbsp}: aucun compte ne sera activé.`,
      '',
      '{{townName}}',
    ].join('\n'),
    shortBody: null,
  },
  account_reset_password: {
    key: 'account_reset_password',
    label: 'Réinitialisation du mot de passe',
    variables: { ...accountVariables },
    subject: 'Réinitialisation de votre mot de passe – {{townName}}',
    body: [
      'Bonjour {{citizenName}},',
      '',
      `Une demande de réinitialisation du mot de passe de votre compte sur le guichet de {{townName}} a été faite. Pour choisir un nouveau mot de passe, ouvrez ce lien, valable 1 heure${nbsp}:`,
      '',
      '{{link}}',
      '',
      `Si vous n’avez rien demandé, ignorez ce message${nbsp}: votre mot de passe reste inchangé.`,
      '',
      '{{townName}}',
    ].join('\n'),
    shortBody: null,
  },
  account_invitation: {
    key: 'account_invitation',
    label: 'Invitation d’un agent',
    variables: { ...accountVariables, inviterName: 'Ada Admin' },
    subject: 'Invitation à rejoindre l’espace agents – {{townName}}',
    body: [
      'Bonjour {{citizenName}},',
      '',
      `{{inviterName}} vous invite à rejoindre l’espace agents du guichet de {{townName}}. Pour choisir votre mot de passe et activer votre compte, ouvrez ce lien, valable 7 jours${nbsp}:`,
      '',
      '{{link}}',
      '',
      `Si vous ne vous attendiez pas à cette invitation, ignorez ce message${nbsp}: aucun compte ne sera activé.`,
      '',
      '{{townName}}',
    ].join('\n'),
    shortBody: null,
  },
};

export function isTemplateKey(key: string): key is TemplateKey {
  return (templateKeys as readonly string[]).includes(key);
}
