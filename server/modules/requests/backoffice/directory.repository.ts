import { and, asc, eq, exists, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client';
import { departmentMemberships, users } from '../../accounts/accounts.tables';
import { departments } from '../../organisation/organisation.tables';

/** The town's active departments by name. */
export async function findActiveDepartments(db: DbOrTx, tenantId: string) {
  return db
    .select({ id: departments.id, name: departments.name, parentId: departments.parentId })
    .from(departments)
    .where(and(eq(departments.tenantId, tenantId), eq(departments.isActive, true)))
    .orderBy(asc(departments.name), asc(departments.id));
}

/** The town's active agents (members of `departmentId` when given) with their departments. */
export async function findActiveAgents(db: DbOrTx, tenantId: string, departmentId?: string) {
  const conditions = [eq(users.tenantId, tenantId), eq(users.kind, 'agent'), eq(users.isActive, true)];
  if (departmentId) {
    conditions.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(departmentMemberships)
          .where(
            and(
              eq(departmentMemberships.userId, users.id),
              eq(departmentMemberships.departmentId, departmentId),
            ),
          ),
      ),
    );
  }
  const agents = await db
    .select({ id: users.id, firstName: users.firstName, lastName: users.lastName, email: users.email })
    .from(users)
    .where(and(...conditions))
    .orderBy(asc(users.lastName), asc(users.firstName), asc(users.id));
  if (agents.length === 0) return [];
  const memberships = await db
    .select({ userId: departmentMemberships.userId, departmentId: departmentMemberships.departmentId })
    .from(departmentMemberships)
    .where(
      and(
        eq(departmentMemberships.tenantId, tenantId),
        inArray(
          departmentMemberships.userId,
          agents.map((agent) => agent.id),
        ),
      ),
    )
    .orderBy(asc(departmentMemberships.departmentId));
  const departmentIdsOf = new Map<string, string[]>();
  for (const membership of memberships) {
    const list = departmentIdsOf.get(membership.userId) ?? [];
    list.push(membership.departmentId);
    departmentIdsOf.set(membership.userId, list);
  }
  return agents.map((agent) => ({ ...agent, departmentIds: departmentIdsOf.get(agent.id) ?? [] }));
}
