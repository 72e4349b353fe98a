import { LABELS } from './labels';
import type { Manifest, ManifestLine } from './manifest.types';

type Cell = string | number | null;

/** RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled. */
function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// A spreadsheet runs a cell starting with one of these as a formula (CSV injection); a leading
// apostrophe makes it text. Numbers are ours and never negative, so only text is guarded.
function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function cell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return quote(defuse(value));
}

function lineKey(cooperativeId: string, productId: string): string {
  return `${cooperativeId}\u0000${productId}`;
}

/**
 * The manifest as CSV: one row per goods line × stop (each stop's unloading, with the goods
 * line's HS code, origin and certificate), header labels in the manifest's locale, CRLF line
 * endings. Numbers are written plainly (`1234.5`) so any locale reads them back the same.
 */
export function manifestToCsv(m: Manifest): string {
  const labels = LABELS[m.locale];
  const senders = new Map(m.senders.map((sender) => [sender.cooperativeId, sender.name]));
  const lines = new Map<string, ManifestLine>(
    m.lines.map((line) => [lineKey(line.cooperativeId, line.productId), line]),
  );
  const header: Cell[] = [
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
  const rows: Cell[][] = [header];
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
  return rows.map((row) => row.map(cell).join(',') + '\r\n').join('');
}
