import { toCsv, type CsvCell, type CsvOptions } from '../common/csv';
import type { StatementsDto } from './dto/statements.dto';
import { formatMinor } from './domain/money-format';

const HEADER = [
  'kind',
  'id',
  'consumerGroupId',
  'currency',
  'goodsMinor',
  'goods',
  'transportMinor',
  'transport',
  'totalMinor',
  'total',
  'dueMinor',
  'due',
  'producerCurrency',
  'dueProducerMinor',
  'dueProducer',
];

/**
 * The statements as CSV (the project's writer, common/csv.ts: RFC 4180, CRLF, formula-safe): a header, one row per member, then one
 * per cooperative. Every amount twice: in minor units, and as a decimal with the currency's
 * minor digits (`12345` and `123.45`). Cells that do not apply to the row's kind are empty.
 */
export function statementsToCsv(statements: StatementsDto, options: CsvOptions = {}): string {
  const rows: CsvCell[][] = [HEADER];
  for (const m of statements.members) {
    rows.push([
      'member',
      m.memberId,
      m.consumerGroupId,
      m.currency,
      m.goodsMinor,
      formatMinor(m.goodsMinor, m.currency),
      m.transportMinor,
      formatMinor(m.transportMinor, m.currency),
      m.totalMinor,
      formatMinor(m.totalMinor, m.currency),
      null,
      null,
      null,
      null,
      null,
    ]);
  }
  for (const c of statements.cooperatives) {
    rows.push([
      'cooperative',
      c.cooperativeId,
      null,
      c.currency,
      null,
      null,
      null,
      null,
      null,
      null,
      c.dueMinor,
      formatMinor(c.dueMinor, c.currency),
      c.producerCurrency,
      c.dueProducerMinor,
      formatMinor(c.dueProducerMinor, c.producerCurrency),
    ]);
  }
  return toCsv(rows, options);
}
