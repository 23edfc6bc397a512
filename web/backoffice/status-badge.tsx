import { t } from '../i18n/fr';

export function StatusBadge({ isActive }: { isActive: boolean }) {
  return (
    <span className={`badge ${isActive ? 'badge-success' : 'badge-neutral'}`}>
      {isActive ? t.common.active : t.common.inactive}
    </span>
  );
}
