import type { Tx } from '../../platform/db/client';
import { type MessagingContext, sendToCitizen } from '../messaging';
import { accountSubject } from './account-subject';
import type { AccountTemplateKey } from './account-templates';
import { accountPages, tokenLink } from './links';
import type { TenantSite } from './tenant-site';
import { issueUserToken, type TokenPurpose } from './user-tokens.repository';
import type { User } from './users.repository';

type MailContext = MessagingContext;

interface TokenMail {
  purpose: TokenPurpose;
  page: string;
  template: AccountTemplateKey;
  /** Variables beyond the town, the name and the link. */
  variables?: Record<string, string>;
}

/**
 * Issues a fresh single-use token for the mail's purpose and queues the message carrying its link
 * through the messaging pipeline, inside the caller's transaction: the token and the message exist
 * only if the change commits. By e-mail only, to the account's address: the link proves (or uses)
 * that address, so an SMS, a portal notice or a letter would defeat it.
 */
async function queueTokenMail(
  tx: Tx,
  ctx: MailContext,
  input: { user: User; site: TenantSite; now: Date },
  mail: TokenMail,
): Promise<void> {
  const { user, site } = input;
  const { id, token } = await issueUserToken(tx, {
    tenantId: user.tenantId,
    userId: user.id,
    purpose: mail.purpose,
    now: input.now,
  });
  await sendToCitizen(tx, ctx, {
    tenantId: user.tenantId,
    key: `${mail.purpose}:${id}`,
    subject: accountSubject(user.id),
    recipient: { userId: user.id, email: user.email, preferredChannel: 'email' },
    template: {
      key: mail.template,
      variables: {
        townName: site.name,
        citizenName: `${user.firstName} ${user.lastName}`.trim(),
        link: tokenLink(site.baseUrl, mail.page, token),
        ...mail.variables,
      },
    },
    channels: ['email'],
  });
}

/** The link that confirms the account's e-mail address (valid 48 hours), sent to that address. */
export function queueEmailConfirmation(
  tx: Tx,
  ctx: MailContext,
  input: { user: User; site: TenantSite; now: Date },
) {
  return queueTokenMail(tx, ctx, input, {
    purpose: 'confirm_email',
    page: accountPages.confirmEmail,
    template: 'account_confirm_email',
  });
}

/** The link to choose a new password (valid 1 hour). */
export function queuePasswordReset(
  tx: Tx,
  ctx: MailContext,
  input: { user: User; site: TenantSite; now: Date },
) {
  return queueTokenMail(tx, ctx, input, {
    purpose: 'reset_password',
    page: accountPages.resetPassword,
    template: 'account_reset_password',
  });
}

/** The link an invited agent follows to choose a password (valid 7 days). */
export function queueInvitation(
  tx: Tx,
  ctx: MailContext,
  input: { user: User; site: TenantSite; now: Date; inviterName: string | null },
) {
  return queueTokenMail(tx, ctx, input, {
    purpose: 'invitation',
    page: accountPages.acceptInvitation,
    template: 'account_invitation',
    variables: { inviterName: input.inviterName?.trim() || `L’administration de ${input.site.name}` },
  });
}
