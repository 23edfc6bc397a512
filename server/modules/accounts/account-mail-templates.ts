/** Account mails, in French: plain text plus a simple HTML version of the same words. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** No-break space, before a colon in French typography. */
const nbsp = '\u00a0';

function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

interface MailParts {
  subject: string;
  greetingName: string;
  intro: string;
  action: string;
  link: string;
  outro: string;
  signature: string;
}

function composeMail(parts: MailParts): MailContent {
  const greeting = parts.greetingName.trim() ? `Bonjour ${parts.greetingName.trim()},` : 'Bonjour,';
  const text = [
    greeting,
    '',
    `${parts.intro} ${parts.action}${nbsp}:`,
    '',
    parts.link,
    '',
    parts.outro,
    '',
    parts.signature,
    '',
  ].join('\n');
  const html = [
    '<!doctype html>',
    '<html lang="fr"><head><meta charset="utf-8"><title>' + escapeHtml(parts.subject) + '</title></head>',
    '<body style="font-family: sans-serif; line-height: 1.5; color: #1f2933;">',
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(parts.intro)} ${escapeHtml(parts.action)}${nbsp}:</p>`,
    `<p><a href="${escapeHtml(parts.link)}">${escapeHtml(parts.link)}</a></p>`,
    `<p>${escapeHtml(parts.outro)}</p>`,
    `<p>${escapeHtml(parts.signature)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: parts.subject, text, html };
}

export function emailConfirmationMail(input: { tenantName: string; firstName: string; link: string }) {
  return composeMail({
    subject: `Confirmez votre adresse e-mail – ${input.tenantName}`,
    greetingName: input.firstName,
    intro: `Vous venez de créer votre compte sur le guichet en ligne de ${input.tenantName}.`,
    action: 'Pour l’activer, confirmez votre adresse e-mail en ouvrant ce lien, valable 48 heures',
    link: input.link,
    outro: `Si vous n’êtes pas à l’origine de cette inscription, ignorez ce message${nbsp}: aucun compte ne sera activé.`,
    signature: input.tenantName,
  });
}

export function passwordResetMail(input: { tenantName: string; firstName: string; link: string }) {
  return composeMail({
    subject: `Réinitialisation de votre mot de passe – ${input.tenantName}`,
    greetingName: input.firstName,
    intro: `Une demande de réinitialisation du mot de passe de votre compte sur le guichet de ${input.tenantName} a été faite.`,
    action: 'Pour choisir un nouveau mot de passe, ouvrez ce lien, valable 1 heure',
    link: input.link,
    outro: `Si vous n’avez rien demandé, ignorez ce message${nbsp}: votre mot de passe reste inchangé.`,
    signature: input.tenantName,
  });
}

export function invitationMail(input: {
  tenantName: string;
  firstName: string;
  inviterName: string | null;
  link: string;
}) {
  const inviter = input.inviterName?.trim() || `L’administration de ${input.tenantName}`;
  return composeMail({
    subject: `Invitation à rejoindre l’espace agents – ${input.tenantName}`,
    greetingName: input.firstName,
    intro: `${inviter} vous invite à rejoindre l’espace agents du guichet de ${input.tenantName}.`,
    action: 'Pour choisir votre mot de passe et activer votre compte, ouvrez ce lien, valable 7 jours',
    link: input.link,
    outro: `Si vous ne vous attendiez pas à cette invitation, ignorez ce message${nbsp}: aucun compte ne sera activé.`,
    signature: input.tenantName,
  });
}
