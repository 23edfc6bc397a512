import type { AppContext } from '../../../app-context';
import { invalidField } from '../../../platform/http/app-error';
import type { PostalAddress } from '../accounts.tables';
import { userNotFound } from '../account-errors';
import { findContactProblem, normalisePhone } from '../profile-rules';
import { findUserById, updateUser, type User, type UserChanges } from '../users.repository';
import { requireSignedIn, type Principal } from '../../../platform/auth/principal';

export interface ProfileChanges {
  firstName?: string;
  lastName?: string;
  phone?: string | null;
  postalAddress?: PostalAddress | null;
  preferredChannel?: 'email' | 'sms' | 'letter' | 'portal';
}

function trimAddress(address: PostalAddress): PostalAddress {
  const line2 = address.line2?.trim();
  return {
    line1: address.line1.trim(),
    ...(line2 ? { line2 } : {}),
    postcode: address.postcode.trim(),
    city: address.city.trim(),
  };
}

/**
 * Edits one's own profile: name, phone, postal address, preferred channel. The preferred channel
 * must stay reachable (SMS needs a phone, a letter an address).
 */
export async function updateProfile(
  ctx: AppContext,
  principal: Principal,
  input: { changes: ProfileChanges },
): Promise<User> {
  const user = await findUserById(ctx.db, principal.tenantId, requireSignedIn(principal).id);
  if (!user) throw userNotFound();
  const { changes } = input;

  const userChanges: UserChanges = {};
  if (changes.firstName !== undefined) userChanges.firstName = changes.firstName.trim();
  if (changes.lastName !== undefined) userChanges.lastName = changes.lastName.trim();
  if (changes.phone !== undefined) userChanges.phone = changes.phone ? normalisePhone(changes.phone) : null;
  if (changes.postalAddress !== undefined) {
    userChanges.postalAddress = changes.postalAddress ? trimAddress(changes.postalAddress) : null;
  }
  if (changes.preferredChannel !== undefined) userChanges.preferredChannel = changes.preferredChannel;

  const problem = findContactProblem({
    phone: userChanges.phone !== undefined ? userChanges.phone : user.phone,
    postalAddress: userChanges.postalAddress !== undefined ? userChanges.postalAddress : user.postalAddress,
    preferredChannel: userChanges.preferredChannel ?? user.preferredChannel,
  });
  if (problem) throw invalidField(problem.field, problem.message);

  const updated = await updateUser(ctx.db, principal.tenantId, user.id, userChanges, ctx.clock.now());
  return updated!;
}
