import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import type { AppContext } from '../../../app-context';
import { systemPrincipal, type Principal } from '../../../platform/auth/principal';
import type { DbOrTx } from '../../../platform/db/client';
import { transaction } from '../../../platform/db/transaction';
import type { JobHandler } from '../../../platform/jobs/job-runner';
import { findActiveAgentsWithRole, findPersonNames, tenantBaseUrl } from '../../accounts';
import { sendToCitizen } from '../../messaging';
import { changeRequest } from '../change-request';
import { recipientOfRequest } from '../request-recipient';
import { requestSubject } from '../request-subject';
import { systemActor } from '../timeline';
import { findDepartmentNames, findTenantById } from '../../organisation';
import { openStatuses } from '../lifecycle';
import type { Request } from '../requests.repository';
import { requests } from '../requests.tables';
import {
  agentRequestLink,
  deadlineMissedVariables,
  overdueDigestVariables,
  overdueListLink,
} from './overdue-mail';

export const markOverdueJobType = 'requests.mark-overdue';

const defaultBatchSize = 500;

export interface MarkOverdueOptions {
  batchSize?: number;
}

/** An open request past its due date. */
type OverdueRow = Request & { dueAt: Date };

/** The channels of the apology to the requester: digital only, a letter would come too late. */
const apologyChannels = ['email', 'sms', 'portal'] as const;

/** Who hears of a department's overdue requests: its active managers, else the town's admins. */
async function findDigestRecipients(db: DbOrTx, tenantId: string, departmentId: string | null) {
  if (departmentId) {
    const managers = await findActiveAgentsWithRole(db, tenantId, 'manager', departmentId);
    if (managers.length > 0) return managers;
  }
  return findActiveAgentsWithRole(db, tenantId, 'admin');
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
  return transaction(ctx.db, async (tx) => {
    const rows: OverdueRow[] = await tx
      .select()
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
      .for('update', { skipLocked: true })
      .then((found) => found.filter((row): row is OverdueRow => row.dueAt !== null));
    if (rows.length === 0) return rows;

    for (const row of rows) {
      await changeRequest(tx, ctx, row, systemActor, {
        set: { overdueMarkedAt: now },
        events: [
          { type: 'deadline_missed', visibility: 'internal', data: { dueAt: row.dueAt.toISOString() } },
        ],
      });
    }
    const tenant = await findTenantById(tx, tenantId);
    const town = {
      name: tenant?.name ?? '',
      baseUrl: tenantBaseUrl(ctx.config.publicUrl, tenant ?? { isDefault: true, hostNames: [] }),
    };
    await queueApologies(ctx, tx, tenantId, town, rows);
    await queueDigests(ctx, tx, tenantId, town, rows);
    return rows;
  });
}

interface Town {
  name: string;
  baseUrl: string;
}

/** Names of the citizens with an account among the rows (the template greets them). */
async function findCitizenNames(tx: DbOrTx, tenantId: string, rows: OverdueRow[]) {
  const people = await findPersonNames(
    tx,
    tenantId,
    rows.map((row) => row.citizenId),
  );
  return new Map([...people].map(([id, name]) => [id, `${name.firstName} ${name.lastName}`.trim()]));
}

/**
 * Tells each requester that the answer is late, once per due date (the message key carries it,
 * like the `deadline_missed` event): by their channel, never by letter. Not while the town waits
 * for the requester's information (`waiting_citizen`): the delay is not the town's then.
 */
async function queueApologies(ctx: AppContext, tx: DbOrTx, tenantId: string, town: Town, rows: OverdueRow[]) {
  const names = await findCitizenNames(tx, tenantId, rows);
  for (const row of rows) {
    if (row.status === 'waiting_citizen') continue;
    await sendToCitizen(tx, ctx, {
      tenantId,
      key: `deadline-missed:${row.id}:${row.dueAt.toISOString()}`,
      subject: requestSubject(row.id),
      recipient: recipientOfRequest(row),
      template: {
        key: 'deadline_missed',
        variables: deadlineMissedVariables({
          townName: town.name,
          citizenName: (row.citizenId ? names.get(row.citizenId) : row.contact?.name) ?? '',
          reference: row.reference,
          subject: row.subject,
          trackingCode: row.trackingCode,
          dueAt: row.dueAt,
          baseUrl: town.baseUrl,
        }),
      },
      channels: apologyChannels,
    });
  }
}

/** One digest per department to each of its managers (else the admins), by e-mail. */
async function queueDigests(ctx: AppContext, tx: DbOrTx, tenantId: string, town: Town, rows: OverdueRow[]) {
  const byDepartment = new Map<string | null, OverdueRow[]>();
  for (const row of rows) {
    const group = byDepartment.get(row.departmentId) ?? [];
    group.push(row);
    byDepartment.set(row.departmentId, group);
  }
  const departmentIds = [...byDepartment.keys()].filter((id): id is string => id !== null);
  const names = await findDepartmentNames(tx, tenantId, departmentIds);
  for (const [departmentId, group] of byDepartment) {
    const requestLines = group.map((row) => ({
      reference: row.reference,
      subject: row.subject,
      dueAt: row.dueAt,
      link: agentRequestLink(town.baseUrl, row.id),
    }));
    const ids = group.map((row) => row.id);
    for (const recipient of await findDigestRecipients(tx, tenantId, departmentId)) {
      await sendToCitizen(tx, ctx, {
        tenantId,
        key: digestKey(recipient.id, ids),
        recipient: { userId: recipient.id, email: recipient.email, preferredChannel: 'email' },
        template: {
          key: 'deadline_digest',
          variables: overdueDigestVariables({
            townName: town.name,
            recipientName: `${recipient.firstName} ${recipient.lastName}`.trim(),
            departmentName: departmentId ? (names.get(departmentId) ?? null) : null,
            requests: requestLines,
            listLink: overdueListLink(town.baseUrl),
          }),
        },
        channels: ['email'],
      });
    }
  }
}

/**
 * Marks the tenant's open requests whose due date has passed and that were not marked yet for
 * that due date (a due date moved later gets marked again once it passes): `overdue_marked_at`,
 * an internal `deadline_missed` event, a message to the requester (digital channels only) and one
 * digest e-mail per department to its managers, in batches of one transaction each. Agents hear of each change after its batch commits.
 */
export async function markOverdueRequests(
  ctx: AppContext,
  principal: Principal,
  options: MarkOverdueOptions = {},
): Promise<{ marked: number }> {
  const { tenantId } = principal;
  const batchSize = options.batchSize ?? defaultBatchSize;
  const now = ctx.clock.now();
  let marked = 0;
  for (;;) {
    // Each marked request is announced to the town's agents once its batch committed.
    const rows = await markBatch(ctx, tenantId, now, batchSize);
    marked += rows.length;
    if (rows.length < batchSize) return { marked };
  }
}

/** Job `requests.mark-overdue`, payload `{tenantId}` (enqueued every 15 minutes by schedules.ts). */
export const markOverdueJob: JobHandler = async (job, ctx) => {
  const tenantId = job.tenantId ?? (job.payload.tenantId as string | undefined);
  if (!tenantId) throw new Error('requests.mark-overdue needs a tenantId');
  await markOverdueRequests(ctx, systemPrincipal(tenantId, markOverdueJobType));
};
