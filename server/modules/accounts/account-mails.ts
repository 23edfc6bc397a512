import type { Tx } from '../../platform/db/client';
import { enqueueEmail } from '../../platform/mail/mailer';
import {
  emailConfirmationMail,
  invitationMail,
  passwordResetMail,
  type MailContent,
} from './account-mail-templates';
import { accountPages, tokenLink } from './links';
import type { TenantSite } from './tenant-site';
import { issueUserToken, type TokenPurpose } from './user-tokens.repository';
import type { User } from './users.repository';

/**
 * Issues a fresh single-use token for `purpose` and queues the mail carrying its link, inside the
 * caller's transaction: the token and the mail exist only if the change commits.
 */
async function queueTokenMail(
  tx: Tx,
  input: { user: User; site: TenantSite; purpose: TokenPurpose; now: Date },
  page: string,
  compose: (link: string) => MailContent,
): Promise<void> {
  const { user, purpose } = input;
  const { id, token } = await issueUserToken(tx, {
    tenantId: user.tenantId,
    userId: user.id,
    purpose,
    now: input.now,
  });
  const content = compose(tokenLink(input.site.baseUrl, page, token));
  await enqueueEmail(tx, { key: `${purpose}:${id}`, tenantId: user.tenantId, to: user.email, ...content });
}

export function queueEmailConfirmation(tx: Tx, input: { user: User; site: TenantSite; now: Date }) {
  return queueTokenMail(tx, { ...input, purpose: 'confirm_email' }, accountPages.confirmEmail, (link) =>
    emailConfirmationMail({ tenantName: input.site.name, firstName: input.user.firstName, link }),
  );
}

export function queuePasswordReset(tx: Tx, input: { user: User; site: TenantSite; now: Date }) {
  return queueTokenMail(tx, { ...input, purpose: 'reset_password' }, accountPages.resetPassword, (link) =>
    passwordResetMail({ tenantName: input.site.name, firstName: input.user.firstName, link }),
  );
}

export function queueInvitation(
  tx: Tx,
  input: { user: User; site: TenantSite; now: Date; inviterName: string | null },
) {
  return queueTokenMail(tx, { ...input, purpose: 'invitation' }, accountPages.acceptInvitation, (link) =>
    invitationMail({
      tenantName: input.site.name,
      firstName: input.user.firstName,
      inviterName: input.inviterName,
      link,
    }),
  );
}
