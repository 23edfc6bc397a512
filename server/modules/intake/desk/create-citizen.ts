import type { AppContext } from '../../../app-context';
import { requireAgentRole, type Principal } from '../../../platform/auth/principal';
import { insertAccount } from '../../accounts';
import type { CreateCitizenBody } from './desk.schemas';
import { toCitizenItem } from './search-citizens';

/**
 * An agent opens a citizen account for someone at the desk: no password, e-mail not confirmed;
 * the person claims it later with « mot de passe oublié ». An e-mail already used answers EMAIL_TAKEN.
 */
export async function createCitizen(
  ctx: Pick<AppContext, 'db'>,
  principal: Principal,
  body: CreateCitizenBody,
) {
  const agent = requireAgentRole(principal);
  const user = await insertAccount(
    ctx.db,
    {
      tenantId: agent.tenantId,
      kind: 'citizen',
      email: body.email,
      passwordHash: null,
      emailVerifiedAt: null,
      firstName: body.firstName.trim(),
      lastName: body.lastName.trim(),
      phone: body.phone?.trim() || null,
      postalAddress: body.postalAddress ?? null,
    },
    async () => {},
  );
  return toCitizenItem({ ...user, requestCount: 0 });
}
