import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { Icon } from '../../ui/Icon';
import { Pending } from '../../ui/ReadFailed';
import { StatusAnnouncer } from '../../ui/StatusAnnouncer';
import { pastData, settledCycles } from '../member/past-data';
import { seasonData, type Cycle } from '../member/season-data';
import { SeasonPicker, type Season } from '../member/SeasonPicker';
import { StatementTable } from '../member/StatementTable';
import { groupData } from './group-data';

function MonthStatements({ cycle, groupId }: { cycle: Cycle; groupId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const statements = useQuery(pastData.statements(cycle.id));
  const members = useQuery(groupData.members(groupId));
  const month = format.month(cycle.month);
  if (statements.isError)
    return <StatusAnnouncer tone="error">{t('statements.unavailable')}</StatusAnnouncer>;
  if (!statements.data) return <Pending queries={[statements]} part />;
  const lines = statements.data.members.filter((line) => line.consumerGroupId === groupId);
  const nameOf = (memberId: string) =>
    members.data?.find((member) => member.id === memberId)?.name ?? memberId;
  return (
    <section className="card" aria-labelledby={`statements-${cycle.id}`}>
      <h2 id={`statements-${cycle.id}`}>{month}</h2>
      <p>
        <a className="button-link secondary" href={`/api/v1/cycles/${cycle.id}/statements.csv`} download>
          <Icon name="download" /> {t('statements.csv', { month })}
        </a>
      </p>
      <StatementTable
        caption={t('statements.groupCaption', { month })}
        captionHidden
        nameHeader={t('members.name')}
        rows={lines.map((line) => ({ key: line.memberId, name: nameOf(line.memberId), line }))}
        currency={statements.data.totals.currency}
      />
    </section>
  );
}

/** The group's statements per settled month: a table per month and its CSV. */
export function GroupStatements({ seasons, groupId }: { seasons: Season[]; groupId: string }) {
  const { t } = useTranslation();
  const [seasonId, setSeasonId] = useState(seasons[0]?.id ?? '');
  const season = seasons.find((one) => one.id === seasonId) ?? seasons[0];
  const cycles = useQuery({ ...seasonData.cycles(season?.id ?? ''), enabled: Boolean(season) });
  const settled = cycles.data ? settledCycles(cycles.data) : [];
  return (
    <>
      <h1 tabIndex={-1}>{t('statements.groupTitle')}</h1>
      {season && <SeasonPicker seasons={seasons} value={season.id} onChange={setSeasonId} />}
      {!cycles.data ? (
        <Pending queries={[cycles]} part />
      ) : settled.length === 0 ? (
        <p>{t('statements.none')}</p>
      ) : (
        settled.map((cycle) => <MonthStatements key={cycle.id} cycle={cycle} groupId={groupId} />)
      )}
    </>
  );
}
