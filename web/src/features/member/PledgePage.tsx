import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeadlineBadge } from '../../ui/DeadlineBadge';
import { useFormat } from '../../ui/format';
import { Icon } from '../../ui/Icon';
import { Pending } from '../../ui/ReadFailed';
import { OfferList } from './OfferList';
import { PledgeForm, useRefusedMonths } from './PledgeForm';
import { SeasonPicker, type Season } from './SeasonPicker';
import { openCycles, quantitiesOf, seasonData } from './season-data';

/**
 * A member's pledges in a season, for the member or for a coordinator on the member's behalf:
 * one open month at a time (its lock deadline beside it), the standing pledge for every month
 * still open, and the offers they are made on.
 */
export function SeasonPledges({ season, memberId }: { season: Season; memberId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const offers = useQuery(seasonData.offers(season.id));
  const cycles = useQuery(seasonData.cycles(season.id));
  const pledges = useQuery(seasonData.pledges(season.id, memberId));
  const demand = useQuery(seasonData.demand(season.id));
  const [chosen, setChosen] = useState<string | null>(null);
  const monthId = useId();
  const refused = useRefusedMonths(season.id, memberId);
  if (!offers.data || !cycles.data || !pledges.data)
    return <Pending queries={[offers, cycles, pledges]} part />;
  const open = openCycles(cycles.data);
  const cycle = open.find((one) => one.month === chosen) ?? open[0];
  const target = { seasonId: season.id, memberId, currency: season.currency };
  // A pledge queued offline for a month that locked before it could be sent: kept in sight.
  const kept = refused.filter((month) => month !== cycle?.month);
  return (
    <>
      {kept.map((month) => (
        <PledgeForm
          key={month}
          target={{ ...target, month }}
          offers={offers.data}
          saved={quantitiesOf(pledges.data, month, offers.data)}
          title={format.month(month)}
          submitLabel={t('pledge.saveMonth', { month: format.month(month) })}
        />
      ))}
      {!cycle ? (
        <p>{t('pledge.noOpenMonth')}</p>
      ) : (
        <section aria-labelledby={`${monthId}-title`}>
          <h2 id={`${monthId}-title`}>{t('pledge.byMonth')}</h2>
          {open.length > 1 && (
            <div className="field inline-field">
              <label htmlFor={monthId}>{t('pledge.month')}</label>
              <select id={monthId} value={cycle.month} onChange={(event) => setChosen(event.target.value)}>
                {open.map((one) => (
                  <option key={one.month} value={one.month}>
                    {format.month(one.month)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <PledgeForm
            key={cycle.month}
            target={{ ...target, month: cycle.month }}
            offers={offers.data}
            saved={quantitiesOf(pledges.data, cycle.month, offers.data)}
            demand={demand.data?.filter((one) => one.month === cycle.month)}
            title={format.month(cycle.month)}
            submitLabel={t('pledge.saveMonth', { month: format.month(cycle.month) })}
            intro={<DeadlineBadge deadline={cycle.locksAt} timeZone={season.timeZone} />}
          />
        </section>
      )}
      {open.length > 1 && (
        <section aria-labelledby={`${monthId}-standing`}>
          <h2 id={`${monthId}-standing`}>{t('pledge.standingTitle')}</h2>
          <PledgeForm
            target={{ ...target, month: null }}
            offers={offers.data}
            saved={quantitiesOf(pledges.data, open[0].month, offers.data)}
            title={t('pledge.standingFor', {
              first: format.month(open[0].month),
              last: format.month(open[open.length - 1].month),
            })}
            submitLabel={t('pledge.saveStanding')}
            intro={<p className="hint">{t('pledge.standingIntro')}</p>}
          />
        </section>
      )}
      <section aria-labelledby={`${monthId}-offers`}>
        <h2 id={`${monthId}-offers`}>{t('offers.title')}</h2>
        <OfferList offers={offers.data} currency={season.currency} />
      </section>
    </>
  );
}

/** The member's home: the pledges of the chosen season, and the calendar feed of its deadlines. */
export function PledgePage({
  seasons,
  memberId,
  calendarUrl,
}: {
  seasons: Season[];
  memberId: string;
  calendarUrl?: string;
}) {
  const { t } = useTranslation();
  const [seasonId, setSeasonId] = useState(seasons[0]?.id ?? '');
  const season = seasons.find((one) => one.id === seasonId) ?? seasons[0];
  return (
    <>
      <h1 tabIndex={-1}>{t('pledge.title')}</h1>
      {!season ? (
        <p>{t('seasons.none')}</p>
      ) : (
        <>
          <SeasonPicker seasons={seasons} value={season.id} onChange={setSeasonId} />
          <p className="lead">{season.name}</p>
          <SeasonPledges season={season} memberId={memberId} />
        </>
      )}
      {calendarUrl && (
        <p>
          <a href={calendarUrl} className="button-link secondary">
            <Icon name="calendar" /> {t('calendar.link')}
          </a>
        </p>
      )}
    </>
  );
}
