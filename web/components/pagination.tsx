import { t } from '../i18n/fr';
import { Button } from './button';

export interface PaginationProps {
  page: number;
  pages: number;
  onChange: (page: number) => void;
  /** The navigation's accessible name; « Page n sur N » by default. */
  label?: string;
}

/** « Précédent · Page n sur N · Suivant » under a paged list; nothing when there is one page. */
export function Pagination({ page, pages, onChange, label }: PaginationProps) {
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={label ?? t.common.pageOf(page, pages)}>
      <Button variant="secondary" size="small" isDisabled={page <= 1} onPress={() => onChange(page - 1)}>
        {t.common.previous}
      </Button>
      <span>{t.common.pageOf(page, pages)}</span>
      <Button variant="secondary" size="small" isDisabled={page >= pages} onPress={() => onChange(page + 1)}>
        {t.common.next}
      </Button>
    </nav>
  );
}
