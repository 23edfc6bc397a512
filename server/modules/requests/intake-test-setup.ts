import { and, count, eq } from 'drizzle-orm';
import type { TestContext } from '../../../test/build-test-app';
import { uniqueSuffix } from '../../../test/factories';
import { jobs } from '../../platform/jobs/jobs.tables';
import { insertCategory } from '../organisation/categories.repository';
import { departments, type SilenceRule } from '../organisation/organisation.tables';
import { requests } from './requests.tables';

/** A department with its full contact (for the acknowledgement) and an active category routed to it. */
export async function buildRoutedCategory(
  t: TestContext,
  options: {
    deadlineDays?: number;
    isActive?: boolean;
    silenceRule?: SilenceRule;
    silencePeriodDays?: number | null;
  } = {},
) {
  const suffix = uniqueSuffix();
  const [department] = await t.app.ctx.db
    .insert(departments)
    .values({
      tenantId: t.tenant.id,
      code: `voirie-${suffix}`,
      name: 'Service Voirie',
      email: 'voirie@mairie.test',
      phone: '01 23 45 67 89',
      postalAddress: '1 place de la Mairie, 75001 Paris',
    })
    .returning();
  const category = await insertCategory(t.app.ctx.db, t.tenant.id, {
    code: `nid-${suffix}`,
    name: 'Nid-de-poule',
    defaultDepartmentId: department!.id,
    deadlineDays: options.deadlineDays ?? 3,
    isActive: options.isActive ?? true,
    silenceRule: options.silenceRule ?? 'none',
    silencePeriodDays: options.silencePeriodDays ?? null,
  });
  return { department: department!, category };
}

/** How many requests and jobs the test's tenant holds: to prove a refusal wrote nothing. */
export async function countRequestsAndJobs(t: TestContext) {
  const db = t.app.ctx.db;
  const [requestCount] = await db
    .select({ n: count() })
    .from(requests)
    .where(eq(requests.tenantId, t.tenant.id));
  const [jobCount] = await db
    .select({ n: count() })
    .from(jobs)
    .where(and(eq(jobs.tenantId, t.tenant.id)));
  return { requests: requestCount!.n, jobs: jobCount!.n };
}

export const anonymousContact = {
  name: 'Dominique Lefèvre',
  email: 'dominique.lefevre@example.test',
  phone: '06 12 34 56 78',
};
