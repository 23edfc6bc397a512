import type { Priority } from '../../api/backoffice';
import { formatDay, todayInParis } from '../../components/dates';
import { t } from '../../i18n/fr';
import { dueState } from './queue-filters';

const texts = t.agentRequests;

/** An instant as a short French date: « 29 nov. 2026 » (town time zone). */
export function formatShortDay(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeZone: 'Europe/Paris' }).format(date);
}

/** An instant as a French date and time: « 29 nov. 2026, 11:40 ». */
export function formatDateTime(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat('fr-FR', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(date);
}

/** An instant as a calendar day in words: « lundi 7 décembre 2026 ». */
export function formatLongDay(instant: string): string {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : formatDay(todayInParis(date));
}

/** The due date and, when it matters, « En retard » or « Échéance proche » (text, not just colour). */
export function DueDate({
  item,
  isLong = false,
}: {
  item: { dueAt: string | null; overdue: boolean; dueSoon: boolean };
  isLong?: boolean;
}) {
  if (!item.dueAt) return <span className="muted">{texts.noDueDate}</span>;
  const state = dueState(item);
  return (
    <span className="due-date">
      <time dateTime={item.dueAt} className={isLong ? undefined : 'nowrap'}>
        {isLong ? formatLongDay(item.dueAt) : formatShortDay(item.dueAt)}
      </time>
      {state === 'overdue' ? <span className="badge badge-danger">{texts.overdue}</span> : null}
      {state === 'soon' ? <span className="badge badge-warning">{texts.dueSoon}</span> : null}
    </span>
  );
}

/** Priority in words; high and urgent stand out with a marked badge. */
export function PriorityLabel({ priority }: { priority: Priority }) {
  const label = texts.priorities[priority] ?? priority;
  if (priority === 'urgent') return <span className="badge badge-danger">{label}</span>;
  if (priority === 'high') return <span className="badge badge-warning">{label}</span>;
  return <span>{label}</span>;
}
