import type { RequestStatus } from '../api/types';
import { t } from '../i18n/fr';

export function StatusBadge({ isActive }: { isActive: boolean }) {
  return (
    <span className={`badge ${isActive ? 'badge-success' : 'badge-neutral'}`}>
      {isActive ? t.common.active : t.common.inactive}
    </span>
  );
}

const requestStatusTone: Partial<Record<RequestStatus, string>> = {
  received: 'badge-info',
  qualified: 'badge-info',
  in_progress: 'badge-primary',
  waiting_citizen: 'badge-warning',
  awaiting_approval: 'badge-warning',
  answered: 'badge-success',
};

/** A request's status as agents name it; the colour only repeats what the text says. */
export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  return (
    <span className={`badge ${requestStatusTone[status] ?? 'badge-neutral'}`}>
      {t.agentRequests.statuses[status] ?? status}
    </span>
  );
}
