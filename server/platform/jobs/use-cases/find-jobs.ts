import type { AppContext } from '../../../app-context';
import { findTenantJobs, type Job, type JobStatus } from '../jobs.repository';

export interface FindJobsInput {
  tenantId: string;
  status?: JobStatus;
  page: number;
  pageSize: number;
}

/** A tenant's background jobs, newest first, filtered by status, one page at a time. */
export async function findJobs(
  ctx: Pick<AppContext, 'db'>,
  input: FindJobsInput,
): Promise<{ items: Job[]; total: number }> {
  const { rows, total } = await findTenantJobs(ctx.db, input.tenantId, {
    status: input.status,
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
  return { items: rows, total };
}
