import { useTranslation } from 'react-i18next';
import { useFormat } from './format';

/**
 * Which entries of a long list are shown ("101–200 of 523") and the way to the pages before and
 * after: a log grows by hundreds of entries a month, and the API gives them a page at a time.
 */
export function Pager({
  offset,
  limit,
  total,
  onOffset,
}: {
  offset: number;
  limit: number;
  total: number;
  onOffset: (offset: number) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (total <= limit && offset === 0) return null;
  const last = Math.min(offset + limit, total);
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <p>
        {t('pager.range', {
          first: format.number(Math.min(offset + 1, total)),
          last: format.number(last),
          total: format.number(total),
        })}
      </p>
      <button
        type="button"
        className="secondary"
        disabled={offset === 0}
        onClick={() => onOffset(Math.max(0, offset - limit))}
      >
        {t('pager.previous')}
      </button>
      <button
        type="button"
        className="secondary"
        disabled={last >= total}
        onClick={() => onOffset(offset + limit)}
      >
        {t('pager.next')}
      </button>
    </nav>
  );
}
