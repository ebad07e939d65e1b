import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format.ts';

type Props = { page: number; pageSize: number; total: number; onPage: (page: number) => void; label: string };

export function Pagination({ page, pageSize, total, onPage, label }: Props) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav className="pagination" aria-label={label}>
      <p>{t('pagination.showing', { from: formatNumber(from), to: formatNumber(to), total: formatNumber(total) })}</p>
      <div className="pagination-buttons">
        <button type="button" className="button secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          {t('pagination.previous')}
        </button>
        <span>{t('pagination.page', { page: formatNumber(page), pages: formatNumber(pages) })}</span>
        <button type="button" className="button secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
          {t('pagination.next')}
        </button>
      </div>
    </nav>
  );
}
