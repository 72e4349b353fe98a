import { useTranslation } from 'react-i18next';
import { isolate, useFormat } from '../../ui/format';
import { Icon } from '../../ui/Icon';
import type { OfferView } from './season-data';

/** The season's offers: product, cooperative and territory, price per unit, pack size. */
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
            {` · ${offer.territory}`}
          </p>
          <p>
            {t('offers.price', {
              price: format.money(offer.unitPriceMinor, currency),
              unit: isolate(offer.unit),
            })}{' '}
            · {t('offers.pack', { count: offer.packSize, unit: isolate(offer.unit) })}
          </p>
        </li>
      ))}
    </ul>
  );
}
