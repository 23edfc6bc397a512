import type { AppContext } from '../app-context';
import { hashPassword } from '../modules/accounts';
import { findUserByEmail, insertUser, setDepartmentMemberships } from '../modules/accounts';
import { parisDayOf } from '../modules/organisation';
import { findCalendarClosureByDay, insertCalendarClosure } from '../modules/organisation';
import { findCategoryByCode, insertCategory } from '../modules/organisation';
import { findDepartmentByCode, insertDepartment } from '../modules/organisation';
import {
  findDefaultTenant,
  findTenantBySlug,
  insertTenant,
  lockTenantProvisioning,
  type Tenant,
} from '../modules/organisation';
import type { Tx } from '../platform/db/client';
import { demoAccounts, demoCategories, demoDepartments, demoPassword, demoTown } from './demo-town';
import { listDemoClosures } from './demo-closures';
import { seedDemoRequests } from './demo-requests';
import { transaction } from '../platform/db/transaction';

export interface DemoSeedResult {
  tenant: Tenant;
  /** How many rows this run added (all zero on a second run). */
  created: { tenants: number; departments: number; categories: number; closures: number; accounts: number };
}

/**
 * Creates whatever is missing of the demo town, matching rows by their natural keys (slug, codes,
 * days, e-mails): a second run adds nothing and changes nothing, and what an administrator edited
 * in the demo stays as they left it. The first demo tenant becomes the default when there is none.
 */
export async function seedDemoTown(deps: Pick<AppContext, 'db' | 'clock'>): Promise<DemoSeedResult> {
  const now = deps.clock.now();
  return transaction(deps.db, async (tx) => {
    await lockTenantProvisioning(tx);
    const created = { tenants: 0, departments: 0, categories: 0, closures: 0, accounts: 0 };

    let tenant = await findTenantBySlug(tx, demoTown.slug);
    if (!tenant) {
      const isDefault = !(await findDefaultTenant(tx));
      tenant = await insertTenant(tx, { ...demoTown, isDefault });
      created.tenants += 1;
    }
    const tenantId = tenant.id;

    const departmentIds = new Map<string, string>();
    for (const { parentCode, ...department } of demoDepartments) {
      let row = await findDepartmentByCode(tx, tenantId, department.code);
      if (!row) {
        const parentId = parentCode ? (departmentIds.get(parentCode) ?? null) : null;
        row = await insertDepartment(tx, tenantId, { ...department, parentId });
        created.departments += 1;
      }
      departmentIds.set(department.code, row.id);
    }

    for (const { departmentCode, ...category } of demoCategories) {
      if (await findCategoryByCode(tx, tenantId, category.code)) continue;
      const defaultDepartmentId = departmentIds.get(departmentCode) ?? null;
      await insertCategory(tx, tenantId, { ...category, defaultDepartmentId });
      created.categories += 1;
    }

    const year = Number(parisDayOf(now).slice(0, 4));
    for (const closure of [...listDemoClosures(year), ...listDemoClosures(year + 1)]) {
      if (await findCalendarClosureByDay(tx, tenantId, closure.day)) continue;
      await insertCalendarClosure(tx, tenantId, closure);
      created.closures += 1;
    }

    created.accounts = await seedDemoAccounts(tx, tenantId, departmentIds, now);
    await seedDemoRequests(tx, tenantId, now);
    return { tenant, created };
  });
}

async function seedDemoAccounts(
  tx: Tx,
  tenantId: string,
  departmentIds: Map<string, string>,
  now: Date,
): Promise<number> {
  let count = 0;
  for (const { departmentCodes, description: _description, ...account } of demoAccounts) {
    if (await findUserByEmail(tx, tenantId, account.email)) continue;
    const user = await insertUser(tx, {
      ...account,
      tenantId,
      passwordHash: await hashPassword(demoPassword),
      emailVerifiedAt: now,
      preferredChannel: 'email',
    });
    const memberships = departmentCodes.flatMap((code) => departmentIds.get(code) ?? []);
    if (memberships.length > 0) await setDepartmentMemberships(tx, tenantId, user.id, memberships);
    count += 1;
  }
  return count;
}
