import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  dueState,
  emptyFilters,
  filtersFromSearch,
  pageCount,
  queueApiQuery,
  searchFromFilters,
  withFilters,
} from './queue-filters';

const departmentId = '0b6f4c1e-5f7a-4c1d-9a43-2f1e0d4c8b7a';

describe('queue filters in the query string', () => {
  it('reads nothing from an empty query string', () => {
    expect(filtersFromSearch(new URLSearchParams())).toEqual(emptyFilters);
  });

  it('reads every filter', () => {
    const filters = filtersFromSearch(
      new URLSearchParams(
        `status=received,in_progress&departmentId=${departmentId}&channel=phone&assignee=me&overdue=true&dueWithinDays=7&q=nid+de+poule&sort=relevance&page=3`,
      ),
    );
    expect(filters).toEqual({
      statuses: ['received', 'in_progress'],
      categoryId: '',
      departmentId,
      channel: 'phone',
      assignee: 'me',
      overdue: true,
      dueWithinDays: 7,
      q: 'nid de poule',
      sort: 'relevance',
      page: 3,
    });
  });

  it('ignores unknown or malformed values', () => {
    const filters = filtersFromSearch(
      new URLSearchParams(
        'status=received,bogus,received&departmentId=42&channel=fax&assignee=bob&overdue=1&dueWithinDays=400&sort=random&page=0',
      ),
    );
    expect(filters).toEqual({ ...emptyFilters, statuses: ['received'] });
  });

  it('keeps « all », « none » and an agent id', () => {
    expect(filtersFromSearch(new URLSearchParams('status=all')).statuses).toBe('all');
    expect(filtersFromSearch(new URLSearchParams('assignee=none')).assignee).toBe('none');
    expect(filtersFromSearch(new URLSearchParams(`assignee=${departmentId.toUpperCase()}`)).assignee).toBe(
      departmentId,
    );
  });

  it('writes back only what differs from the defaults, and round-trips', () => {
    expect(searchFromFilters(emptyFilters).toString()).toBe('');
    const filters = {
      ...emptyFilters,
      statuses: 'all' as const,
      assignee: 'none',
      dueWithinDays: 0,
      page: 2,
    };
    const search = searchFromFilters(filters);
    expect(search.toString()).toBe('status=all&assignee=none&dueWithinDays=0&page=2');
    expect(filtersFromSearch(search)).toEqual(filters);
  });

  it('drops the relevance sort when there is no search', () => {
    expect(searchFromFilters({ ...emptyFilters, sort: 'relevance' }).toString()).toBe('');
    expect(searchFromFilters({ ...emptyFilters, sort: 'relevance', q: 'voirie' }).toString()).toBe(
      'q=voirie&sort=relevance',
    );
  });
});

describe('queue API query', () => {
  it('always names the page and the page size', () => {
    expect(queueApiQuery(emptyFilters)).toEqual({ page: 1, pageSize: 25 });
    expect(queueApiQuery({ ...emptyFilters, statuses: ['received'], sort: 'received', page: 2 })).toEqual({
      status: 'received',
      sort: 'received',
      page: 2,
      pageSize: 25,
    });
  });

  it('gives the API typed values, the search text as typed', () => {
    expect(
      queueApiQuery({
        ...emptyFilters,
        overdue: true,
        dueWithinDays: 3,
        q: 'éclairage & rue',
        sort: 'relevance',
      }),
    ).toEqual({
      overdue: true,
      dueWithinDays: 3,
      q: 'éclairage & rue',
      sort: 'relevance',
      page: 1,
      pageSize: 25,
    });
  });
});

describe('filter changes', () => {
  it('goes back to the first page when a filter changes, not when the page does', () => {
    const onPage3 = { ...emptyFilters, page: 3 };
    expect(withFilters(onPage3, { channel: 'letter' }).page).toBe(1);
    expect(withFilters(onPage3, { page: 4 }).page).toBe(4);
  });

  it('counts the active filters, search and sort aside', () => {
    expect(activeFilterCount(emptyFilters)).toBe(0);
    expect(activeFilterCount({ ...emptyFilters, q: 'x', sort: 'received' })).toBe(0);
    expect(activeFilterCount({ ...emptyFilters, overdue: true, assignee: 'me' })).toBe(2);
  });
});

describe('paging and due dates', () => {
  it('counts pages, at least one', () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(25)).toBe(1);
    expect(pageCount(26)).toBe(2);
  });

  it('flags overdue before due soon', () => {
    expect(dueState({ overdue: true, dueSoon: true })).toBe('overdue');
    expect(dueState({ overdue: false, dueSoon: true })).toBe('soon');
    expect(dueState({ overdue: false, dueSoon: false })).toBeNull();
  });
});
