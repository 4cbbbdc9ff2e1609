import { ChevronLeft, ChevronRight } from 'lucide-react';
import { Button } from 'react-aria-components';
import { useI18n } from '../../../i18n';

/** Previous/next page buttons with "Page x of y" (announced politely). */
export function Pager({
  page,
  pages,
  onPage,
  label,
  className,
}: {
  readonly page: number;
  readonly pages: number;
  readonly onPage: (page: number) => void;
  readonly label: string;
  readonly className?: string;
}) {
  const { t } = useI18n();
  if (pages <= 1) return null;
  return (
    <nav aria-label={label} className={`pager ${className ?? ''}`}>
      <Button className="icon-button" aria-label={t('room.page.previous')} isDisabled={page <= 0} onPress={() => onPage(page - 1)}>
        <ChevronLeft aria-hidden="true" size={20} />
      </Button>
      <span className="pager__status" aria-live="polite">
        {t('room.page.status', { page: page + 1, pages })}
      </span>
      <Button
        className="icon-button"
        aria-label={t('room.page.next')}
        isDisabled={page >= pages - 1}
        onPress={() => onPage(page + 1)}
      >
        <ChevronRight aria-hidden="true" size={20} />
      </Button>
    </nav>
  );
}
