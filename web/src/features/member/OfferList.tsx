import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { Icon } from '../../ui/Icon';
import type { OfferView } from './season-data';

/** Demand of the open month against the charter's export cap: a bar, and the numbers in words. */
function DemandMeter({ offer }: { offer: OfferView }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!offer.demand) return null;
  const { quantity, exportCap } = offer.demand;
  if (exportCap === null)
    return <p>{t('offers.demand', { demand: format.number(quantity), unit: offer.unit })}</p>;
  const over = quantity > exportCap;
  return (
    <div className="meter">
      <p className={over ? 'over' : undefined}>
        {over && <Icon name="warning" />}{' '}
        {t(over ? 'offers.overCap' : 'offers.underCap', {
          demand: format.number(quantity),
          cap: format.number(exportCap),
          unit: offer.unit,
        })}
      </p>
      <progress max={Math.max(exportCap, quantity, 1)} value={quantity} aria-hidden="true" />
    </div>
  );
}

/** The season's offers: product, cooperative and territory, price per unit, pack size, live demand. */
export function OfferList({ offers, currency }: { offers: OfferView[]; currency: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ul className="cards">
      {offers.map((offer) => (
        <li key={offer.id} className="card">
          <h3>
            <Icon name="leaf" /> {offer.product}
          </h3>
          <p>
            {offer.cooperative}
            {offer.territory && ` · ${offer.territory}`}
          </p>
          <p>
            {t('offers.price', { price: format.money(offer.unitPriceMinor, currency), unit: offer.unit })} ·{' '}
            {t('offers.pack', { count: offer.packSize, unit: offer.unit })}
          </p>
          <DemandMeter offer={offer} />
        </li>
      ))}
    </ul>
  );
}
