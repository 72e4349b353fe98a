import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../app/session';

export type Season = Me['seasons'][number];

/** The season a page shows: a choice only when there are several. */
export function SeasonPicker({
  seasons,
  value,
  onChange,
}: {
  seasons: Season[];
  value: string;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  if (seasons.length < 2) return null;
  return (
    <div className="field inline-field">
      <label htmlFor={id}>{t('pledge.season')}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {seasons.map((season) => (
          <option key={season.id} value={season.id}>
            {season.name}
          </option>
        ))}
      </select>
    </div>
  );
}
