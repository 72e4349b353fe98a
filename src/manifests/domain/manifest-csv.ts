import { toCsv, type CsvCell, type CsvOptions } from '../../common/csv';
import { LABELS } from './labels';
import type { Manifest, ManifestLine } from './manifest.types';

function lineKey(cooperativeId: string, productId: string): string {
  return `${cooperativeId}\u0000${productId}`;
}

/**
 * The manifest as CSV: one row per goods line × stop (each stop's unloading, with the goods
 * line's HS code, origin and certificate), header labels in the manifest's locale, CRLF line
 * endings, through the project's CSV writer (common/csv.ts: formula-safe, a byte-order mark
 * unless `options.bom` is false). Numbers are written plainly (`1234.5`) so any locale reads them
 * back the same.
 */
export function manifestToCsv(m: Manifest, options: CsvOptions = {}): string {
  const labels = LABELS[m.locale];
  const senders = new Map(m.senders.map((sender) => [sender.cooperativeId, sender.name]));
  const lines = new Map<string, ManifestLine>(
    m.lines.map((line) => [lineKey(line.cooperativeId, line.productId), line]),
  );
  const header: CsvCell[] = [
    labels.number,
    labels.version,
    labels.stop,
    labels.consignee,
    labels.dropPoint,
    labels.cooperative,
    labels.product,
    labels.hsCode,
    labels.origin,
    labels.certificate,
    labels.packages,
    labels.units,
    labels.netKg,
    labels.grossKg,
  ];
  const rows: CsvCell[][] = [header];
  for (const stop of m.stops) {
    for (const goods of stop.unloading) {
      const line = lines.get(lineKey(goods.cooperativeId, goods.productId));
      if (!line)
        throw new Error(
          `Stop ${stop.order} unloads ${goods.productId}, which no goods line of ${m.number} holds`,
        );
      rows.push([
        m.number,
        m.version,
        stop.order,
        stop.consignee.name,
        stop.consignee.dropPoint.name,
        senders.get(goods.cooperativeId) ?? goods.cooperativeId,
        goods.productName,
        line.hsCode,
        line.originCountry,
        line.certificate,
        goods.packages,
        goods.units,
        goods.netKg,
        goods.grossKg,
      ]);
    }
  }
  return toCsv(rows, options);
}
