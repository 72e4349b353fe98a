import { useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isolate, useFormat } from '../../ui/format';
import { Pending } from '../../ui/ReadFailed';
import { pastData, settledCycles } from './past-data';
import { SeasonPicker, type Season } from './SeasonPicker';
import { seasonData } from './season-data';
import { StatementTable, type StatementLine } from './StatementTable';

/** The member's statements, one line per settled month: goods, transport share, total, CO2e. */
export function MemberStatements({ seasons, memberId }: { seasons: Season[]; memberId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [seasonId, setSeasonId] = useState(seasons[0]?.id ?? '');
  const season = seasons.find((one) => one.id === seasonId) ?? seasons[0];
  const cycles = useQuery({ ...seasonData.cycles(season?.id ?? ''), enabled: Boolean(season) });
  const settled = cycles.data ? settledCycles(cycles.data) : [];
  const statements = useQueries({ queries: settled.map((cycle) => pastData.statements(cycle.id)) });
  const rows = settled.map((cycle, index) => ({
    cycle,
    line: statements[index].data?.members.find((member) => member.memberId === memberId) as
      StatementLine | undefined,
  }));
  return (
    <>
      <h1 tabIndex={-1}>{t('statements.title')}</h1>
      {season && <SeasonPicker seasons={seasons} value={season.id} onChange={setSeasonId} />}
      {!cycles.data ? (
        <Pending queries={[cycles]} part />
      ) : settled.length === 0 ? (
        <p>{t('statements.none')}</p>
      ) : (
        <StatementTable
          caption={t('statements.caption', { season: isolate(season?.name ?? '') })}
          nameHeader={t('statements.month')}
          rows={rows.map(({ cycle, line }) => ({ key: cycle.id, name: format.month(cycle.month), line }))}
          currency={season?.currency ?? 'EUR'}
        />
      )}
    </>
  );
}
