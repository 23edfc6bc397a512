/**
 * The account mails (e-mail confirmation, password reset, agent invitation), registered with
 * messaging (extension point `messageTemplates`). They always go by e-mail.
 */
import type { MessageTemplateDefinition } from '../messaging';

export const accountTemplateKeys = [
  'account_confirm_email',
  'account_reset_password',
  'account_invitation',
] as const;
export type AccountTemplateKey = (typeof accountTemplateKeys)[number];

const accountVariables = {
  townName: 'Ville de Démo',
  citizenName: 'Camille Martin',
  link: 'https://guichet.example.fr/compte/lien',
};

/** No-break space before « : ; ? ! » (French typography). */
const nbsp = '\u00a0';

export const accountTemplates = [
  {
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
  {
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
  {
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
] as const satisfies readonly (MessageTemplateDefinition & { key: AccountTemplateKey })[];
