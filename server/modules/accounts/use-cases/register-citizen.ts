import type { AppContext } from '../../../app-context';
import { emailTaken, weakPassword } from '../account-errors';
import { queueEmailConfirmation } from '../account-mails';
import { hashPassword } from '../password';
import { findPasswordWeakness } from '../password-rule';
import { normalisePhone } from '../profile-rules';
import { insertAccount } from '../insert-account';
import { getTenantSite } from '../tenant-site';
import { findUserByEmail, type NewUser, normaliseEmail, type User } from '../users.repository';
import type { Principal } from '../../../platform/auth/principal';

export interface RegisterCitizenInput {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  phone?: string;
}

/** Creates a citizen account whose e-mail is still to confirm, and queues the confirmation mail. */
export async function registerCitizen(
  ctx: AppContext,
  principal: Principal,
  input: RegisterCitizenInput,
): Promise<User> {
  const email = normaliseEmail(input.email);
  const weakness = findPasswordWeakness(input.password, email);
  if (weakness) throw weakPassword('password', weakness);
  if (await findUserByEmail(ctx.db, principal.tenantId, email)) throw emailTaken();

  const passwordHash = await hashPassword(input.password);
  const site = await getTenantSite(ctx, principal.tenantId);
  const now = ctx.clock.now();
  const newCitizen: NewUser = {
    tenantId: principal.tenantId,
    kind: 'citizen',
    email,
    passwordHash,
    firstName: input.firstName.trim(),
    lastName: input.lastName.trim(),
    phone: input.phone ? normalisePhone(input.phone) : null,
  };
  return insertAccount(ctx.db, newCitizen, (tx, user) =>
    queueEmailConfirmation(tx, ctx, { user, site, now }),
  );
}
