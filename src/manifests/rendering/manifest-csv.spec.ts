import { LABELS } from './labels';
import { manifestToCsv } from './manifest-csv';
import { buildManifest } from './manifest.fixture';

/** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let index = 0;
  while (index < text.length) {
    if (text[index] === '"' && field === '') {
      index++;
      for (;;) {
        if (index >= text.length) throw new Error('unterminated quoted field');
        if (text[index] === '"' && text[index + 1] !== '"') break;
        field += text[index];
        index += text[index] === '"' ? 2 : 1;
      }
      index++;
      if (index < text.length && text[index] !== ',' && text[index] !== '\r')
        throw new Error(`junk after quote at ${index}`);
    } else if (text[index] === ',') {
      record.push(field);
      field = '';
      index++;
    } else if (text[index] === '\r') {
      if (text[index + 1] !== '\n') throw new Error(`bare CR at ${index}`);
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      index += 2;
    } else if (text[index] === '\n' || text[index] === '"') {
      throw new Error(`bare ${JSON.stringify(text[index])} at ${index}`);
    } else {
      field += text[index++];
    }
  }
  if (field !== '' || record.length > 0) throw new Error('last record not ended by CRLF');
  return records;
}

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
