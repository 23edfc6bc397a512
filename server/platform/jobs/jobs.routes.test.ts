import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../test/build-test-app';
import { buildTenant } from '../../../test/factories';
import { buildAdminSession, logInNewAgent, type LoggedIn } from '../../../test/login';
import { queryRows } from '../db/client';
import { enqueue } from './job-runner';
import { jobs } from './jobs.tables';

describe('admin jobs API', () => {
  let t: TestContext;
  let admin: LoggedIn;
  let failedId: number;
  let pendingId: number;
  let otherTenantFailedId: number;

  const insertJob = async (tenantId: string, values: Partial<typeof jobs.$inferInsert>) => {
    const [row] = await t.app.ctx.db
      .insert(jobs)
      .values({ type: 'email.send', payload: {}, tenantId, ...values })
      .returning();
    return row!.id;
  };

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await buildAdminSession(t);
    pendingId = (await enqueue(t.app.ctx.db, {
      type: 'email.send',
      payload: {},
      tenantId: t.tenant.id,
      runAt: new Date(Date.now() + 86_400_000),
    }))!;
    failedId = await insertJob(t.tenant.id, {
      status: 'failed',
      attempts: 8,
      lastError: 'Error: connection refused',
      finishedAt: new Date(),
    });
    const other = await buildTenant(t.app.ctx.db);
    otherTenantFailedId = await insertJob(other.id, { status: 'failed', attempts: 8 });
  });
  afterAll(() => t.close());

  const asAdmin = (method: 'GET' | 'POST', url: string) =>
    t.inject({ method, url, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken } });

  it('lists this town’s jobs only, newest first', async () => {
    const response = await asAdmin('GET', '/api/v1/admin/jobs');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.total).toBe(2);
    expect(body.items.map((job: { id: number }) => job.id)).toEqual([failedId, pendingId]);
    expect(body.items[0]).toEqual({
      id: failedId,
      type: 'email.send',
      status: 'failed',
      attempts: 8,
      maxAttempts: 8,
      runAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      lastError: 'Error: connection refused',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it('filters by status and pages', async () => {
    const failed = await asAdmin('GET', '/api/v1/admin/jobs?status=failed');
    expect(failed.json()).toMatchObject({ total: 1, items: [{ id: failedId }] });
    const secondPage = await asAdmin('GET', '/api/v1/admin/jobs?page=2&pageSize=1');
    expect(secondPage.json()).toMatchObject({ total: 2, items: [{ id: pendingId }] });
    const wrong = await asAdmin('GET', '/api/v1/admin/jobs?status=lost');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toContain('status');
  });

  it('refuses anonymous visitors and agents who are not administrators', async () => {
    const anonymous = await t.inject({ method: 'GET', url: '/api/v1/admin/jobs' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    const agent = await logInNewAgent(t, ['agent', 'manager']);
    const forbidden = await t.inject({
      method: 'GET',
      url: '/api/v1/admin/jobs',
      headers: { cookie: agent.cookie },
    });
    expect(forbidden.statusCode).toBe(403);
    const retry = await t.inject({
      method: 'POST',
      url: `/api/v1/admin/jobs/${failedId}/retry`,
      headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrfToken },
    });
    expect(retry.statusCode).toBe(403);
  });

  it('sends a failed job back to the queue, attempts reset, due now', async () => {
    const response = await asAdmin('POST', `/api/v1/admin/jobs/${failedId}/retry`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: failedId, status: 'pending', attempts: 0 });
    const [row] = await t.app.ctx.db.select().from(jobs).where(eq(jobs.id, failedId));
    expect(row).toMatchObject({ status: 'pending', attempts: 0, finishedAt: null });
    const [timing] = await queryRows<{ due: boolean }>(
      t.app.ctx.db,
      sql`select run_at <= now() as due from jobs where id = ${failedId}`,
    );
    expect(timing!.due).toBe(true);
  });

  it('refuses to retry a job that has not failed (409) or belongs to another town (404)', async () => {
    const pending = await asAdmin('POST', `/api/v1/admin/jobs/${pendingId}/retry`);
    expect(pending.statusCode).toBe(409);
    expect(pending.json().code).toBe('JOB_NOT_FAILED');
    const foreign = await asAdmin('POST', `/api/v1/admin/jobs/${otherTenantFailedId}/retry`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('JOB_NOT_FOUND');
    const [untouched] = await t.app.ctx.db.select().from(jobs).where(eq(jobs.id, otherTenantFailedId));
    expect(untouched!.status).toBe('failed');
  });

  it('documents both routes in the OpenAPI document', async () => {
    const spec = (await t.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.paths['/api/v1/admin/jobs'].get.responses['200']).toBeDefined();
    expect(spec.paths['/api/v1/admin/jobs/{id}/retry'].post.responses['409']).toBeDefined();
  });
});
