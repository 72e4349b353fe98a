import { useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { MoneyCell } from '../../ui/Money';
import { ScrollTable } from '../../ui/ScrollTable';
import { pastData, settledCycles } from './past-data';
import { SeasonPicker, type Season } from './SeasonPicker';
import { seasonData } from './season-data';

/** What a statement line may carry beyond the contract's fields: the basket's transport CO2e. */
type StatementLine = {
  goodsMinor: number;
  transportMinor: number;
  totalMinor: number;
  currency: string;
  co2eKg?: number | null;
};

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
  const currency = season?.currency ?? 'EUR';
  const sum = (pick: (line: StatementLine) => number) =>
    rows.reduce((total, row) => total + (row.line ? pick(row.line) : 0), 0);
  const hasCo2 = rows.some((row) => typeof row.line?.co2eKg === 'number');
  return (
    <>
      <h1 tabIndex={-1}>{t('statements.title')}</h1>
      {season && <SeasonPicker seasons={seasons} value={season.id} onChange={setSeasonId} />}
      {!cycles.data ? (
        <p>{t('common.loading')}</p>
      ) : settled.length === 0 ? (
        <p>{t('statements.none')}</p>
      ) : (
        <ScrollTable label={t('statements.caption', { season: season?.name })}>
          <table>
            <caption>{t('statements.caption', { season: season?.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('statements.month')}</th>
                <th scope="col" className="figure">
                  {t('statements.goods')}
                </th>
                <th scope="col" className="figure">
                  {t('statements.transport')}
                </th>
                <th scope="col" className="figure">
                  {t('statements.total')}
                </th>
                {hasCo2 && (
                  <th scope="col" className="figure">
                    {t('statements.co2e')}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map(({ cycle, line }) => (
                <tr key={cycle.id}>
                  <th scope="row">{format.month(cycle.month)}</th>
                  {line ? (
                    <>
                      <MoneyCell minor={line.goodsMinor} currency={line.currency} />
                      <MoneyCell minor={line.transportMinor} currency={line.currency} />
                      <MoneyCell minor={line.totalMinor} currency={line.currency} />
                      {hasCo2 && (
                        <td className="figure">
                          {typeof line.co2eKg === 'number' ? format.kg(line.co2eKg) : '—'}
                        </td>
                      )}
                    </>
                  ) : (
                    <td colSpan={hasCo2 ? 4 : 3}>{t('statements.noLine')}</td>
                  )}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('statements.sum')}</th>
                <MoneyCell minor={sum((line) => line.goodsMinor)} currency={currency} />
                <MoneyCell minor={sum((line) => line.transportMinor)} currency={currency} />
                <MoneyCell minor={sum((line) => line.totalMinor)} currency={currency} />
                {hasCo2 && <td className="figure">{format.kg(sum((line) => line.co2eKg ?? 0))}</td>}
              </tr>
            </tfoot>
          </table>
        </ScrollTable>
      )}
    </>
  );
}
