import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FigureTiles } from '../../ui/FigureTiles';
import { useFormat } from '../../ui/format';
import { Icon } from '../../ui/Icon';
import { Pending } from '../../ui/ReadFailed';
import { pastCycles, pastData, reasonOf, type Reason } from './past-data';
import { SeasonPicker, type Season } from './SeasonPicker';
import { seasonData, type Cycle, type Offer, type OfferView } from './season-data';

function ReasonText({ reason }: { reason: Reason | null }) {
  const { t } = useTranslation();
  if (!reason) return <>{t('past.asPledged')}</>;
  if (reason.key === 'charter') return <>{t('past.reason.charter', { rule: t(`rules.${reason.rule}`) })}</>;
  return <>{t(`past.reason.${reason.key}`)}</>;
}

function PastMonth({
  cycle,
  memberId,
  offers,
  rawOffers,
}: {
  cycle: Cycle;
  memberId: string;
  offers: OfferView[];
  rawOffers: Offer[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const allocations = useQuery(pastData.allocations(cycle.id, memberId));
  const detail = useQuery(pastData.cycle(cycle.id));
  const lines = allocations.data?.filter((line) => line.pledged > 0 || line.allocated > 0) ?? [];
  const productOf = (offerId: string) => offers.find((offer) => offer.id === offerId);
  return (
    <section className="card">
      <h2>
        {format.month(cycle.month)} <span className="muted">· {t(`status.${cycle.status}`)}</span>
      </h2>
      {!allocations.data || !detail.data ? (
        <Pending queries={[allocations, detail]} part />
      ) : lines.length === 0 ? (
        <p>{t('past.nothing')}</p>
      ) : (
        // One card per offer with its three figures side by side and the reason under them: a
        // five-column table did not fit a phone, and the reason was the column scrolled out of sight.
        <ul className="past-lines" aria-label={t('past.caption', { month: format.month(cycle.month) })}>
          {lines.map((line) => {
            const offer = productOf(line.offerId);
            const reason = reasonOf(
              line,
              rawOffers.find((one) => one.id === line.offerId),
              detail.data.violations,
            );
            return (
              <li key={line.offerId}>
                <h3>
                  {offer?.product} <bdi className="muted">{offer?.unit}</bdi>
                </h3>
                <FigureTiles
                  tiles={[
                    { label: t('past.pledged'), value: format.number(line.pledged) },
                    { label: t('past.allocated'), value: format.number(line.allocated) },
                    {
                      label: t('past.received'),
                      value: line.received === null ? '—' : format.number(line.received),
                    },
                  ]}
                />
                <p className={reason ? 'why why-differs' : 'why muted'}>
                  {reason && <Icon name="warning" />} <ReasonText reason={reason} />
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** Past months: what was pledged, allocated and received per offer, and why they differ. */
export function PastMonths({ seasons, memberId }: { seasons: Season[]; memberId: string }) {
  const { t } = useTranslation();
  const [seasonId, setSeasonId] = useState(seasons[0]?.id ?? '');
  const season = seasons.find((one) => one.id === seasonId) ?? seasons[0];
  const cycles = useQuery({ ...seasonData.cycles(season?.id ?? ''), enabled: Boolean(season) });
  const offers = useQuery({ ...seasonData.offers(season?.id ?? ''), enabled: Boolean(season) });
  const rawOffers = useQuery({ ...seasonData.rawOffers(season?.id ?? ''), enabled: Boolean(season) });
  const past = cycles.data ? pastCycles(cycles.data) : [];
  return (
    <>
      <h1 tabIndex={-1}>{t('past.title')}</h1>
      {season && <SeasonPicker seasons={seasons} value={season.id} onChange={setSeasonId} />}
      {!cycles.data || !offers.data || !rawOffers.data ? (
        <Pending queries={[cycles, offers, rawOffers]} part />
      ) : past.length === 0 ? (
        <p>{t('past.none')}</p>
      ) : (
        past.map((cycle) => (
          <PastMonth
            key={cycle.id}
            cycle={cycle}
            memberId={memberId}
            offers={offers.data}
            rawOffers={rawOffers.data}
          />
        ))
      )}
    </>
  );
}
