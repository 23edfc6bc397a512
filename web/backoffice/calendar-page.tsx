import { useState } from 'react';
import { Cell, Column, Row, TableBody, TableHeader } from 'react-aria-components';
import { api } from '../api/client';
import type { CalendarClosure } from '../api/types';
import { Button } from '../components/button';
import { DataTable } from '../components/data-table';
import { formatDay, todayInParis } from '../components/dates';
import { ConfirmDialog } from '../components/dialog';
import { SelectInput } from '../components/fields';
import { Page } from '../components/page';
import { useApiData } from '../components/use-api-data';
import { t } from '../i18n/fr';
import { CalendarClosureDialog } from './calendar-closure-dialog';
import { DueDateCalculator } from './due-date-calculator';
import { NoticeAlert } from './list-page';
import { useEditing } from './use-editing';

type Editing = { mode: 'create' } | { mode: 'delete'; closure: CalendarClosure };

const currentYear = Number(todayInParis().slice(0, 4));
const yearOptions = [-1, 0, 1, 2].map((offset) => {
  const year = String(currentYear + offset);
  return { id: year, label: year };
});

/** The town's calendar: public holidays and closures of a year, closures added or removed, due dates computed. */
export function CalendarPage() {
  const labels = t.backoffice.calendar;
  const [year, setYear] = useState(currentYear);
  const daysOff = useApiData('/calendar/days-off', { params: { query: { year } } });
  const closures = useApiData('/admin/calendar/closures', { params: { query: { year } } });
  const {
    editing,
    open,
    close,
    onSaved: saved,
    notice,
    setNotice,
  } = useEditing<Editing>(() => {
    daysOff.reload();
    closures.reload();
  });
  const closureOf = new Map((closures.data?.items ?? []).map((closure) => [closure.day, closure]));
  const list = {
    data: daysOff.data && closures.data ? daysOff.data : undefined,
    error: daysOff.error ?? closures.error,
  };
  const days = list.data?.items ?? [];

  const onSaved = (message: string, day?: string) => {
    if (day) setYear(Number(day.slice(0, 4)));
    saved(message);
  };

  return (
    <Page
      title={labels.title}
      lead={labels.intro}
      actions={<Button onPress={() => open({ mode: 'create' })}>{labels.create}</Button>}
    >
      <div className="toolbar">
        <SelectInput
          name="year"
          label={labels.year}
          options={yearOptions}
          value={String(year)}
          onChange={(value) => {
            setNotice(null);
            setYear(Number(value) || currentYear);
          }}
        />
        {list.data ? (
          <p className="toolbar-count" role="status">
            {labels.total(days.length)}
          </p>
        ) : null}
      </div>
      <NoticeAlert notice={notice} />
      <DataTable list={list} aria-label={labels.tableLabel(year)}>
        <TableHeader>
          <Column isRowHeader>{labels.columns.day}</Column>
          <Column>{labels.columns.label}</Column>
          <Column>{labels.columns.kind}</Column>
          <Column>{labels.columns.actions}</Column>
        </TableHeader>
        <TableBody items={days} dependencies={[closures.data]} renderEmptyState={() => labels.empty}>
          {(dayOff) => {
            const closure = dayOff.kind === 'closure' ? closureOf.get(dayOff.day) : undefined;
            return (
              <Row id={`${dayOff.kind}-${dayOff.day}`}>
                <Cell data-label={labels.columns.day}>
                  <span className="cell-title">{formatDay(dayOff.day)}</span>
                </Cell>
                <Cell data-label={labels.columns.label}>{dayOff.label}</Cell>
                <Cell data-label={labels.columns.kind}>
                  <span className={`badge ${dayOff.kind === 'closure' ? 'badge-warning' : 'badge-neutral'}`}>
                    {labels.kinds[dayOff.kind] ?? dayOff.kind}
                  </span>
                </Cell>
                <Cell data-label={labels.columns.actions}>
                  {closure ? (
                    <Button
                      variant="secondary"
                      size="small"
                      aria-label={labels.deleteLabel(formatDay(closure.day))}
                      onPress={() => open({ mode: 'delete', closure })}
                    >
                      {t.common.delete}
                    </Button>
                  ) : (
                    t.common.emptyValue
                  )}
                </Cell>
              </Row>
            );
          }}
        </TableBody>
      </DataTable>
      <DueDateCalculator />
      {editing?.mode === 'delete' ? (
        <ConfirmDialog
          title={labels.deleteTitle}
          confirmLabel={t.common.delete}
          pendingLabel={t.common.deleting}
          onConfirm={() =>
            api.delete('/admin/calendar/closures/{id}', { params: { path: { id: editing.closure.id } } })
          }
          onClose={close}
          onDone={() => onSaved(labels.deleted)}
        >
          {labels.deleteText(formatDay(editing.closure.day), editing.closure.label)}
        </ConfirmDialog>
      ) : editing ? (
        <CalendarClosureDialog onClose={close} onSaved={onSaved} />
      ) : null}
    </Page>
  );
}
