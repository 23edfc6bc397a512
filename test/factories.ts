import { randomBytes } from 'node:crypto';
import type { DbOrTx } from '../server/platform/db/client';
import type { AgentRole } from '../server/platform/http/request-context';
import { hashPassword } from '../server/modules/accounts/password';
import { insertUser, setDepartmentMemberships, type User } from '../server/modules/accounts/users.repository';
import { departments } from '../server/modules/organisation/organisation.tables';
import { insertTenant, type Tenant } from '../server/modules/organisation/tenants.repository';

export function uniqueSuffix(): string {
  return randomBytes(5).toString('hex');
}

export type TestTenant = Tenant & { host: string };

/** A fresh tenant answering on its own host name: tests never see each other's rows. */
export async function buildTenant(db: DbOrTx, overrides: { name?: string } = {}): Promise<TestTenant> {
  const suffix = uniqueSuffix();
  const host = `t-${suffix}.test`;
  const tenant = await insertTenant(db, {
    slug: `t-${suffix}`,
    name: overrides.name ?? `Commune ${suffix}`,
    hostNames: [host],
  });
  return { ...tenant, host };
}

export async function buildDepartment(
  db: DbOrTx,
  tenantId: string,
  overrides: { name?: string; code?: string } = {},
) {
  const suffix = uniqueSuffix();
  const [department] = await db
    .insert(departments)
    .values({
      tenantId,
      code: overrides.code ?? `dep-${suffix}`,
      name: overrides.name ?? `Service ${suffix}`,
    })
    .returning();
  return department!;
}

export const testPassword = 'correct horse battery staple';

/** An agent with a password, confirmed e-mail, roles and departments. */
export async function buildAgent(
  db: DbOrTx,
  tenantId: string,
  options: { roles?: AgentRole[]; departmentIds?: string[]; email?: string; password?: string } = {},
): Promise<User & { password: string }> {
  const password = options.password ?? testPassword;
  const user = await insertUser(db, {
    tenantId,
    kind: 'agent',
    email: options.email ?? `agent-${uniqueSuffix()}@mairie.test`,
    passwordHash: await hashPassword(password),
    emailVerifiedAt: new Date(),
    firstName: 'Alex',
    lastName: 'Agent',
    roles: options.roles ?? ['agent'],
  });
  if (options.departmentIds?.length)
    await setDepartmentMemberships(db, tenantId, user.id, options.departmentIds);
  return { ...user, password };
}

/** A citizen with a password and a confirmed e-mail. */
export async function buildCitizen(
  db: DbOrTx,
  tenantId: string,
  options: { email?: string; password?: string; confirmed?: boolean } = {},
): Promise<User & { password: string }> {
  const password = options.password ?? testPassword;
  const user = await insertUser(db, {
    tenantId,
    kind: 'citizen',
    email: options.email ?? `citoyen-${uniqueSuffix()}@example.test`,
    passwordHash: await hashPassword(password),
    emailVerifiedAt: options.confirmed === false ? null : new Date(),
    firstName: 'Camille',
    lastName: 'Martin',
  });
  return { ...user, password };
}
