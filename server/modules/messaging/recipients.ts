/**
 * Messaging writes to citizens and agents, whose accounts another module owns: it asks that module
 * (extension point `messageRecipientAccounts`) for what an account says of how to reach its
 * holder, instead of reading account rows.
 */
import type { OutboundChannel } from '../../../common/messaging';
import type { AppContext } from '../../app-context';
import type { DbOrTx } from '../../platform/db/client';
import type { LetterAddress } from './messaging.tables';

/** How an account's holder can be reached. */
export interface RecipientAccount {
  id: string;
  isActive: boolean;
  name: string;
  email: string;
  phone: string | null;
  /** The postal address on the account, as an envelope shows it. */
  letterAddress: LetterAddress | null;
  preferredChannel: OutboundChannel | null;
}

export type FindRecipientAccount = (
  db: DbOrTx,
  tenantId: string,
  userId: string,
) => Promise<RecipientAccount | undefined>;

declare module '../../platform/modules/module-manifest' {
  interface ModuleExtensions {
    /** The account behind a recipient's user id (one module owns accounts). */
    messageRecipientAccounts: FindRecipientAccount;
  }
}

export async function findRecipientAccount(
  ctx: Pick<AppContext, 'modules'>,
  db: DbOrTx,
  tenantId: string,
  userId: string,
): Promise<RecipientAccount | undefined> {
  const [find] = ctx.modules.extensions('messageRecipientAccounts');
  if (!find)
    throw new Error('No module contributes messageRecipientAccounts: messages cannot reach accounts');
  return find(db, tenantId, userId);
}
