import type { AppContext } from '../../../../app-context';
import { AppError } from '../../../../platform/http/app-error';
import { findUserByEmail, insertUser, updateUser, type User } from '../../users.repository';
import { findLinkedUser, insertExternalIdentity } from '../external-identities.repository';
import { decideOidcAccount, type OidcClaims } from '../oidc-login.policy';
import { transaction } from '../../../../platform/db/transaction';

/**
 * Finds, links or creates the account of an identity the provider vouched for, in one
 * transaction, following decideOidcAccount (see oidc-login.policy.ts for who may log in).
 */
export async function resolveOidcAccount(
  ctx: AppContext,
  input: { tenantId: string; providerId: string; claims: OidcClaims },
): Promise<User> {
  const { tenantId, providerId, claims } = input;
  const now = ctx.clock.now();
  return transaction(ctx.db, async (tx) => {
    const linkedUser = await findLinkedUser(tx, tenantId, providerId, claims.sub);
    const userWithSameEmail =
      !linkedUser && claims.email ? await findUserByEmail(tx, tenantId, claims.email) : undefined;
    const decision = decideOidcAccount({ claims, linkedUser, userWithSameEmail });

    switch (decision.action) {
      case 'refuse':
        throw new AppError('OIDC_LOGIN_FAILED', decision.reason);
      case 'use':
        return decision.user;
      case 'link': {
        await insertExternalIdentity(tx, {
          tenantId,
          providerId,
          subject: claims.sub,
          userId: decision.user.id,
          createdAt: now,
        });
        if (!decision.confirmEmail) return decision.user;
        const confirmed = await updateUser(
          tx,
          tenantId,
          decision.user.id,
          { emailVerifiedAt: now, passwordHash: null },
          now,
        );
        return confirmed ?? decision.user;
      }
      case 'create': {
        const user = await insertUser(tx, {
          tenantId,
          kind: 'citizen',
          email: decision.email,
          emailVerifiedAt: decision.emailVerified ? now : null,
          firstName: claims.givenName ?? '',
          lastName: claims.familyName ?? '',
        });
        await insertExternalIdentity(tx, {
          tenantId,
          providerId,
          subject: claims.sub,
          userId: user.id,
          createdAt: now,
        });
        return user;
      }
    }
  });
}
