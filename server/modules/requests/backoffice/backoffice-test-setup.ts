import type { TestContext } from '../../../../test/build-test-app';
import { uniqueSuffix } from '../../../../test/factories';
import { insertCategory } from '../../organisation/categories.repository';
import { departments } from '../../organisation/organisation.tables';
import {
  allocateReference,
  insertRequestWithUniqueTrackingCode,
  type NewRequest,
} from '../requests.repository';

/** A department of the test's tenant, possibly under a parent. */
export async function buildNamedDepartment(t: TestContext, name: string, parentId: string | null = null) {
  const [department] = await t.app.ctx.db
    .insert(departments)
    .values({ tenantId: t.tenant.id, code: `dep-${uniqueSuffix()}`, name, parentId })
    .returning();
  return department!;
}

export async function buildNamedCategory(
  t: TestContext,
  name: string,
  departmentId: string,
  deadlineDays = 10,
) {
  return insertCategory(t.app.ctx.db, t.tenant.id, {
    code: `cat-${uniqueSuffix()}`,
    name,
    defaultDepartmentId: departmentId,
    deadlineDays,
  });
}

/**
 * Inserts a request straight into the table (status, department, due date as given), with a real
 * reference of the tenant: queue tests need many shapes without walking the lifecycle.
 */
export async function seedRequest(
  t: TestContext,
  values: Partial<Omit<NewRequest, 'tenantId' | 'reference' | 'trackingCode'>> & { subject: string },
) {
  const db = t.app.ctx.db;
  const reference = await allocateReference(db, t.tenant.id, 2026);
  return insertRequestWithUniqueTrackingCode(db, {
    tenantId: t.tenant.id,
    reference,
    channel: 'web',
    description: 'Une description.',
    contact: { name: 'Dominique Lefèvre', email: 'dominique@example.test' },
    receivedAt: new Date('2026-12-01T09:00:00Z'),
    ...values,
  });
}
