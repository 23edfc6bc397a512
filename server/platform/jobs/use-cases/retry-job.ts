import type { AppContext } from '../../../app-context';
import { AppError } from '../../http/app-error';
import { findTenantJob, resetFailedJob, type Job } from '../jobs.repository';

/** An administrator sends a failed job back to the queue: attempts reset, due now. */
export async function retryJob(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { tenantId: string; jobId: number },
): Promise<Job> {
  const job = await resetFailedJob(ctx.db, input.tenantId, input.jobId, ctx.clock.now());
  if (job) return job;
  const existing = await findTenantJob(ctx.db, input.tenantId, input.jobId);
  if (!existing) throw new AppError('JOB_NOT_FOUND', `No job ${input.jobId}.`);
  throw new AppError(
    'JOB_NOT_FAILED',
    `Job ${input.jobId} is ${existing.status}: only a failed job can be retried.`,
    {
      jobStatus: existing.status,
    },
  );
}
