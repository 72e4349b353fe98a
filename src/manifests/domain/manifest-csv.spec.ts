import { LABELS } from './labels';
import { manifestToCsv } from './manifest-csv';
import { parseCsv } from '../../../test/support/csv';
import { buildManifest } from '../../../test/fixtures/manifest';

describe('manifestToCsv', () => {
  it('has one row per goods line × stop, adding up to the totals', () => {
    const manifest = buildManifest({ lines: 300, stops: 3 });
    const [header, ...rows] = parseCsv(manifestToCsv(manifest));
    const column = (label: string) => header.indexOf(label);
    const labels = LABELS.en;
    expect(rows).toHaveLength(manifest.stops.reduce((total, stop) => total + stop.unloading.length, 0));
    expect(rows.every((row) => row.length === header.length)).toBe(true);
    const sum = (label: string) => rows.reduce((total, row) => total + Number(row[column(label)]), 0);
    expect(sum(labels.packages)).toBe(manifest.totals.packages);
    expect(sum(labels.units)).toBe(manifest.totals.units);
    expect(sum(labels.netKg)).toBeCloseTo(manifest.totals.netKg, 3);
    expect(sum(labels.grossKg)).toBeCloseTo(manifest.totals.grossKg, 3);
    expect(new Set(rows.map((row) => row[column(labels.number)]))).toEqual(new Set([manifest.number]));
    expect(new Set(rows.map((row) => row[column(labels.stop)]))).toEqual(new Set(['1', '2', '3']));
  });

  it("carries each goods line's HS code, origin and certificate onto its stop rows", () => {
    const manifest = buildManifest({ lines: 7, stops: 2 });
    const [header, ...rows] = parseCsv(manifestToCsv(manifest));
    const at = (row: string[], label: string) => row[header.indexOf(label)];
    const labels = LABELS.en;
    for (const line of manifest.lines) {
      const mine = rows.filter((row) => at(row, labels.product) === line.productName);
      expect(mine.length).toBeGreaterThan(0);
      for (const row of mine) {
        expect(at(row, labels.hsCode)).toBe(line.hsCode);
        expect(at(row, labels.origin)).toBe(line.originCountry);
        expect(at(row, labels.certificate)).toBe(line.certificate ?? '');
      }
      expect(mine.reduce((total, row) => total + Number(at(row, labels.units)), 0)).toBe(line.units);
    }
  });

  it('quotes commas, quotes and line breaks, and ends every record with CRLF', () => {
    const manifest = buildManifest({ lines: 3, stops: 1 });
    manifest.stops[0].consignee.name = 'AMAP "Les Pentes",\r\nLyon';
    const csv = manifestToCsv(manifest);
    expect(csv).toContain('"Coop ""Les Amandiers"", Tafraout"');
    expect(csv).toContain('"AMAP ""Les Pentes"",\r\nLyon"');
    expect(csv.endsWith('\r\n')).toBe(true);
    // parseCsv throws on a bare CR or LF outside quotes, so reading it back checks the line endings.
    expect(parseCsv(csv)[1][3]).toBe('AMAP "Les Pentes",\r\nLyon');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    const manifest = buildManifest({ lines: 4, stops: 1 });
    const names = ['=HYPERLINK("http://x","y")', '+33 4 72', '-2+3', '@SUM(A1)'];
    manifest.lines.forEach(
      (line, index) => (line.productName = manifest.stops[0].unloading[index].productName = names[index]),
    );
    const [header, ...rows] = parseCsv(manifestToCsv(manifest));
    const products = rows.map((row) => row[header.indexOf(LABELS.en.product)]);
    expect(products).toEqual(names.map((name) => `'${name}`));
  });

  it('labels the columns in the manifest’s language', () => {
    const [header] = parseCsv(manifestToCsv(buildManifest({ lines: 2, locale: 'fr' })));
    expect(header).toEqual([
      'Manifeste n°',
      'Version',
      'Arrêt',
      'Destinataire',
      'Point de livraison',
      'Coopérative',
      'Produit',
      'Code SH',
      'Origine',
      'Certificat',
      'Colis',
      'Unités',
      'Kg net',
      'Kg brut',
    ]);
  });
});
