/**
 * Accounts as messaging subjects and recipients: account mails point to the account they are
 * about, and messaging asks this module how an account's holder can be reached (extension points
 * `messageSubjects` and `messageRecipientAccounts`).
 */
import type { FindRecipientAccount, MessageSubject, MessageSubjectHandler } from '../messaging';
import { findUserById } from './users.repository';

export const accountSubjectType = 'account';

export function accountSubject(userId: string): MessageSubject {
  return { type: accountSubjectType, id: userId };
}

/** Account mails keep no timeline; lists name an account by its holder. */
export const accountSubjectHandler: MessageSubjectHandler = {
  type: accountSubjectType,
  async describe(db, tenantId, ids) {
    const described = new Map<string, { label: string }>();
    for (const id of ids) {
      const user = await findUserById(db, tenantId, id);
      if (user) described.set(id, { label: `${user.firstName} ${user.lastName}`.trim() || user.email });
    }
    return described;
  },
};

/** How an account's holder can be reached: its addresses and preferred channel. */
export const findRecipientAccount: FindRecipientAccount = async (db, tenantId, userId) => {
  const user = await findUserById(db, tenantId, userId);
  if (!user) return undefined;
  const name = `${user.firstName} ${user.lastName}`.trim();
  return {
    id: user.id,
    isActive: user.isActive,
    name,
    email: user.email,
    phone: user.phone,
    letterAddress: user.postalAddress ? { name: name || user.email, ...user.postalAddress } : null,
    preferredChannel: user.preferredChannel,
  };
};
