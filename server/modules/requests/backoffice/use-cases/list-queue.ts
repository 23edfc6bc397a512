import type { AppContext } from '../../../../app-context';
import { invalidField } from '../../../../platform/http/app-error';
import { requireAgentRole, type Principal } from '../../../../platform/auth/principal';
import { agentScopeOf } from '../../backoffice.policy';
import { openStatuses, type RequestStatus, requestStatuses } from '../../lifecycle';
import type { QueueQuery } from '../backoffice.schemas';
import { endOfParisDayIn, toQueueItem } from '../backoffice.views';
import { countQueue, findQueuePage, findSearchPage, type QueueFilters } from '../queue.repository';

/** `status=` as typed: a comma-separated list, `all`, or nothing for the open statuses. */
export function parseStatusFilter(input: string | undefined): readonly RequestStatus[] | 'all' {
  const value = input?.trim();
  if (!value) return openStatuses;
  if (value === 'all') return 'all';
  const statuses = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  for (const status of statuses) {
    if (!(requestStatuses as readonly string[]).includes(status)) {
      throw invalidField(
        'status',
        `unknown status « ${status} » (expected ${requestStatuses.join(', ')} or all)`,
      );
    }
  }
  return statuses as RequestStatus[];
}

function parseAssignee(input: string | undefined, user: { id: string }): string | null | undefined {
  if (input === undefined) return undefined;
  if (input === 'me') return user.id;
  if (input === 'none') return null;
  return input.toLowerCase();
}

/** The back-office queue: one page of the requests in the agent's scope, and how many there are. */
export async function listQueue(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  principal: Principal,
  query: QueueQuery,
) {
  const user = requireAgentRole(principal);
  const now = ctx.clock.now();
  const scope = await agentScopeOf(ctx.db, user);
  const search = query.q?.trim() || undefined;
  const filters: QueueFilters = {
    statuses: parseStatusFilter(query.status),
    departmentId: query.departmentId,
    categoryId: query.categoryId,
    channel: query.channel,
    assigneeId: parseAssignee(query.assignee, user),
    overdue: query.overdue,
    dueBefore: query.dueWithinDays === undefined ? undefined : endOfParisDayIn(now, query.dueWithinDays),
    search,
    now,
  };
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 25;
  const sort = query.sort ?? (search ? 'relevance' : 'due');
  const pageOptions = { sort, limit: pageSize, offset: (page - 1) * pageSize };
  let rows;
  let counted;
  if (search && sort === 'relevance') {
    // A search with more matches than it ranks looks among the most recent requests.
    ({ rows, ...counted } = await findSearchPage(ctx.db, scope, { ...filters, search }, pageOptions));
  } else {
    [rows, counted] = await Promise.all([
      findQueuePage(ctx.db, scope, filters, pageOptions),
      countQueue(ctx.db, scope, filters),
    ]);
  }
  return {
    items: rows.map((row) => toQueueItem(row, now)),
    total: counted.total,
    totalCapped: counted.capped,
    page,
    pageSize,
  };
}
