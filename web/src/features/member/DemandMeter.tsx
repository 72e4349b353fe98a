import { useTranslation } from 'react-i18next';
import { isolate, useFormat } from '../../ui/format';
import { Icon } from '../../ui/Icon';
import type { LiveDemand } from './season-data';

/**
 * A month's live demand on an offer (every group's pledges) against what the charter lets the
 * cooperative export: the numbers in words, a warning when demand is already above, and a bar.
 */
export function DemandMeter({ demand, unit }: { demand: LiveDemand | undefined; unit: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!demand) return null;
  const values = {
    demand: format.number(demand.demand),
    cap: format.number(demand.exportCap ?? 0),
    unit: isolate(unit),
  };
  if (demand.exportCap === null) return <p className="hint">{t('offers.demand', values)}</p>;
  return (
    <div className="meter">
      <p className={demand.overCap ? 'over' : 'hint'}>
        {demand.overCap && <Icon name="warning" />}{' '}
        {t(demand.overCap ? 'offers.overCap' : 'offers.underCap', values)}
      </p>
      <progress max={Math.max(demand.exportCap, demand.demand, 1)} value={demand.demand} aria-hidden="true" />
    </div>
  );
}
