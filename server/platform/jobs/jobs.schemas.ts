import { Type, type Static } from 'typebox';
import type { Job, JobStatus } from './jobs.repository';

export const JobStatusSchema = Type.Union(
  [Type.Literal('pending'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')],
  {
    description:
      'pending: waiting for its run_at; running: claimed by a worker; done; failed: no attempts left',
  },
);

export const JobViewSchema = Type.Object(
  {
    id: Type.Integer(),
    type: Type.String({ description: 'e.g. email.send' }),
    status: JobStatusSchema,
    attempts: Type.Integer({ description: 'Attempts started so far' }),
    maxAttempts: Type.Integer(),
    runAt: Type.String({ format: 'date-time', description: 'Not run before this instant' }),
    lastError: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'JobView' },
);
export type JobView = Static<typeof JobViewSchema>;

// The schema and the table must list the same statuses.
const _sameStatuses: JobStatus extends Static<typeof JobStatusSchema> ? true : never = true;

export const JobListQuerySchema = Type.Object({
  status: Type.Optional(JobStatusSchema),
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
});

export const JobListSchema = Type.Object({
  items: Type.Array(JobViewSchema),
  total: Type.Integer({ description: 'Jobs matching the filter, all pages together' }),
});

export const JobParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export function toJobView(job: Job): JobView {
  return {
    id: job.id,
    type: job.type,
    status: job.status,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    runAt: job.runAt.toISOString(),
    lastError: job.lastError,
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
  };
}
