import { describe, expect, it } from 'vitest';
import { emailConfirmationMail, invitationMail, passwordResetMail } from './account-mail-templates';

describe('account mail templates', () => {
  const link = 'https://ville.fr/confirmer-email?token=abc';

  it('writes the confirmation mail in French with the link in text and HTML', () => {
    const mail = emailConfirmationMail({ tenantName: 'Ville de Démo', firstName: 'Camille', link });
    expect(mail.subject).toBe('Confirmez votre adresse e-mail – Ville de Démo');
    expect(mail.text).toContain('Bonjour Camille,');
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(`<a href="${link}">`);
    expect(mail.html).toContain('lang="fr"');
  });

  it('escapes names in the HTML version', () => {
    const mail = passwordResetMail({ tenantName: 'Ville', firstName: '<b>Eve</b>', link });
    expect(mail.html).toContain('&lt;b&gt;Eve&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>Eve</b>');
  });

  it('names the inviter, or the town when nobody invited', () => {
    expect(
      invitationMail({ tenantName: 'Ville', firstName: 'Alex', inviterName: 'Ada Admin', link }).text,
    ).toContain('Ada Admin vous invite');
    expect(
      invitationMail({ tenantName: 'Ville', firstName: 'Alex', inviterName: null, link }).text,
    ).toContain('L’administration de Ville vous invite');
  });
});
