import {
  and,
  count,
  desc,
  eq,
  gte,
  inArray,
  isNull,
  lt,
  lte,
  notInArray,
  or,
  sql,
  type Column,
  type SQL,
} from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client';
import { findPersonNames } from '../../accounts';
import { findCategoryNames, findDepartmentNames } from '../../organisation';
import { type AgentScope, scopeCondition } from '../backoffice.policy';
import { openStatuses, type RequestStatus } from '../lifecycle';
import { isReference } from '../reference';
import { type RequestChannel, requests } from '../requests.tables';
import { parseTrackingCode } from '../tracking-code';
import type { QueueSort } from './backoffice.schemas';

/** What the queue shows, filtered within the agent's scope. Instants come from the app clock. */
export interface QueueFilters {
  /** `all`, or the statuses to keep. */
  statuses: readonly RequestStatus[] | 'all';
  departmentId?: string;
  categoryId?: string;
  channel?: RequestChannel;
  /** A user id, null for unassigned; undefined for anyone. */
  assigneeId?: string | null;
  overdue?: boolean;
  /** Open and due before this instant (overdue included). */
  dueBefore?: Date;
  search?: string;
  now: Date;
}

export interface QueuePageOptions {
  sort: QueueSort;
  limit: number;
  offset: number;
  /**
   * For a relevance search with more than `searchResultLimit` matches: look for them among this
   * many most recent requests (of the filters) only. PostgreSQL underestimates how many requests
   * match several common words, and would otherwise read and sort every match.
   */
  recentWindow?: number;
  /** How many matches a relevance search ranks (searchResultLimit; smaller in tests). */
  resultLimit?: number;
}

/** The recent window of a search with many matches (see QueuePageOptions.recentWindow). */
export const searchRecentWindow = 20_000;

const searchConfig = sql.raw(`'french_unaccent'::regconfig`);

function tsQuery(search: string): SQL {
  return sql`websearch_to_tsquery(${searchConfig}, ${search})`;
}

/** An exact reference (`2026-000123`) or tracking code typed in the search box. */
function exactMatchCondition(search: string): SQL | undefined {
  const trimmed = search.trim();
  if (isReference(trimmed)) return eq(requests.reference, trimmed);
  const trackingCode = parseTrackingCode(trimmed);
  if (trackingCode) return eq(requests.trackingCode, trackingCode);
  return undefined;
}

/** The full-text match (or exact reference / tracking code) of `search` over `columns`. */
function searchMatch(
  search: string,
  columns: {
    searchVector: Column | SQL.Aliased | SQL;
    reference: Column | SQL.Aliased | SQL;
    trackingCode: Column | SQL.Aliased | SQL;
  },
): SQL {
  const fullText = sql`${columns.searchVector} @@ ${tsQuery(search)}`;
  const trimmed = search.trim();
  const trackingCode = parseTrackingCode(trimmed);
  const exact = isReference(trimmed)
    ? sql`${columns.reference} = ${trimmed}`
    : trackingCode
      ? sql`${columns.trackingCode} = ${trackingCode}`
      : undefined;
  return exact ? sql`(${fullText} or ${exact})` : fullText;
}

/** The WHERE of the queue: scope, filters and search, each one indexable on its own. */
export function queueCondition(scope: AgentScope, filters: QueueFilters): SQL {
  // A department the agent sees whole needs no more than its own condition: "(assigned to me or in
  // my departments) and in this department" is "in this department". Saying it plainly lets the
  // planner estimate the rows and read a department's queue in order off requests_open_queue_idx.
  const wholeDepartment =
    filters.departmentId !== undefined && (scope.all || scope.departmentIds.includes(filters.departmentId));
  const conditions: SQL[] = [wholeDepartment ? eq(requests.tenantId, scope.tenantId) : scopeCondition(scope)];
  if (filters.statuses !== 'all') conditions.push(inArray(requests.status, [...filters.statuses]));
  if (filters.departmentId) conditions.push(eq(requests.departmentId, filters.departmentId));
  if (filters.categoryId) conditions.push(eq(requests.categoryId, filters.categoryId));
  if (filters.channel) conditions.push(eq(requests.channel, filters.channel));
  if (filters.assigneeId === null) conditions.push(isNull(requests.assigneeId));
  else if (filters.assigneeId) conditions.push(eq(requests.assigneeId, filters.assigneeId));
  if (filters.overdue === true) {
    conditions.push(inArray(requests.status, [...openStatuses]), lt(requests.dueAt, filters.now));
  } else if (filters.overdue === false) {
    conditions.push(
      or(
        notInArray(requests.status, [...openStatuses]),
        isNull(requests.dueAt),
        gte(requests.dueAt, filters.now),
      )!,
    );
  }
  if (filters.dueBefore) {
    conditions.push(inArray(requests.status, [...openStatuses]), lte(requests.dueAt, filters.dueBefore));
  }
  const search = filters.search?.trim();
  if (search) {
    const fullText = sql`${requests.searchVector} @@ ${tsQuery(search)}`;
    const exact = exactMatchCondition(search);
    conditions.push(exact ? or(fullText, exact)! : fullText);
  }
  return and(...conditions)!;
}

interface SortColumns {
  dueAt: Column | SQL.Aliased | SQL;
  reference: Column | SQL.Aliased | SQL;
  receivedAt: Column | SQL.Aliased | SQL;
  rank: Column | SQL.Aliased | SQL;
}

function orderOf(sort: QueueSort, columns: SortColumns, hasSearch: boolean): SQL[] {
  if (sort === 'received') return [sql`${columns.receivedAt} desc`, sql`${columns.reference} desc`];
  if (sort === 'relevance' && hasSearch) {
    return [sql`${columns.rank} desc`, sql`${columns.receivedAt} desc`, sql`${columns.reference} desc`];
  }
  return [sql`${columns.dueAt} asc nulls last`, sql`${columns.reference} asc`];
}

/**
 * A relevance search ranks at most this many matches: the most recent ones. Ranking every match of
 * a common word (« lampadaire » matches tens of thousands of requests in a town's two years) would
 * read them all; the most recent matches are what an agent looks for, and the planner can find them
 * walking `requests_tenant_received_idx` backwards. The count stops at the same bound.
 */
export const searchResultLimit = 1000;

type Operand = Column | SQL.Aliased | SQL;

/** The exact reference or tracking code first, then the full-text rank, over `columns`. */
function rankExpression(
  search: string | undefined,
  columns: { searchVector: Operand; reference: Operand; trackingCode: Operand },
): SQL<number> {
  if (!search) return sql<number>`0::real`;
  const textRank = sql`ts_rank_cd(${columns.searchVector}, ${tsQuery(search)})`;
  const trimmed = search.trim();
  const trackingCode = parseTrackingCode(trimmed);
  const exact = isReference(trimmed)
    ? sql`${columns.reference} = ${trimmed}`
    : trackingCode
      ? sql`${columns.trackingCode} = ${trackingCode}`
      : undefined;
  return exact
    ? sql<number>`(case when ${exact} then 1000 else 0 end + ${textRank})::real`
    : sql<number>`${textRank}::real`;
}

export interface QueueRow {
  id: string;
  reference: string;
  trackingCode: string;
  status: RequestStatus;
  channel: RequestChannel;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  subject: string;
  categoryId: string | null;
  categoryName: string | null;
  departmentId: string | null;
  departmentName: string | null;
  assigneeId: string | null;
  assigneeFirstName: string | null;
  assigneeLastName: string | null;
  citizenFirstName: string | null;
  citizenLastName: string | null;
  contactName: string | null;
  receivedAt: Date;
  dueAt: Date | null;
  updatedAt: Date;
  version: number;
}

/** A queue row before the names of its category, department, assignee and citizen are known. */
type UnnamedQueueRow = Omit<
  QueueRow,
  | 'categoryName'
  | 'departmentName'
  | 'assigneeFirstName'
  | 'assigneeLastName'
  | 'citizenFirstName'
  | 'citizenLastName'
> & { citizenId: string | null };

/**
 * The names of the rows' categories, departments, assignees and citizens, asked of the modules that
 * own them (one query each, for the whole page).
 */
async function withNames(db: DbOrTx, tenantId: string, rows: UnnamedQueueRow[]): Promise<QueueRow[]> {
  if (rows.length === 0) return [];
  const [categoryNames, departmentNames, people] = await Promise.all([
    findCategoryNames(
      db,
      tenantId,
      rows.map((row) => row.categoryId),
    ),
    findDepartmentNames(
      db,
      tenantId,
      rows.map((row) => row.departmentId),
    ),
    findPersonNames(
      db,
      tenantId,
      rows.flatMap((row) => [row.assigneeId, row.citizenId]),
    ),
  ]);
  return rows.map(({ citizenId, ...row }) => {
    const assignee = row.assigneeId ? people.get(row.assigneeId) : undefined;
    const citizen = citizenId ? people.get(citizenId) : undefined;
    return {
      ...row,
      categoryName: row.categoryId ? (categoryNames.get(row.categoryId) ?? null) : null,
      departmentName: row.departmentId ? (departmentNames.get(row.departmentId) ?? null) : null,
      assigneeFirstName: assignee?.firstName ?? null,
      assigneeLastName: assignee?.lastName ?? null,
      citizenFirstName: citizen?.firstName ?? null,
      citizenLastName: citizen?.lastName ?? null,
    };
  });
}

/**
 * One page of the queue. The page is chosen on `requests` alone (the planner can walk
 * `requests_queue_idx` or the GIN index and stop at the limit); names are looked up for those rows only.
 */
export async function findQueuePage(
  db: DbOrTx,
  scope: AgentScope,
  filters: QueueFilters,
  options: QueuePageOptions,
): Promise<QueueRow[]> {
  const { rows } = await selectQueuePage(db, scope, filters, options, false);
  return withNames(db, scope.tenantId, rows);
}

/**
 * The page of a relevance search ranked among the matches in the recent window, and how many
 * matches the window holds, counted up to one more than the ranked ones (`undefined` when the page
 * is empty: the count rides on its rows).
 */
async function findRecentMatchesPage(
  db: DbOrTx,
  scope: AgentScope,
  filters: QueueFilters,
  options: QueuePageOptions & { recentWindow: number },
): Promise<{ rows: UnnamedQueueRow[]; windowMatches: number | undefined }> {
  return selectQueuePage(db, scope, filters, options, true);
}

async function selectQueuePage(
  db: DbOrTx,
  scope: AgentScope,
  filters: QueueFilters,
  options: QueuePageOptions,
  countWindowMatches: boolean,
): Promise<{ rows: UnnamedQueueRow[]; windowMatches: number | undefined }> {
  const resultLimit = options.resultLimit ?? searchResultLimit;
  const search = filters.search?.trim() || undefined;
  const byRelevance = options.sort === 'relevance' && search !== undefined;
  // By relevance: the most recent matches (at most searchResultLimit), then ranked among themselves.
  const candidateColumns = (table: typeof requests) => ({
    id: table.id,
    reference: table.reference,
    trackingCode: table.trackingCode,
    status: table.status,
    channel: table.channel,
    priority: table.priority,
    subject: table.subject,
    categoryId: table.categoryId,
    departmentId: table.departmentId,
    assigneeId: table.assigneeId,
    citizenId: table.citizenId,
    contact: table.contact,
    receivedAt: table.receivedAt,
    dueAt: table.dueAt,
    updatedAt: table.updatedAt,
    version: table.version,
    searchVector: table.searchVector,
  });
  let source;
  // With countWindowMatches: the window's matches, one more than are ranked (a CTE: read twice).
  let windowMatches;
  if (!byRelevance) {
    source = requests;
  } else if (options.recentWindow) {
    // The most recent requests of the filters (walking requests_tenant_received_idx), then the
    // matches among them: the cost depends on the window, not on how many requests match.
    const recent = db
      .select(candidateColumns(requests))
      .from(requests)
      .where(queueCondition(scope, { ...filters, search: undefined }))
      .orderBy(desc(requests.receivedAt))
      .limit(options.recentWindow)
      .as('recent');
    const matches = db
      .select()
      .from(recent)
      .where(searchMatch(search!, recent))
      .orderBy(desc(recent.receivedAt));
    if (countWindowMatches) {
      windowMatches = db.$with('window_matches').as(matches.limit(resultLimit + 1));
      source = db
        .select()
        .from(windowMatches)
        .orderBy(desc(windowMatches.receivedAt))
        .limit(resultLimit)
        .as('candidates');
    } else {
      source = matches.limit(resultLimit).as('candidates');
    }
  } else {
    source = db
      .select(candidateColumns(requests))
      .from(requests)
      .where(queueCondition(scope, filters))
      .orderBy(desc(requests.receivedAt))
      .limit(resultLimit)
      .as('candidates');
  }
  const rank = rankExpression(byRelevance ? search : undefined, source);
  const page = db
    .select({
      id: source.id,
      reference: source.reference,
      trackingCode: source.trackingCode,
      status: source.status,
      channel: source.channel,
      priority: source.priority,
      subject: source.subject,
      categoryId: source.categoryId,
      departmentId: source.departmentId,
      assigneeId: source.assigneeId,
      citizenId: source.citizenId,
      contactName: sql<string | null>`${source.contact} ->> 'name'`.as('contact_name'),
      receivedAt: source.receivedAt,
      dueAt: source.dueAt,
      updatedAt: source.updatedAt,
      version: source.version,
      rank: rank.as('rank'),
    })
    .from(source)
    .where(byRelevance ? undefined : queueCondition(scope, filters))
    .orderBy(
      ...orderOf(
        options.sort,
        { dueAt: source.dueAt, reference: source.reference, receivedAt: source.receivedAt, rank },
        search !== undefined,
      ),
    )
    .limit(options.limit)
    .offset(options.offset)
    .as('page');

  const rows = await (windowMatches ? db.with(windowMatches) : db)
    .select({
      windowMatches: windowMatches
        ? sql<number>`(select count(*) from ${windowMatches})::int`
        : sql<number>`0`,
      id: page.id,
      reference: page.reference,
      trackingCode: page.trackingCode,
      status: page.status,
      channel: page.channel,
      priority: page.priority,
      subject: page.subject,
      categoryId: page.categoryId,
      departmentId: page.departmentId,
      assigneeId: page.assigneeId,
      citizenId: page.citizenId,
      contactName: page.contactName,
      receivedAt: page.receivedAt,
      dueAt: page.dueAt,
      updatedAt: page.updatedAt,
      version: page.version,
    })
    .from(page)
    .orderBy(
      ...orderOf(
        options.sort,
        { dueAt: page.dueAt, reference: page.reference, receivedAt: page.receivedAt, rank: page.rank },
        search !== undefined,
      ),
    );
  return {
    rows: rows.map(({ windowMatches: _count, ...row }) => row),
    windowMatches: windowMatches ? rows[0]?.windowMatches : undefined,
  };
}

export interface QueueCount {
  total: number;
  /** A search counts its matches up to `searchResultLimit` only; true when there are more. */
  capped: boolean;
}

/** How many requests the filters select; with a search, up to `searchResultLimit` (then `capped`). */
export async function countQueue(
  db: DbOrTx,
  scope: AgentScope,
  filters: QueueFilters,
  resultLimit = searchResultLimit,
): Promise<QueueCount> {
  if (!filters.search?.trim()) {
    const [row] = await db.select({ n: count() }).from(requests).where(queueCondition(scope, filters));
    return { total: row?.n ?? 0, capped: false };
  }
  const matches = db
    .select({ one: sql`1`.as('one') })
    .from(requests)
    .where(queueCondition(scope, filters))
    .limit(resultLimit + 1)
    .as('matches');
  const [row] = await db.select({ n: count() }).from(matches);
  const n = row?.n ?? 0;
  return { total: Math.min(n, resultLimit), capped: n > resultLimit };
}

/** How many of the `rows` most recent requests of the filters match the search. */
async function countRecentMatches(
  db: DbOrTx,
  scope: AgentScope,
  filters: QueueFilters & { search: string },
  rows: number,
): Promise<number> {
  const recent = db
    .select({
      searchVector: requests.searchVector,
      reference: requests.reference,
      trackingCode: requests.trackingCode,
    })
    .from(requests)
    .where(queueCondition(scope, { ...filters, search: undefined }))
    .orderBy(desc(requests.receivedAt))
    .limit(rows)
    .as('recent');
  const [row] = await db.select({ n: count() }).from(recent).where(searchMatch(filters.search, recent));
  return row?.n ?? 0;
}

/** The sizes a relevance search works with (smaller in tests). */
export interface SearchBounds {
  /** Matches ranked, and counted before the answer says « plus de ». */
  results: number;
  /** Most recent requests (of the filters) a search with more matches than `results` looks among. */
  window: number;
  /** Most recent requests sampled to guess whether the window holds more than `results` matches. */
  probe: number;
}

export const searchBounds: SearchBounds = {
  results: searchResultLimit,
  window: searchRecentWindow,
  probe: 1000,
};

/**
 * A page of a relevance search and its count. The answer is the one of the rule « count the matches
 * up to `results`; with more, rank the matches among the `window` most recent requests, otherwise
 * all of them »; only the order of the work changes with the words searched:
 * - a frequent word (judged on the `probe` most recent requests) is looked for in the window first:
 *   when the window holds more than `results` matches, the search is « plus de » without counting
 *   over the town's whole history (a GIN bitmap of every match, which grows with the years);
 * - a rarer one is counted first (cheap through the GIN index), then ranked.
 */
export async function findSearchPage(
  db: DbOrTx,
  scope: AgentScope,
  filters: QueueFilters & { search: string },
  page: { limit: number; offset: number },
  bounds: SearchBounds = searchBounds,
): Promise<{ rows: QueueRow[]; total: number; capped: boolean }> {
  const options = { sort: 'relevance' as const, ...page, resultLimit: bounds.results };
  const probed = await countRecentMatches(db, scope, filters, bounds.probe);
  const frequent = probed * bounds.window > bounds.results * bounds.probe;
  if (frequent) {
    const recent = await findRecentMatchesPage(db, scope, filters, {
      ...options,
      recentWindow: bounds.window,
    });
    if (recent.windowMatches !== undefined && recent.windowMatches > bounds.results) {
      return { rows: await withNames(db, scope.tenantId, recent.rows), total: bounds.results, capped: true };
    }
    const counted = await countQueue(db, scope, filters, bounds.results);
    // The window holds every match (or the count is capped): its ranking is the answer.
    if (counted.capped || (recent.windowMatches !== undefined && counted.total === recent.windowMatches)) {
      return { rows: await withNames(db, scope.tenantId, recent.rows), ...countOf(counted) };
    }
    const rows = await findQueuePage(db, scope, filters, options);
    return { rows, ...countOf(counted) };
  }
  const counted = await countQueue(db, scope, filters, bounds.results);
  const rows = await findQueuePage(db, scope, filters, {
    ...options,
    recentWindow: counted.capped ? bounds.window : undefined,
  });
  return { rows, ...countOf(counted) };
}

function countOf(counted: QueueCount) {
  return { total: counted.total, capped: counted.capped };
}

/** One request as a queue row (with its names), or undefined. The caller checks the scope. */
export async function findQueueRowById(
  db: DbOrTx,
  tenantId: string,
  id: string,
): Promise<QueueRow | undefined> {
  const rows = await db
    .select({
      id: requests.id,
      reference: requests.reference,
      trackingCode: requests.trackingCode,
      status: requests.status,
      channel: requests.channel,
      priority: requests.priority,
      subject: requests.subject,
      categoryId: requests.categoryId,
      departmentId: requests.departmentId,
      assigneeId: requests.assigneeId,
      citizenId: requests.citizenId,
      contactName: sql<string | null>`${requests.contact} ->> 'name'`,
      receivedAt: requests.receivedAt,
      dueAt: requests.dueAt,
      updatedAt: requests.updatedAt,
      version: requests.version,
    })
    .from(requests)
    .where(and(eq(requests.tenantId, tenantId), eq(requests.id, id)))
    .limit(1);
  const [row] = await withNames(db, tenantId, rows);
  return row;
}

export interface OtherRequestRow {
  id: string;
  reference: string;
  status: RequestStatus;
  subject: string;
  receivedAt: Date;
  categoryId: string | null;
  categoryName: string | null;
}

/**
 * The person's other requests in the town, newest first: same account, or, without one, the
 * same contact e-mail (lower-cased, `requests_tenant_contact_email_idx`) or phone.
 */
export async function findOtherRequestsOfRequester(
  db: DbOrTx,
  tenantId: string,
  requester: { requestId: string; citizenId: string | null; email: string | null; phone: string | null },
  limit = 50,
): Promise<OtherRequestRow[]> {
  const same: SQL[] = [];
  if (requester.citizenId) {
    same.push(eq(requests.citizenId, requester.citizenId));
  } else {
    if (requester.email)
      same.push(sql`lower(${requests.contact} ->> 'email') = ${requester.email.toLowerCase()}`);
    if (requester.phone) same.push(sql`${requests.contact} ->> 'phone' = ${requester.phone}`);
  }
  if (same.length === 0) return [];
  const rows = await db
    .select({
      id: requests.id,
      reference: requests.reference,
      status: requests.status,
      subject: requests.subject,
      receivedAt: requests.receivedAt,
      categoryId: requests.categoryId,
    })
    .from(requests)
    .where(
      and(
        eq(requests.tenantId, tenantId),
        sql`${requests.id} <> ${requester.requestId}`,
        same.length === 1 ? same[0] : or(...same),
      ),
    )
    .orderBy(desc(requests.receivedAt), desc(requests.reference))
    .limit(limit);
  const names = await findCategoryNames(
    db,
    tenantId,
    rows.map((row) => row.categoryId),
  );
  return rows.map((row) => ({
    ...row,
    categoryName: row.categoryId ? (names.get(row.categoryId) ?? null) : null,
  }));
}
