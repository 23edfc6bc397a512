/**
 * The queue's filters, kept in the page's query string (so a filtered view can be bookmarked,
 * shared and survives a reload) and turned into the API's query.
 */
import {
  requestChannels,
  requestStatuses,
  type RequestChannel,
  type RequestStatus,
} from '../../../common/requests';
import type { ApiInit } from '../../api/client';

export type QueueSort = 'due' | 'received' | 'relevance';
export const queueSorts: QueueSort[] = ['due', 'received', 'relevance'];

export interface QueueFilters {
  /** Empty: the open statuses (the API's default); `all`: every status. */
  statuses: RequestStatus[] | 'all';
  categoryId: string;
  departmentId: string;
  channel: RequestChannel | '';
  /** '' (anyone), `me`, `none` (unassigned) or an agent's id. */
  assignee: string;
  overdue: boolean;
  /** Open and due within this many days (overdue included); null for no limit. */
  dueWithinDays: number | null;
  q: string;
  /** '' lets the API choose: by due date, or by relevance when searching. */
  sort: QueueSort | '';
  page: number;
}

export const emptyFilters: QueueFilters = {
  statuses: [],
  categoryId: '',
  departmentId: '',
  channel: '',
  assignee: '',
  overdue: false,
  dueWithinDays: null,
  q: '',
  sort: '',
  page: 1,
};

export const queuePageSize = 25;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function idOrEmpty(value: string | null): string {
  return value && uuidPattern.test(value) ? value.toLowerCase() : '';
}

function parseStatuses(value: string | null): RequestStatus[] | 'all' {
  if (!value) return [];
  if (value === 'all') return 'all';
  const known = value
    .split(',')
    .map((part) => part.trim())
    .filter((part): part is RequestStatus => (requestStatuses as readonly string[]).includes(part));
  return [...new Set(known)];
}

function parseInteger(value: string | null, min: number, max: number): number | null {
  if (value === null || !/^\d{1,4}$/.test(value)) return null;
  const number = Number(value);
  return number >= min && number <= max ? number : null;
}

/** Reads the filters from the page's query string; anything unknown or malformed is ignored. */
export function filtersFromSearch(search: URLSearchParams): QueueFilters {
  const assignee = search.get('assignee');
  const channel = search.get('channel');
  const sort = search.get('sort');
  return {
    statuses: parseStatuses(search.get('status')),
    categoryId: idOrEmpty(search.get('categoryId')),
    departmentId: idOrEmpty(search.get('departmentId')),
    channel: requestChannels.find((known) => known === channel) ?? '',
    assignee: assignee === 'me' || assignee === 'none' ? assignee : idOrEmpty(assignee),
    overdue: search.get('overdue') === 'true',
    dueWithinDays: parseInteger(search.get('dueWithinDays'), 0, 365),
    q: (search.get('q') ?? '').trim().slice(0, 200),
    sort: queueSorts.find((known) => known === sort) ?? '',
    page: parseInteger(search.get('page'), 1, 9999) ?? 1,
  };
}

type QueueQuery = NonNullable<NonNullable<NonNullable<ApiInit<'/backoffice/requests'>>['params']>['query']>;

/** The query shared by the page's URL and the API call (defaults left out). */
function queryOf(filters: QueueFilters): QueueQuery {
  const query: QueueQuery = {};
  if (filters.statuses === 'all') query.status = 'all';
  else if (filters.statuses.length > 0) query.status = filters.statuses.join(',');
  if (filters.categoryId) query.categoryId = filters.categoryId;
  if (filters.departmentId) query.departmentId = filters.departmentId;
  if (filters.channel) query.channel = filters.channel;
  if (filters.assignee) query.assignee = filters.assignee;
  if (filters.overdue) query.overdue = true;
  if (filters.dueWithinDays !== null) query.dueWithinDays = filters.dueWithinDays;
  if (filters.q) query.q = filters.q;
  // Sorting by relevance means nothing without a search.
  if (filters.sort && !(filters.sort === 'relevance' && !filters.q)) query.sort = filters.sort;
  return query;
}

function parametersOf(filters: QueueFilters): [string, string][] {
  return Object.entries(queryOf(filters)).map(([name, value]) => [name, String(value)]);
}

/** The page's query string for these filters (page 1 and empty filters left out). */
export function searchFromFilters(filters: QueueFilters): URLSearchParams {
  const search = new URLSearchParams(parametersOf(filters));
  if (filters.page > 1) search.set('page', String(filters.page));
  return search;
}

/** The API's query listing the queue for these filters (GET /backoffice/requests). */
export function queueApiQuery(filters: QueueFilters): QueueQuery {
  return { ...queryOf(filters), page: filters.page, pageSize: queuePageSize };
}

/** Changes some filters; any change other than the page goes back to page 1. */
export function withFilters(filters: QueueFilters, changes: Partial<QueueFilters>): QueueFilters {
  const page = changes.page ?? 1;
  return { ...filters, ...changes, page };
}

/** How many filters differ from the defaults (search and page excluded), for « Effacer les filtres ». */
export function activeFilterCount(filters: QueueFilters): number {
  return parametersOf({ ...filters, q: '', sort: '' }).length;
}

export function pageCount(total: number, pageSize: number = queuePageSize): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** What the due date of a request says: passed, close (within 2 days) or nothing to flag. */
export function dueState(item: { overdue: boolean; dueSoon: boolean }): 'overdue' | 'soon' | null {
  if (item.overdue) return 'overdue';
  if (item.dueSoon) return 'soon';
  return null;
}
