import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import type { AgentRole } from '../../platform/http/request-context';
import { departmentMemberships, users, type PostalAddress } from './accounts.tables';

export type User = typeof users.$inferSelect;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(
  db: DbOrTx,
  tenantId: string,
  email: string,
): Promise<User | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.email, normaliseEmail(email))))
    .limit(1);
  return user;
}

export async function findUserById(db: DbOrTx, tenantId: string, id: string): Promise<User | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)))
    .limit(1);
  return user;
}

export interface NewUser {
  tenantId: string;
  kind: 'citizen' | 'agent';
  email: string;
  passwordHash?: string | null;
  emailVerifiedAt?: Date | null;
  firstName?: string;
  lastName?: string;
  phone?: string | null;
  postalAddress?: PostalAddress | null;
  preferredChannel?: 'email' | 'sms' | 'letter' | 'portal';
  roles?: AgentRole[];
}

export async function insertUser(db: DbOrTx, input: NewUser): Promise<User> {
  const [user] = await db
    .insert(users)
    .values({ ...input, email: normaliseEmail(input.email), roles: input.roles ?? [] })
    .returning();
  return user!;
}

export async function findDepartmentIdsOfUser(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db
    .select({ departmentId: departmentMemberships.departmentId })
    .from(departmentMemberships)
    .where(eq(departmentMemberships.userId, userId));
  return rows.map((row) => row.departmentId);
}

/** Replaces the agent's department memberships with `departmentIds`. */
export async function setDepartmentMemberships(
  db: DbOrTx,
  tenantId: string,
  userId: string,
  departmentIds: string[],
): Promise<void> {
  await db.delete(departmentMemberships).where(eq(departmentMemberships.userId, userId));
  if (departmentIds.length > 0) {
    await db
      .insert(departmentMemberships)
      .values(departmentIds.map((departmentId) => ({ tenantId, userId, departmentId })));
  }
}
