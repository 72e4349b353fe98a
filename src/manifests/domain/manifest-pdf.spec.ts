import { pdfToText, pdfWords, squash, type PdfWord } from '../../../test/support/pdftotext';
import { LABELS } from './labels';
import { manifestToPdf } from './manifest-pdf';
import { buildManifest } from '../../../test/fixtures/manifest';
import type { Manifest, ManifestQuantities } from './manifest.types';

interface PdfRow {
  page: number;
  cells: string[];
}

/** The PDF's text, as rows of cells: items on one baseline of one page, left to right. */
async function readPdf(pdf: Buffer): Promise<{ pages: number; rows: PdfRow[] }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const rows: PdfRow[] = [];
  for (let page = 1; page <= document.numPages; page++) {
    const content = await (await document.getPage(page)).getTextContent();
    const lines = new Map<number, { x: number; text: string }[]>();
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const [, , , , x, y] = item.transform as number[];
      const key = Math.round(y);
      lines.set(key, [...(lines.get(key) ?? []), { x, text: item.str.trim() }]);
    }
    const ordered = [...lines.entries()].sort(([a], [b]) => b - a);
    for (const [, items] of ordered) {
      rows.push({ page, cells: items.sort((a, b) => a.x - b.x).map((item) => item.text) });
    }
  }
  await document.destroy();
  return { pages: document.numPages, rows };
}

/** Reads back `1,234.5` (en) or `1 234,5` (fr). */
function parseNumber(text: string, locale: Manifest['locale']): number {
  const plain = text.replace(/[\s\u00a0\u202f]/g, '');
  return Number(locale === 'fr' ? plain.replace(/\./g, '').replace(',', '.') : plain.replace(/,/g, ''));
}

function quantitiesOf(cells: string[], locale: Manifest['locale']): ManifestQuantities {
  const [packages, units, netKg, grossKg] = cells.slice(-4).map((cell) => parseNumber(cell, locale));
  return { packages, units, netKg, grossKg };
}

const HS_CODE = /^\d{4}\.\d{2}$/;

function goodsRows(rows: PdfRow[]): PdfRow[] {
  return rows.filter((row) => row.cells.some((cell) => HS_CODE.test(cell)));
}

function expectQuantities(actual: ManifestQuantities, expected: ManifestQuantities): void {
  expect(actual.packages).toBe(expected.packages);
  expect(actual.units).toBe(expected.units);
  expect(actual.netKg).toBeCloseTo(expected.netKg, 3);
  expect(actual.grossKg).toBeCloseTo(expected.grossKg, 3);
}

function sumRows(rows: PdfRow[], locale: Manifest['locale']): ManifestQuantities {
  return rows
    .map((row) => quantitiesOf(row.cells, locale))
    .reduce(
      (total, q) => ({
        packages: total.packages + q.packages,
        units: total.units + q.units,
        netKg: total.netKg + q.netKg,
        grossKg: total.grossKg + q.grossKg,
      }),
      { packages: 0, units: 0, netKg: 0, grossKg: 0 },
    );
}

describe('manifestToPdf', () => {
  describe.each(['en', 'fr'] as const)('a long manifest in %s', (locale) => {
    const manifest = buildManifest({ lines: 300, stops: 2, locale });
    const labels = LABELS[locale];
    let pages: number;
    let rows: PdfRow[];

    beforeAll(async () => {
      const pdf = await manifestToPdf(manifest);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      ({ pages, rows } = await readPdf(pdf));
    });

    const texts = () => rows.map((row) => row.cells.join(' '));

    it('runs over several pages, each numbered "page N / M" in its language', () => {
      expect(pages).toBeGreaterThan(3);
      for (let page = 1; page <= pages; page++) {
        expect(rows.filter((row) => row.page === page).map((row) => row.cells.join(' '))).toContain(
          `${manifest.number} · ${labels.version} ${manifest.version} ${labels.page(page, pages)}`,
        );
      }
    });

    it('has one goods row per manifest line, adding up to the totals', () => {
      const goods = goodsRows(rows);
      expect(goods).toHaveLength(manifest.lines.length);
      expectQuantities(sumRows(goods, locale), manifest.totals);
      goods.forEach((row, index) => expectQuantities(quantitiesOf(row.cells, locale), manifest.lines[index]));
    });

    it('prints the totals the manifest holds', () => {
      const totalsRow = rows.find((row) => row.cells[0] === labels.totals);
      expect(totalsRow).toBeDefined();
      expectQuantities(quantitiesOf(totalsRow!.cells, locale), manifest.totals);
      const transportHeader = rows.findIndex((row) => row.cells.includes(labels.tonneKm));
      const figures = rows[transportHeader + 1].cells.map((cell) => parseNumber(cell, locale));
      expect(figures).toEqual([
        manifest.totals.packages,
        manifest.totals.units,
        manifest.totals.netKg,
        manifest.totals.grossKg,
        manifest.distanceKm,
        manifest.tonneKm,
        manifest.co2eKg,
      ]);
    });

    it('repeats the goods table header on every page it runs onto', () => {
      const goodsHeader = [
        labels.product,
        labels.cooperative,
        labels.hsCode,
        labels.origin,
        labels.certificate,
      ];
      const pagesWithGoods = [...new Set(goodsRows(rows).map((row) => row.page))];
      expect(pagesWithGoods.length).toBeGreaterThan(1);
      expect(pagesWithGoods).toContain(2);
      for (const page of pagesWithGoods) {
        const onPage = rows.filter((row) => row.page === page);
        const header = onPage.findIndex((row) =>
          goodsHeader.every((label, index) => row.cells[index] === label),
        );
        const firstGoods = onPage.findIndex((row) => row.cells.some((cell) => HS_CODE.test(cell)));
        expect(header).toBeGreaterThanOrEqual(0);
        expect(header).toBeLessThan(firstGoods);
      }
    });

    it("gives each stop its consignee and an unloading list adding up to the stop's goods", () => {
      for (const stop of manifest.stops) {
        expect(texts()).toContain(`${labels.stop} ${stop.order} · ${stop.consignee.name}`);
        expect(texts().join('\n')).toContain(stop.consignee.contactEmail);
        expect(texts().join('\n')).toContain(stop.consignee.dropPoint.address.split(',')[0]);
        const subtotal = rows.find(
          (row) => row.cells[0] === `${labels.totals} · ${labels.stop} ${stop.order}`,
        );
        const expected = stop.unloading.reduce(
          (total, goods) => ({
            packages: total.packages + goods.packages,
            units: total.units + goods.units,
            netKg: total.netKg + goods.netKg,
            grossKg: total.grossKg + goods.grossKg,
          }),
          { packages: 0, units: 0, netKg: 0, grossKg: 0 },
        );
        expectQuantities(quantitiesOf(subtotal!.cells, locale), expected);
      }
    });

    it('names the senders with their certificates and keeps accented names', () => {
      expect(texts()).toContain('Coopérative Aït Ourir Haouz MA MA-BIO-154-2025, PGS-HZ-0042');
      expect(texts().join('\n')).toContain(manifest.carrier.name);
    });
  });

  it('prints French labels for a French organiser', async () => {
    const { rows } = await readPdf(await manifestToPdf(buildManifest({ lines: 5, locale: 'fr' })));
    const text = rows.map((row) => row.cells.join(' ')).join('\n');
    for (const label of [
      'Manifeste de transport',
      'Expéditeurs',
      'Marchandises',
      'Kg brut',
      'Arrêt 1',
      'DESTINATAIRE',
      'Kg net',
    ]) {
      expect(text).toContain(label);
    }
    expect(text).toMatch(/page 1 sur \d+/);
    expect(text).toContain('septembre 2025');
    expect(text).not.toContain('Gross kg');
  });

  describe('names in any script', () => {
    const ARABIC = 'تعاونية تيغانيمين';
    const TIFINAGH = 'ⵜⴰⵎⴰⵣⵉⵖⵜ';
    const manifest = buildManifest({ lines: 3, stops: 2 });
    manifest.senders[0].name = ARABIC;
    manifest.senders[1].name = `Coopérative ${TIFINAGH}`;
    manifest.senders[0].territory = 'Ağrı';
    manifest.stops[0].consignee.name = 'Łódź Spółdzielnia';
    manifest.stops[1].consignee.name = `Coopérative ${ARABIC} Ağrı`;
    let text: string;
    let words: PdfWord[];
    let latinOnly: Buffer;
    let mixed: Buffer;

    beforeAll(async () => {
      mixed = await manifestToPdf(manifest);
      latinOnly = await manifestToPdf({
        ...buildManifest({ lines: 3, stops: 2 }),
        partnership: { id: 'p', name: 'Haouz – Lyon' },
      });
      text = await pdfToText(mixed);
      words = await pdfWords(mixed);
    });

    it('reads back Arabic, Tifinagh and accented Latin names as they were written', () => {
      const lines = text.split('\n').map(squash);
      expect(lines.some((line) => line.includes(ARABIC))).toBe(true);
      expect(lines.some((line) => line.includes(`Coopérative ${TIFINAGH}`))).toBe(true);
      expect(lines.some((line) => line.includes('Ağrı'))).toBe(true);
      expect(lines).toContain('Stop 1 · Łódź Spółdzielnia');
      // poppler drops the space where a line changes direction; the words are all there.
      const stop2 = lines.find((line) => line.startsWith('Stop 2 · Coopérative'))!;
      expect(stop2.replace(/ /g, '')).toBe(`Stop2·Coopérative${ARABIC}Ağrı`.replace(/ /g, ''));
    });

    it('lays a mixed line out in visual order: Latin, then the Arabic words right to left, then Latin', () => {
      // pdftotext -bbox gives each word's box, its letters in the order they are drawn (left
      // to right, so an Arabic word reads reversed), the taller Arabic boxes a little higher.
      const stop = words.find(
        (word) =>
          word.text === 'Stop' && words.some((w) => w.text === 'Ağrı' && Math.abs(w.yMin - word.yMin) < 6),
      )!;
      const line = words.filter((word) => word.page === stop.page && Math.abs(word.yMin - stop.yMin) < 6);
      const reversed = (text: string) => [...text].reverse().join('');
      const x = (match: (text: string) => boolean) =>
        line.filter((word) => match(word.text)).map((word) => word.xMin);
      const [first, second] = ARABIC.split(' ');
      const firstWord = x((text) => text === reversed(first));
      const secondWord = x((text) => text.length > 1 && reversed(second).includes(text));
      expect(firstWord).toHaveLength(1);
      expect(secondWord.length).toBeGreaterThan(0);
      const [coop] = x((text) => text === 'Coopérative');
      const [agri] = x((text) => text === 'Ağrı');
      expect(coop).toBeLessThan(Math.min(...secondWord));
      // Right to left: the word written first is drawn to the right of the second.
      expect(Math.max(...secondWord)).toBeLessThan(firstWord[0]);
      expect(firstWord[0]).toBeLessThan(agri);
    });

    it('embeds the Noto faces it draws with, and none in a Latin-only manifest', async () => {
      const fonts = (pdf: Buffer) =>
        [...pdf.toString('latin1').matchAll(/\/FontName \/[A-Z]{6}\+([\w-]+)/g)].map((m) => m[1]);
      expect(new Set(fonts(mixed))).toEqual(
        new Set([
          'NotoSansArabic-Regular',
          'NotoSansArabic-Bold',
          'NotoSansTifinagh-Regular',
          'NotoSans-Regular',
          'NotoSans-Bold',
        ]),
      );
      expect(fonts(latinOnly)).toEqual([]);
    });
  });
});
