import { and, asc, eq, lt } from 'drizzle-orm';
import type { AppContext } from '../../../app-context';
import type { DbOrTx } from '../../../platform/db/client';
import { realtimeChannels } from '../../../platform/events/channels';
import type { JobHandler } from '../../../platform/jobs/job-runner';
import { users } from '../../accounts/accounts.tables';
import { addCalendarDays, parisDayOf, parisStartOfDay } from '../../organisation/business-calendar';
import { findTenantById } from '../../organisation/tenants.repository';
import { withDefaultSettings } from '../../organisation/tenant-settings';
import { assertTransition } from '../lifecycle';
import { appendEvent, type Request } from '../requests.repository';
import { requests } from '../requests.tables';
import {
  channelsWithoutLetter,
  hasRequester,
  sendRequestMessage,
  type RequestForMessage,
  type TownForMessage,
} from '../request-messages';

export const autoCloseJobType = 'requests.auto-close';

const defaultBatchSize = 200;

/**
 * Requests answered on a Paris calendar day at least `autoCloseDays` days before today close:
 * the instant before which an answer must fall, i.e. the start of day (today − days + 1).
 * Answered on the 1st with 15 days: closes from the 16th at midnight.
 */
export function autoCloseCutoff(now: Date, autoCloseDays: number): Date {
  return parisStartOfDay(addCalendarDays(parisDayOf(now), -autoCloseDays + 1));
}

/**
 * Queues the invitation to the satisfaction survey of a request that just closed (template
 * `closure`, key `satisfaction-invitation:<id>:<version>`), in the closing transaction, unless the
 * request is already rated. The survey is on the tracking page: the invitation takes the
 * requester's preferred digital channel, never a postal letter. Also for an agent who closes a
 * request by hand.
 */
export async function sendSatisfactionInvitation(
  tx: DbOrTx,
  ctx: Pick<AppContext, 'clock' | 'config'>,
  request: RequestForMessage & Pick<Request, 'version' | 'satisfactionRating'>,
  known: { town?: TownForMessage; citizenName?: string } = {},
): Promise<void> {
  if (request.satisfactionRating !== null || !hasRequester(request)) return;
  await sendRequestMessage(tx, ctx, {
    request,
    key: `satisfaction-invitation:${request.id}:${request.version}`,
    template: 'closure',
    channels: channelsWithoutLetter,
    ...known,
  });
}

export interface AutoCloseOptions {
  batchSize?: number;
}

/**
 * Closes (as the system) the tenant's `answered` requests whose answer is `autoCloseDays`
 * calendar days old (tenant settings), with the public `status_changed` event and, when an
 * requester can be reached and the request is not rated yet, the invitation to the satisfaction survey.
 * A citizen who replied meanwhile moved the request back to treatment: it is not `answered`
 * any more and stays open. One transaction per batch; the realtime events follow each commit.
 */
export async function autoCloseAnsweredRequests(
  ctx: AppContext,
  tenantId: string,
  options: AutoCloseOptions = {},
): Promise<{ closed: number }> {
  const batchSize = options.batchSize ?? defaultBatchSize;
  const now = ctx.clock.now();
  const tenant = await findTenantById(ctx.db, tenantId);
  if (!tenant) return { closed: 0 };
  const cutoff = autoCloseCutoff(now, withDefaultSettings(tenant.settings).autoCloseDays);
  let closed = 0;
  for (;;) {
    const batch = await ctx.db.transaction(async (tx) => {
      const rows = await tx
        .select({ request: requests, firstName: users.firstName, lastName: users.lastName })
        .from(requests)
        .leftJoin(users, eq(users.id, requests.citizenId))
        .where(
          and(
            eq(requests.tenantId, tenantId),
            eq(requests.status, 'answered'),
            lt(requests.answeredAt, cutoff),
          ),
        )
        .orderBy(asc(requests.answeredAt), asc(requests.id))
        .limit(batchSize)
        // A request a citizen or an agent is changing right now is left for the next run.
        .for('update', { of: requests, skipLocked: true });
      const updated: Request[] = [];
      for (const { request, firstName, lastName } of rows) {
        assertTransition(request.status, 'closed', 'system');
        const [row] = await tx
          .update(requests)
          .set({ status: 'closed', closedAt: now, updatedAt: now, version: request.version + 1 })
          .where(and(eq(requests.id, request.id), eq(requests.version, request.version)))
          .returning();
        if (!row) continue;
        await appendEvent(tx, {
          tenantId,
          requestId: row.id,
          type: 'status_changed',
          actorId: null,
          actorKind: 'system',
          visibility: 'public',
          data: { from: 'answered', to: 'closed', automatic: true },
          createdAt: now,
        });
        await sendSatisfactionInvitation(tx, ctx, row, {
          town: tenant,
          ...(firstName !== null ? { citizenName: `${firstName} ${lastName ?? ''}`.trim() } : {}),
        });
        updated.push(row);
      }
      return { selected: rows.length, updated };
    });
    for (const request of batch.updated) await publishClosure(ctx, request);
    closed += batch.updated.length;
    if (batch.selected < batchSize) return { closed };
  }
}

async function publishClosure(ctx: AppContext, request: Request) {
  const data = { id: request.id, status: request.status };
  await ctx.bus.publish({
    channel: realtimeChannels.tracking(request.tenantId, request.trackingCode),
    type: 'request.updated',
    data: { status: request.status },
  });
  await ctx.bus.publish({
    channel: realtimeChannels.tenantAgents(request.tenantId),
    type: 'request.updated',
    data,
  });
  if (request.citizenId) {
    await ctx.bus.publish({
      channel: realtimeChannels.user(request.citizenId),
      type: 'request.updated',
      data,
    });
  }
}

/** Job `requests.auto-close`, payload `{tenantId}` (enqueued every hour by schedules.ts). */
export const autoCloseJob: JobHandler = async (job, ctx) => {
  const tenantId = job.tenantId ?? (job.payload.tenantId as string | undefined);
  if (!tenantId) throw new Error('requests.auto-close needs a tenantId');
  await autoCloseAnsweredRequests(ctx, tenantId);
};
