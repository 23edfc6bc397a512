import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { AppContext } from '../../../app-context';
import type { DbOrTx } from '../../../platform/db/client';
import { realtimeChannels } from '../../../platform/events/channels';
import type { JobHandler } from '../../../platform/jobs/job-runner';
import { enqueueEmail } from '../../../platform/mail/mailer';
import { departmentMemberships, users } from '../../accounts/accounts.tables';
import { tenantBaseUrl } from '../../accounts/links';
import { departments } from '../../organisation/organisation.tables';
import { findTenantById } from '../../organisation/tenants.repository';
import { openStatuses } from '../lifecycle';
import { requestEvents, requests } from '../requests.tables';
import { agentRequestLink, overdueDigestMail } from './overdue-mail';

export const markOverdueJobType = 'requests.mark-overdue';

const defaultBatchSize = 500;

export interface MarkOverdueOptions {
  batchSize?: number;
}

interface OverdueRow {
  id: string;
  reference: string;
  subject: string;
  departmentId: string | null;
  dueAt: Date;
}

/** Who hears of a department's overdue requests: its active managers, else the town's admins. */
async function findDigestRecipients(
  db: DbOrTx,
  tenantId: string,
  departmentId: string | null,
): Promise<Array<{ id: string; email: string }>> {
  const activeAgent = and(eq(users.tenantId, tenantId), eq(users.kind, 'agent'), eq(users.isActive, true));
  if (departmentId) {
    const managers = await db
      .selectDistinct({ id: users.id, email: users.email })
      .from(users)
      .innerJoin(departmentMemberships, eq(departmentMemberships.userId, users.id))
      .where(
        and(
          activeAgent,
          sql`'manager' = ANY(${users.roles})`,
          eq(departmentMemberships.departmentId, departmentId),
        ),
      )
      .orderBy(asc(users.email));
    if (managers.length > 0) return managers;
  }
  return db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(activeAgent, sql`'admin' = ANY(${users.roles})`))
    .orderBy(asc(users.email));
}

/** The digest's idempotency key: the same recipient and the same requests give the same key. */
function digestKey(userId: string, requestIds: string[]): string {
  const digest = createHash('sha256')
    .update([...requestIds].sort().join(','))
    .digest('hex')
    .slice(0, 24);
  return `overdue-digest:${userId}:${digest}`;
}

/** One batch in one transaction: marks, events and digest mails. Returns the marked rows. */
async function markBatch(ctx: AppContext, tenantId: string, now: Date, batchSize: number) {
  return ctx.db.transaction(async (tx) => {
    const due = await tx
      .select({
        id: requests.id,
        reference: requests.reference,
        subject: requests.subject,
        departmentId: requests.departmentId,
        dueAt: requests.dueAt,
      })
      .from(requests)
      .where(
        and(
          eq(requests.tenantId, tenantId),
          inArray(requests.status, [...openStatuses]),
          lt(requests.dueAt, now),
          or(isNull(requests.overdueMarkedAt), lt(requests.overdueMarkedAt, requests.dueAt)),
        ),
      )
      .orderBy(asc(requests.dueAt), asc(requests.id))
      .limit(batchSize)
      // A request an agent is changing right now is left for the next run.
      .for('update', { skipLocked: true });
    const rows = due as OverdueRow[];
    if (rows.length === 0) return rows;

    const ids = rows.map((row) => row.id);
    await tx
      .update(requests)
      .set({ overdueMarkedAt: now, updatedAt: now, version: sql`${requests.version} + 1` })
      .where(and(eq(requests.tenantId, tenantId), inArray(requests.id, ids)));
    await tx.insert(requestEvents).values(
      rows.map((row) => ({
        tenantId,
        requestId: row.id,
        type: 'deadline_missed',
        actorId: null,
        actorKind: 'system' as const,
        visibility: 'internal' as const,
        data: { dueAt: row.dueAt.toISOString() },
        createdAt: now,
      })),
    );
    await enqueueDigests(ctx, tx, tenantId, rows);
    return rows;
  });
}

async function enqueueDigests(ctx: AppContext, tx: DbOrTx, tenantId: string, rows: OverdueRow[]) {
  const tenant = await findTenantById(tx, tenantId);
  const baseUrl = tenantBaseUrl(ctx.config.publicUrl, tenant ?? { isDefault: true, hostNames: [] });
  const byDepartment = new Map<string | null, OverdueRow[]>();
  for (const row of rows) {
    const group = byDepartment.get(row.departmentId) ?? [];
    group.push(row);
    byDepartment.set(row.departmentId, group);
  }
  const departmentIds = [...byDepartment.keys()].filter((id): id is string => id !== null);
  const names = new Map(
    departmentIds.length === 0
      ? []
      : (
          await tx
            .select({ id: departments.id, name: departments.name })
            .from(departments)
            .where(and(eq(departments.tenantId, tenantId), inArray(departments.id, departmentIds)))
        ).map((department) => [department.id, department.name]),
  );
  for (const [departmentId, group] of byDepartment) {
    const mail = overdueDigestMail({
      townName: tenant?.name ?? '',
      departmentName: departmentId ? (names.get(departmentId) ?? null) : null,
      requests: group.map((row) => ({
        reference: row.reference,
        subject: row.subject,
        dueAt: row.dueAt,
        link: agentRequestLink(baseUrl, row.id),
      })),
    });
    const ids = group.map((row) => row.id);
    for (const recipient of await findDigestRecipients(tx, tenantId, departmentId)) {
      await enqueueEmail(tx, { key: digestKey(recipient.id, ids), tenantId, to: recipient.email, ...mail });
    }
  }
}

/**
 * Marks the tenant's open requests whose due date has passed and that were not marked yet for
 * that due date (a due date moved later gets marked again once it passes): `overdue_marked_at`,
 * an internal `deadline_missed` event and one digest mail per department to its managers, in
 * batches of one transaction each. Agents hear of each change after its batch commits.
 */
export async function markOverdueRequests(
  ctx: AppContext,
  tenantId: string,
  options: MarkOverdueOptions = {},
): Promise<{ marked: number }> {
  const batchSize = options.batchSize ?? defaultBatchSize;
  const now = ctx.clock.now();
  let marked = 0;
  for (;;) {
    const rows = await markBatch(ctx, tenantId, now, batchSize);
    for (const row of rows) {
      await ctx.bus.publish({
        channel: realtimeChannels.tenantAgents(tenantId),
        type: 'request.updated',
        data: { id: row.id },
      });
    }
    marked += rows.length;
    if (rows.length < batchSize) return { marked };
  }
}

/** Job `requests.mark-overdue`, payload `{tenantId}` (enqueued every 15 minutes by schedules.ts). */
export const markOverdueJob: JobHandler = async (job, ctx) => {
  const tenantId = job.tenantId ?? (job.payload.tenantId as string | undefined);
  if (!tenantId) throw new Error('requests.mark-overdue needs a tenantId');
  await markOverdueRequests(ctx, tenantId);
};
