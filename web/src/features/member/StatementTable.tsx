import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { MoneyCell } from '../../ui/Money';
import { ScrollTable } from '../../ui/ScrollTable';

/** What a statement line may carry beyond the contract's fields: the basket's transport CO2e. */
export type StatementLine = {
  goodsMinor: number;
  transportMinor: number;
  totalMinor: number;
  currency: string;
  co2eKg?: number | null;
};

export interface StatementRow {
  key: string;
  /** The row's name: a month (a member's statements) or a member (a group's month). */
  name: ReactNode;
  /** None: nothing was due that row ("no statement line"). */
  line?: StatementLine;
}

/**
 * Statements as a table: goods, transport share, total (and the transport CO2e when the lines
 * carry it) per row, and their sum; scrolls sideways inside its named region on a phone.
 */
export function StatementTable({
  caption,
  captionHidden = false,
  nameHeader,
  rows,
  currency,
}: {
  caption: string;
  captionHidden?: boolean;
  nameHeader: string;
  rows: StatementRow[];
  currency: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const sum = (pick: (line: StatementLine) => number) =>
    rows.reduce((total, row) => total + (row.line ? pick(row.line) : 0), 0);
  const hasCo2 = rows.some((row) => typeof row.line?.co2eKg === 'number');
  const figures = ['statements.goods', 'statements.transport', 'statements.total'];
  if (hasCo2) figures.push('statements.co2e');
  return (
    <ScrollTable label={caption}>
      <table>
        <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{nameHeader}</th>
            {figures.map((key) => (
              <th key={key} scope="col" className="figure">
                {t(key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, name, line }) => (
            <tr key={key}>
              <th scope="row">{name}</th>
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
                <td colSpan={figures.length}>{t('statements.noLine')}</td>
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
  );
}
