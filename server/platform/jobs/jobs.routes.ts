import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readSecurity, writeSecurity } from '../http/openapi-security';
import { ProblemSchema } from '../http/problem.schemas';
import { requireAgent } from '../http/request-context';
import { JobListQuerySchema, JobListSchema, JobParamsSchema, JobViewSchema, toJobView } from './jobs.schemas';
import { findJobs } from './use-cases/find-jobs';
import { retryJob } from './use-cases/retry-job';

/** Administrators watch the town's background jobs and send failed ones back to the queue. */
export const jobsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/admin/jobs',
    {
      schema: {
        tags: ['admin', 'jobs'],
        summary: 'List the background jobs of this town, newest first',
        security: readSecurity,
        querystring: JobListQuerySchema,
        response: { 200: JobListSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request) => {
      requireAgent(request, ['admin']);
      const { items, total } = await findJobs(app.ctx, {
        tenantId: request.tenant.id,
        status: request.query.status,
        page: request.query.page,
        pageSize: request.query.pageSize,
      });
      return { items: items.map(toJobView), total };
    },
  );

  app.post(
    '/admin/jobs/:id/retry',
    {
      schema: {
        tags: ['admin', 'jobs'],
        summary: 'Send a failed job back to the queue (attempts reset, runs now)',
        security: writeSecurity,
        params: JobParamsSchema,
        response: {
          200: JobViewSchema,
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          404: ProblemSchema,
          409: ProblemSchema,
        },
      },
    },
    async (request) => {
      requireAgent(request, ['admin']);
      const job = await retryJob(app.ctx, { tenantId: request.tenant.id, jobId: request.params.id });
      return toJobView(job);
    },
  );
};
