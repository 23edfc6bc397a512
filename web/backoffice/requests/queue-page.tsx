import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import {
  Cell,
  Checkbox,
  Column,
  Row,
  Table,
  TableBody,
  TableHeader,
  type Selection,
} from 'react-aria-components';
import { Link, useSearchParams } from 'react-router';
import { describeError } from '../../api/client';
import { requestChannels, requestStatuses } from '../../../common/requests';
import type { Assignee, BackofficeDepartment, QueueItem } from '../../api/backoffice';
import type { PublicCategory } from '../../api/types';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { SelectInput, TextInput } from '../../components/fields';
import { Loading, Page } from '../../components/page';
import { useApiData } from '../../components/use-api-data';
import { t } from '../../i18n/fr';
import { RequestStatusBadge } from '../status-badge';
import { BulkAssignDialog, BulkStatusDialog } from './bulk-dialogs';
import {
  activeFilterCount,
  filtersFromSearch,
  pageCount,
  queueApiQuery,
  searchFromFilters,
  withFilters,
  type QueueFilters,
  type QueueSort,
} from './queue-filters';
import { DueDate, PriorityLabel } from './request-format';
import { useRequestEvents } from './use-request-events';

const texts = t.agentRequests;
const labels = texts.queue;
const any = 'any';
const dueChoices = ['overdue', '2', '7', '30'];

/** The selection box of a row (or of the header: every row of the page). */
function SelectionBox() {
  return (
    <Checkbox slot="selection" className="checkbox queue-checkbox">
      <span className="checkbox-box" aria-hidden="true">
        <svg viewBox="0 0 18 18" className="checkbox-mark">
          <polyline points="3 9.5 7.5 14 15 4.5" />
        </svg>
      </span>
    </Checkbox>
  );
}

/** The « Échéance » filter combines overdue and due-within-N-days into one choice. */
function dueChoiceOf(filters: QueueFilters): string {
  if (filters.overdue) return 'overdue';
  return filters.dueWithinDays === null ? any : String(filters.dueWithinDays);
}

interface QueueFiltersBarProps {
  filters: QueueFilters;
  isQualification: boolean;
  categories: PublicCategory[];
  departments: BackofficeDepartment[];
  assignees: Assignee[];
  onChange(changes: Partial<QueueFilters>): void;
}

function QueueFiltersBar({
  filters,
  isQualification,
  categories,
  departments,
  assignees,
  onChange,
}: QueueFiltersBarProps) {
  const onSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('q');
    const q = typeof value === 'string' ? value.trim() : '';
    onChange({ q, sort: q ? filters.sort : filters.sort === 'relevance' ? '' : filters.sort });
  };
  const statusValue =
    filters.statuses === 'all' ? 'all' : filters.statuses.length === 1 ? filters.statuses[0] : any;
  const statusOptions = [
    { id: any, label: labels.statusOpen },
    { id: 'all', label: labels.statusAll },
    ...requestStatuses.map((status) => ({ id: status, label: texts.statuses[status] })),
  ];
  const categoryOptions = [
    { id: any, label: labels.anyCategory },
    ...[...categories]
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
      .map((category) => ({ id: category.id, label: category.name })),
  ];
  const departmentOptions = [
    { id: any, label: labels.anyDepartment },
    ...departments.map((department) => ({ id: department.id, label: department.name })),
  ];
  const channelOptions = [
    { id: any, label: labels.anyChannel },
    ...requestChannels.map((channel) => ({ id: channel, label: texts.channels[channel] })),
  ];
  const assigneeOptions = [
    { id: any, label: labels.anyAssignee },
    { id: 'me', label: labels.me },
    { id: 'none', label: labels.unassigned },
    ...assignees.map((agent) => ({ id: agent.id, label: agent.name })),
  ];
  const dueOptions = [
    { id: any, label: labels.anyDue },
    { id: 'overdue', label: labels.overdueOnly },
    ...dueChoices.slice(1).map((days) => ({ id: days, label: labels.dueWithin(Number(days)) })),
  ];
  const sortOptions = (['due', 'received', ...(filters.q ? ['relevance'] : [])] as QueueSort[]).map(
    (sort) => ({ id: sort, label: labels.sorts[sort] ?? sort }),
  );
  const sortValue = filters.sort || (filters.q ? 'relevance' : isQualification ? 'received' : 'due');
  const pick = (value: string) => (value === any ? '' : value);
  // On small screens the filters fold under a button; on wider ones they are always shown.
  const [showFilters, setShowFilters] = useState(false);
  const activeCount = activeFilterCount(isQualification ? { ...filters, statuses: [] } : filters);

  return (
    <section className="queue-filters" aria-labelledby="queue-filters-title">
      <h2 id="queue-filters-title" className="visually-hidden">
        {labels.filtersTitle}
      </h2>
      <form role="search" className="queue-search" onSubmit={onSearch} aria-label={labels.searchLabel}>
        <TextInput
          key={filters.q}
          name="q"
          type="search"
          label={labels.search}
          description={labels.searchHint}
          defaultValue={filters.q}
          maxLength={200}
          autoComplete="off"
        />
        <Button type="submit" variant="secondary">
          {labels.searchSubmit}
        </Button>
      </form>
      <Button
        variant="secondary"
        size="small"
        className="queue-filters-toggle"
        aria-expanded={showFilters}
        aria-controls="queue-filter-grid"
        onPress={() => setShowFilters((value) => !value)}
      >
        {activeCount > 0 ? labels.filtersButtonCount(activeCount) : labels.filtersButton}
      </Button>
      <div id="queue-filter-grid" className={`queue-filter-grid${showFilters ? ' is-shown' : ''}`}>
        {isQualification ? null : (
          <SelectInput
            name="status"
            label={labels.status}
            options={statusOptions}
            value={statusValue}
            onChange={(value) => {
              const status = requestStatuses.find((known) => known === value);
              onChange({ statuses: value === 'all' ? 'all' : status ? [status] : [] });
            }}
          />
        )}
        <SelectInput
          name="categoryId"
          label={labels.category}
          options={categoryOptions}
          value={filters.categoryId || any}
          onChange={(value) => onChange({ categoryId: pick(value) })}
        />
        <SelectInput
          name="departmentId"
          label={labels.department}
          options={departmentOptions}
          value={filters.departmentId || any}
          onChange={(value) => onChange({ departmentId: pick(value) })}
        />
        <SelectInput
          name="channel"
          label={labels.channel}
          options={channelOptions}
          value={filters.channel || any}
          onChange={(value) => onChange({ channel: pick(value) as QueueFilters['channel'] })}
        />
        <SelectInput
          name="assignee"
          label={labels.assignee}
          options={assigneeOptions}
          value={filters.assignee || any}
          onChange={(value) => onChange({ assignee: pick(value) })}
        />
        {isQualification ? null : (
          <SelectInput
            name="due"
            label={labels.due}
            options={dueOptions}
            value={dueChoiceOf(filters)}
            onChange={(value) =>
              onChange({
                overdue: value === 'overdue',
                dueWithinDays: value && value !== any && value !== 'overdue' ? Number(value) : null,
              })
            }
          />
        )}
        <SelectInput
          name="sort"
          label={labels.sort}
          options={sortOptions}
          value={sortValue}
          onChange={(value) => onChange({ sort: (value as QueueSort) || '' })}
        />
      </div>
    </section>
  );
}

/** Events received since the list was last read, counted until the agent refreshes. */
interface LiveChanges {
  created: number;
  updated: number;
}

/**
 * Follows the live stream: changes to rows on screen reload the page quietly (debounced);
 * new requests are counted and announced, and the list is refreshed when the agent asks,
 * so that it does not move under the pointer.
 */
function useLiveQueue(visibleIds: Set<string>, reload: () => void) {
  const [changes, setChanges] = useState<LiveChanges>({ created: 0, updated: 0 });
  const pending = useRef<{ created: Set<string>; updated: Set<string>; timer: number | null }>({
    created: new Set(),
    updated: new Set(),
    timer: null,
  });
  const visible = useRef(visibleIds);
  useEffect(() => {
    visible.current = visibleIds;
  });
  useEffect(
    () => () => {
      if (pending.current.timer !== null) window.clearTimeout(pending.current.timer);
    },
    [],
  );
  useRequestEvents((type, id) => {
    const batch = pending.current;
    (type === 'request.created' ? batch.created : batch.updated).add(id ?? String(Math.random()));
    if (batch.timer !== null) return;
    batch.timer = window.setTimeout(() => {
      const created = batch.created.size;
      const updatedIds = [...batch.updated].filter((changed) => !batch.created.has(changed));
      batch.created = new Set();
      batch.updated = new Set();
      batch.timer = null;
      const onScreen = updatedIds.filter((changed) => visible.current.has(changed)).length;
      if (onScreen > 0) reload();
      const offScreen = updatedIds.length - onScreen;
      if (created > 0 || offScreen > 0) {
        setChanges((previous) => ({
          created: previous.created + created,
          updated: previous.updated + offScreen,
        }));
      }
    }, 700);
  });
  const clear = useCallback(() => setChanges({ created: 0, updated: 0 }), []);
  return { changes, clear };
}

interface QueuePageProps {
  /** « À qualifier »: received requests only, newest first. */
  mode?: 'queue' | 'qualification';
}

/** « Demandes » and « À qualifier »: the agent's queue with its filters in the URL, bulk actions, live. */
export function QueuePage({ mode = 'queue' }: QueuePageProps) {
  const isQualification = mode === 'qualification';
  const [searchParams, setSearchParams] = useSearchParams();
  const urlFilters = useMemo(() => filtersFromSearch(searchParams), [searchParams]);
  const filters: QueueFilters = isQualification
    ? {
        ...urlFilters,
        statuses: ['received'],
        overdue: false,
        dueWithinDays: null,
        sort: urlFilters.sort || (urlFilters.q ? '' : 'received'),
      }
    : urlFilters;
  const list = useApiData('/backoffice/requests', { params: { query: queueApiQuery(filters) } });
  const categories = useApiData('/categories');
  const departments = useApiData('/backoffice/departments');
  const assignees = useApiData('/backoffice/assignees');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<'assign' | 'status' | null>(null);

  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const visibleIds = useMemo(() => new Set(items.map((item) => item.id)), [items]);
  const { changes, clear } = useLiveQueue(visibleIds, list.reload);

  // A selection only holds rows still on the page.
  const selectedItems = items.filter((item) => selected.has(item.id));

  const change = (changes: Partial<QueueFilters>) => {
    const next = withFilters(urlFilters, changes);
    if (isQualification) next.statuses = [];
    setSelected(new Set());
    setSearchParams(searchFromFilters(next));
  };
  const refresh = () => {
    clear();
    list.reload();
  };
  const onSelectionChange = (keys: Selection) =>
    setSelected(keys === 'all' ? new Set(visibleIds) : new Set([...keys].map(String)));
  const closeDialog = () => setDialog(null);
  const afterBulk = () => {
    setDialog(null);
    setSelected(new Set());
    list.reload();
  };

  const total = list.data?.total ?? 0;
  const pages = pageCount(total);
  const title = isQualification ? labels.qualificationTitle : labels.title;
  const hasFilters =
    activeFilterCount(isQualification ? { ...urlFilters, statuses: [] } : urlFilters) > 0 ||
    urlFilters.q !== '';
  const liveText = changes.created + changes.updated > 0 ? labels.live(changes.created, changes.updated) : '';

  return (
    <Page title={title} lead={isQualification ? labels.qualificationLead : labels.lead}>
      <QueueFiltersBar
        filters={filters}
        isQualification={isQualification}
        categories={categories.data ?? []}
        departments={departments.data ?? []}
        assignees={assignees.data ?? []}
        onChange={change}
      />
      <div className="queue-toolbar">
        <p className="toolbar-count" role="status">
          {list.data ? (list.data.totalCapped ? labels.countCapped(total) : labels.count(total)) : ''}
        </p>
        {hasFilters ? (
          <Button variant="quiet" size="small" onPress={() => setSearchParams(new URLSearchParams())}>
            {labels.clear}
          </Button>
        ) : null}
        <div className="queue-live" role="status" aria-live="polite">
          {liveText ? (
            <>
              <span>{liveText}</span>
              <Button variant="secondary" size="small" onPress={refresh}>
                {labels.showNew}
              </Button>
            </>
          ) : null}
        </div>
      </div>
      {selectedItems.length > 0 ? (
        <div className="queue-bulk" role="region" aria-label={labels.selected(selectedItems.length)}>
          <span className="queue-bulk-count">{labels.selected(selectedItems.length)}</span>
          <Button size="small" onPress={() => setDialog('assign')}>
            {labels.bulkAssign}
          </Button>
          <Button size="small" onPress={() => setDialog('status')}>
            {labels.bulkStatus}
          </Button>
          <Button size="small" variant="quiet" onPress={() => setSelected(new Set())}>
            {labels.clearSelection}
          </Button>
        </div>
      ) : null}
      {list.error ? <Alert tone="error">{describeError(list.error)}</Alert> : null}
      {!list.data && !list.error ? (
        <Loading />
      ) : (
        <div className="table-scroll">
          <Table
            aria-label={labels.tableLabel}
            className="table queue-table"
            selectionMode="multiple"
            selectionBehavior="toggle"
            selectedKeys={selected}
            onSelectionChange={onSelectionChange}
          >
            <TableHeader>
              <Column className="queue-select-column">
                <SelectionBox />
              </Column>
              <Column isRowHeader>{labels.columns.reference}</Column>
              <Column>{labels.columns.subject}</Column>
              <Column>{labels.columns.status}</Column>
              <Column>{labels.columns.due}</Column>
              <Column>{labels.columns.priority}</Column>
              <Column>{labels.columns.categoryAndDepartment}</Column>
              <Column>{labels.columns.assignee}</Column>
            </TableHeader>
            <TableBody
              items={items}
              renderEmptyState={() =>
                isQualification && !hasFilters ? labels.emptyQualification : labels.empty
              }
            >
              {(item: QueueItem) => (
                <Row id={item.id} textValue={`${item.reference} ${item.subject}`}>
                  <Cell className="queue-select-cell">
                    <SelectionBox />
                  </Cell>
                  <Cell data-label={labels.columns.reference}>
                    <div>
                      <Link to={`/agent/demandes/${item.id}`} className="queue-reference">
                        {item.reference}
                      </Link>
                      <span className="cell-detail">{texts.channels[item.channel] ?? item.channel}</span>
                    </div>
                  </Cell>
                  <Cell data-label={labels.columns.subject}>
                    <div className="queue-subject">
                      <span className="cell-title">{item.subject}</span>
                      <span className="cell-detail">{item.requesterName ?? labels.anonymous}</span>
                    </div>
                  </Cell>
                  <Cell data-label={labels.columns.status}>
                    <RequestStatusBadge status={item.status} />
                  </Cell>
                  <Cell data-label={labels.columns.due}>
                    <DueDate item={item} />
                  </Cell>
                  <Cell data-label={labels.columns.priority}>
                    <PriorityLabel priority={item.priority} />
                  </Cell>
                  <Cell data-label={labels.columns.categoryAndDepartment}>
                    <div>
                      <span className="queue-category">{item.category?.name ?? texts.detail.none}</span>
                      <span className="cell-detail">{item.department?.name ?? t.common.emptyValue}</span>
                    </div>
                  </Cell>
                  <Cell data-label={labels.columns.assignee}>
                    {item.assignee?.name ?? <span className="muted">{labels.unassignedValue}</span>}
                  </Cell>
                </Row>
              )}
            </TableBody>
          </Table>
        </div>
      )}
      {pages > 1 ? (
        <nav className="pagination" aria-label={labels.pagination}>
          <Button
            variant="secondary"
            size="small"
            isDisabled={filters.page <= 1}
            onPress={() => change({ page: filters.page - 1 })}
          >
            {t.common.previous}
          </Button>
          <span>{t.common.pageOf(filters.page, pages)}</span>
          <Button
            variant="secondary"
            size="small"
            isDisabled={filters.page >= pages}
            onPress={() => change({ page: filters.page + 1 })}
          >
            {t.common.next}
          </Button>
        </nav>
      ) : null}
      {dialog === 'assign' ? (
        <BulkAssignDialog
          items={selectedItems}
          assignees={assignees.data ?? []}
          onClose={closeDialog}
          onDone={afterBulk}
        />
      ) : null}
      {dialog === 'status' ? (
        <BulkStatusDialog items={selectedItems} onClose={closeDialog} onDone={afterBulk} />
      ) : null}
    </Page>
  );
}

/** `/agent/qualification`: the reception queue. */
export function QualificationPage() {
  return <QueuePage mode="qualification" />;
}
