import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import type { AgentRole } from '../../platform/http/request-context';
import { departmentMemberships, type PostalAddress, users } from './accounts.tables';

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

export async function findDepartmentIdsOfUser(
  db: DbOrTx,
  tenantId: string,
  userId: string,
): Promise<string[]> {
  const rows = await db
    .select({ departmentId: departmentMemberships.departmentId })
    .from(departmentMemberships)
    .where(and(eq(departmentMemberships.tenantId, tenantId), eq(departmentMemberships.userId, userId)));
  return rows.map((row) => row.departmentId);
}

/** Replaces the agent's department memberships with `departmentIds`. */
export async function setDepartmentMemberships(
  db: DbOrTx,
  tenantId: string,
  userId: string,
  departmentIds: string[],
): Promise<void> {
  await db
    .delete(departmentMemberships)
    .where(and(eq(departmentMemberships.tenantId, tenantId), eq(departmentMemberships.userId, userId)));
  if (departmentIds.length > 0) {
    await db
      .insert(departmentMemberships)
      .values(departmentIds.map((departmentId) => ({ tenantId, userId, departmentId })));
  }
}

export type UserChanges = Partial<
  Pick<
    User,
    | 'passwordHash'
    | 'emailVerifiedAt'
    | 'firstName'
    | 'lastName'
    | 'phone'
    | 'postalAddress'
    | 'preferredChannel'
    | 'roles'
    | 'isActive'
  >
>;

/** Applies `changes` to the user of this tenant; undefined when there is no such user. */
export async function updateUser(
  db: DbOrTx,
  tenantId: string,
  id: string,
  changes: UserChanges,
  now: Date,
): Promise<User | undefined> {
  const [user] = await db
    .update(users)
    .set({ ...changes, updatedAt: now })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)))
    .returning();
  return user;
}

export async function findAgentsOfTenant(db: DbOrTx, tenantId: string): Promise<User[]> {
  return db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.kind, 'agent')))
    .orderBy(asc(users.lastName), asc(users.firstName), asc(users.email));
}

/** Department ids of several users at once, by user id. */
export async function findDepartmentIdsOfUsers(
  db: DbOrTx,
  tenantId: string,
  userIds: string[],
): Promise<Map<string, string[]>> {
  const byUser = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return byUser;
  const rows = await db
    .select({ userId: departmentMemberships.userId, departmentId: departmentMemberships.departmentId })
    .from(departmentMemberships)
    .where(and(eq(departmentMemberships.tenantId, tenantId), inArray(departmentMemberships.userId, userIds)));
  for (const row of rows) byUser.get(row.userId)?.push(row.departmentId);
  return byUser;
}
