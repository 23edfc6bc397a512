import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client';
import { externalIdentities, users } from '../accounts.tables';
import type { User } from '../users.repository';

/** The account linked to the identity `subject` at this provider, if any. */
export async function findLinkedUser(
  db: DbOrTx,
  tenantId: string,
  providerId: string,
  subject: string,
): Promise<User | undefined> {
  const [row] = await db
    .select({ user: users })
    .from(externalIdentities)
    .innerJoin(users, eq(users.id, externalIdentities.userId))
    .where(
      and(
        eq(externalIdentities.tenantId, tenantId),
        eq(externalIdentities.providerId, providerId),
        eq(externalIdentities.subject, subject),
        eq(users.tenantId, tenantId),
      ),
    )
    .limit(1);
  return row?.user;
}

export async function insertExternalIdentity(
  db: DbOrTx,
  values: { tenantId: string; providerId: string; subject: string; userId: string; createdAt: Date },
): Promise<void> {
  await db.insert(externalIdentities).values(values);
}

/** The subjects linked to an account, per provider id (for tests and the account page). */
export async function findExternalIdentitiesOfUser(
  db: DbOrTx,
  tenantId: string,
  userId: string,
): Promise<{ providerId: string; subject: string }[]> {
  return db
    .select({ providerId: externalIdentities.providerId, subject: externalIdentities.subject })
    .from(externalIdentities)
    .where(and(eq(externalIdentities.tenantId, tenantId), eq(externalIdentities.userId, userId)));
}
