import { and, asc, eq, lt } from 'drizzle-orm';
import type { AppContext } from '../../../app-context';
import { systemPrincipal, type Principal } from '../../../platform/auth/principal';
import type { DbOrTx } from '../../../platform/db/client';
import { transaction } from '../../../platform/db/transaction';
import type { JobHandler } from '../../../platform/jobs/job-runner';
import type { MessagingContext } from '../../messaging';
import { findPersonNames } from '../../accounts';
import {
  addCalendarDays,
  findTenantById,
  parisDayOf,
  parisStartOfDay,
  withDefaultSettings,
} from '../../organisation';
import { changeRequest } from '../change-request';
import type { Request } from '../requests.repository';
import { systemActor } from '../timeline';
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
  ctx: MessagingContext,
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
  principal: Principal,
  options: AutoCloseOptions = {},
): Promise<{ closed: number }> {
  const { tenantId } = principal;
  const batchSize = options.batchSize ?? defaultBatchSize;
  const now = ctx.clock.now();
  const tenant = await findTenantById(ctx.db, tenantId);
  if (!tenant) return { closed: 0 };
  const cutoff = autoCloseCutoff(now, withDefaultSettings(tenant.settings).autoCloseDays);
  let closed = 0;
  for (;;) {
    const batch = await transaction(ctx.db, async (tx) => {
      const rows = await tx
        .select()
        .from(requests)
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
        .for('update', { skipLocked: true });
      const names = await findPersonNames(
        tx,
        tenantId,
        rows.map((row) => row.citizenId),
      );
      let closedNow = 0;
      for (const request of rows) {
        const citizen = request.citizenId ? names.get(request.citizenId) : undefined;
        const { request: row } = await changeRequest(tx, ctx, request, systemActor, {
          status: 'closed',
          events: [
            {
              type: 'status_changed',
              visibility: 'public',
              data: { from: 'answered', to: 'closed', automatic: true },
            },
          ],
        });
        await sendSatisfactionInvitation(tx, ctx, row, {
          town: tenant,
          ...(citizen ? { citizenName: `${citizen.firstName} ${citizen.lastName}`.trim() } : {}),
        });
        closedNow += 1;
      }
      return { selected: rows.length, closed: closedNow };
    });
    closed += batch.closed;
    if (batch.selected < batchSize) return { closed };
  }
}

/** Job `requests.auto-close`, payload `{tenantId}` (enqueued every hour by schedules.ts). */
export const autoCloseJob: JobHandler = async (job, ctx) => {
  const tenantId = job.tenantId ?? (job.payload.tenantId as string | undefined);
  if (!tenantId) throw new Error('requests.auto-close needs a tenantId');
  await autoCloseAnsweredRequests(ctx, systemPrincipal(tenantId, autoCloseJobType));
};
