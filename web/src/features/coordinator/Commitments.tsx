import { useQueries, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NextStepCard } from '../../app/NextStepCard';
import { Link } from '../../app/router';
import { DeadlineBadge } from '../../ui/DeadlineBadge';
import { useFormat } from '../../ui/format';
import { Icon } from '../../ui/Icon';
import { Pending } from '../../ui/ReadFailed';
import { ScrollTable } from '../../ui/ScrollTable';
import { openCycles, seasonData } from '../member/season-data';
import { SeasonPicker, type Season } from '../member/SeasonPicker';
import { groupData } from './group-data';

/**
 * The group's commitments on each offer for an open month (the sum of its members' pledges),
 * the deadline, and the members who have pledged nothing for that month yet.
 */
function MonthCommitments({
  season,
  groupId,
  month,
  locksAt,
}: {
  season: Season;
  groupId: string;
  month: string;
  locksAt: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const offers = useQuery(seasonData.offers(season.id));
  const commitments = useQuery(groupData.commitments(season.id, groupId, month));
  const members = useQuery(groupData.members(groupId));
  const active = (members.data ?? []).filter((member) => member.active);
  // A group is tens of members: one read of each one's pledges, cached like every other read.
  const pledges = useQueries({ queries: active.map((member) => seasonData.pledges(season.id, member.id)) });
  const notPledged = active.filter(
    (_member, index) =>
      pledges[index].data && !pledges[index].data.some((line) => line.month === month && line.quantity > 0),
  );
  if (!offers.data || !commitments.data) return <Pending queries={[offers, commitments]} part />;
  const quantityOf = (offerId: string) =>
    commitments.data.find((line) => line.offerId === offerId)?.quantity ?? 0;
  const total = offers.data.reduce((sum, offer) => sum + quantityOf(offer.id) * offer.unitPriceMinor, 0);
  return (
    <>
      <DeadlineBadge deadline={locksAt} timeZone={season.timeZone} />
      <ScrollTable label={t('group.caption', { month: format.month(month) })}>
        <table>
          <caption>{t('group.caption', { month: format.month(month) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('past.offer')}</th>
              <th scope="col">{t('group.cooperative')}</th>
              <th scope="col" className="figure">
                {t('group.quantity')}
              </th>
              <th scope="col" className="figure">
                {t('group.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {offers.data.map((offer) => (
              <tr key={offer.id}>
                <th scope="row">
                  {offer.product} <bdi className="muted">{offer.unit}</bdi>
                </th>
                <td>{offer.cooperative}</td>
                <td className="figure">{format.number(quantityOf(offer.id))}</td>
                <td className="figure">
                  {format.money(quantityOf(offer.id) * offer.unitPriceMinor, season.currency)}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                {t('pledge.total')}
              </th>
              <td className="figure">{format.money(total, season.currency)}</td>
            </tr>
          </tfoot>
        </table>
      </ScrollTable>
      <h3>
        <Icon name="person" /> {t('group.notPledged', { count: notPledged.length })}
      </h3>
      {notPledged.length > 0 && (
        <ul>
          {notPledged.map((member) => (
            <li key={member.id}>
              <Link to={`/coordinator/members/${member.id}`}>{member.name}</Link>{' '}
              <span className="muted" dir="ltr">
                {member.email}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function Commitments({ seasons, groupId }: { seasons: Season[]; groupId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [seasonId, setSeasonId] = useState(seasons[0]?.id ?? '');
  const [chosen, setChosen] = useState<string | null>(null);
  const monthId = useId();
  const season = seasons.find((one) => one.id === seasonId) ?? seasons[0];
  const cycles = useQuery({ ...seasonData.cycles(season?.id ?? ''), enabled: Boolean(season) });
  const open = cycles.data ? openCycles(cycles.data) : [];
  const cycle = open.find((one) => one.month === chosen) ?? open[0];
  return (
    <>
      <h1 tabIndex={-1}>{t('group.title')}</h1>
      {season && <SeasonPicker seasons={seasons} value={season.id} onChange={setSeasonId} />}
      {/* Reviewing the pledges is this page; a delivery to record is elsewhere. */}
      {season && season.next?.action !== 'review_pledges' && <NextStepCard season={season} />}
      {!season ? (
        <p>{t('seasons.none')}</p>
      ) : !cycles.data ? (
        <Pending queries={[cycles]} part />
      ) : !cycle ? (
        <p>{t('pledge.noOpenMonth')}</p>
      ) : (
        <>
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
          <MonthCommitments
            key={`${season.id}-${cycle.month}`}
            season={season}
            groupId={groupId}
            month={cycle.month}
            locksAt={cycle.locksAt}
          />
        </>
      )}
    </>
  );
}
