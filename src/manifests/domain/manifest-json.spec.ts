import { manifestToCsv } from './manifest-csv';
import { manifestToJson } from './manifest-json';
import { manifestToPdf } from './manifest-pdf';
import { buildManifest } from '../../../test/fixtures/manifest';
import type { Manifest } from './manifest.types';

/** The same object with every key order reversed, at every depth. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, inner]) => [key, reversedKeys(inner)]),
  ) as T;
}

describe('manifestToJson', () => {
  const manifest = buildManifest({ lines: 20, stops: 3 });

  it('gives back the manifest, numbers as numbers', () => {
    const parsed = JSON.parse(manifestToJson(manifest)) as Manifest;
    expect(parsed).toEqual(manifest);
    expect(typeof parsed.totals.netKg).toBe('number');
    expect(typeof parsed.lines[0].packages).toBe('number');
    expect(parsed.lines.find((line) => line.certificate === null)).toBeDefined();
  });

  it('writes keys in one order whatever order the object was built in', () => {
    expect(manifestToJson(reversedKeys(manifest))).toBe(manifestToJson(manifest));
    expect(Object.keys(JSON.parse(manifestToJson(manifest)))).toEqual([
      'number',
      'version',
      'issuedAt',
      'season',
      'partnership',
      'cycleMonth',
      'carrier',
      'loading',
      'senders',
      'stops',
      'lines',
      'totals',
      'distanceKm',
      'tonneKm',
      'co2eKg',
      'emissions',
      'documents',
      'documentWarnings',
      'locale',
    ]);
  });

  it('renders the same manifest in all three formats from one object', async () => {
    const json = JSON.parse(manifestToJson(manifest)) as Manifest;
    const csvRows = manifestToCsv(manifest).trimEnd().split('\r\n').length - 1;
    expect(csvRows).toBe(json.stops.reduce((total, stop) => total + stop.unloading.length, 0));
    // The PDF of the JSON read back is the PDF of the object, byte for byte.
    expect((await manifestToPdf(json)).equals(await manifestToPdf(reversedKeys(manifest)))).toBe(true);
  });
});

describe('buildManifest', () => {
  it.each([1, 7, 300])('keeps %i lines consistent: stops add up to lines, lines to totals', (lines) => {
    const manifest = buildManifest({ lines, stops: 3, seed: lines });
    expect(manifest.lines).toHaveLength(lines);
    for (const line of manifest.lines) {
      const unloaded = manifest.stops.flatMap((stop) =>
        stop.unloading.filter(
          (goods) => goods.cooperativeId === line.cooperativeId && goods.productId === line.productId,
        ),
      );
      expect(unloaded.reduce((total, goods) => total + goods.units, 0)).toBe(line.units);
      expect(unloaded.reduce((total, goods) => total + goods.packages, 0)).toBe(line.packages);
      expect(unloaded.reduce((total, goods) => total + goods.grossKg, 0)).toBeCloseTo(line.grossKg, 3);
    }
    expect(manifest.lines.reduce((total, line) => total + line.units, 0)).toBe(manifest.totals.units);
    expect(manifest.lines.reduce((total, line) => total + line.netKg, 0)).toBeCloseTo(
      manifest.totals.netKg,
      3,
    );
    expect(manifest.number).toMatch(/^MAN-\d{6}-\d{4}$/);
  });
});
