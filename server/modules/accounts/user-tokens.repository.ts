import { and, eq, gt, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import { userTokens } from './accounts.tables';
import { generateSecretToken, hashSecretToken } from './secret-token';

export type TokenPurpose = (typeof userTokens.$inferSelect)['purpose'];
export type UserToken = typeof userTokens.$inferSelect;

/** How long an e-mailed link stays valid. */
export const tokenLifetimeMs: Record<TokenPurpose, number> = {
  confirm_email: 48 * 3600_000,
  reset_password: 3600_000,
  invitation: 7 * 24 * 3600_000,
};

/**
 * Issues a single-use token for `purpose`, revoking the user's earlier unused ones of the same
 * purpose (only the latest link works). Returns the clear token, to put in the link, and its row id.
 */
export async function issueUserToken(
  tx: DbOrTx,
  input: { tenantId: string; userId: string; purpose: TokenPurpose; now: Date },
): Promise<{ id: string; token: string }> {
  await tx
    .update(userTokens)
    .set({ usedAt: input.now })
    .where(
      and(
        eq(userTokens.tenantId, input.tenantId),
        eq(userTokens.userId, input.userId),
        eq(userTokens.purpose, input.purpose),
        isNull(userTokens.usedAt),
      ),
    );
  const token = generateSecretToken();
  const [row] = await tx
    .insert(userTokens)
    .values({
      tenantId: input.tenantId,
      userId: input.userId,
      purpose: input.purpose,
      tokenHash: hashSecretToken(token),
      expiresAt: new Date(input.now.getTime() + tokenLifetimeMs[input.purpose]),
      createdAt: input.now,
    })
    .returning({ id: userTokens.id });
  return { id: row!.id, token };
}

/** The unused, unexpired token of this tenant and purpose, if any. */
export async function findValidUserToken(
  db: DbOrTx,
  input: { tenantId: string; purpose: TokenPurpose; token: string; now: Date },
): Promise<UserToken | undefined> {
  const [row] = await db
    .select()
    .from(userTokens)
    .where(
      and(
        eq(userTokens.tenantId, input.tenantId),
        eq(userTokens.purpose, input.purpose),
        eq(userTokens.tokenHash, hashSecretToken(input.token)),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, input.now),
      ),
    )
    .limit(1);
  return row;
}

/** Marks the token used; false when another request used it first (single use under races). */
export async function markUserTokenUsed(
  tx: DbOrTx,
  token: Pick<UserToken, 'id' | 'tenantId'>,
  now: Date,
): Promise<boolean> {
  const rows = await tx
    .update(userTokens)
    .set({ usedAt: now })
    .where(
      and(eq(userTokens.tenantId, token.tenantId), eq(userTokens.id, token.id), isNull(userTokens.usedAt)),
    )
    .returning({ id: userTokens.id });
  return rows.length === 1;
}
