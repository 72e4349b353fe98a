import PDFDocument from 'pdfkit';
import { pdfText, type PdfText } from '../../common/pdf/pdf-text';
import { formatDate, formatMonth, formatNumber, LABELS, type ManifestLabels } from './labels';
import type { Manifest, ManifestQuantities } from './manifest.types';

// A4 portrait, in points. Text goes through PdfText: Helvetica where it draws the string, Noto
// (embedded) for any other script.
const MARGIN = 40;
const FOOTER = 24;
const REGULAR = false;
const BOLD = true;
const INK = '#1a1a1a';
const MUTED = '#666666';
const RULE = '#b0b0b0';
const BAND = '#e8ecef';
const TABLE_SIZE = 7.5;
const MIN_TABLE_SIZE = 5.5;
const ROW_HEIGHT = 12;
const CELL_PAD = 3;

type Align = 'left' | 'right';

interface Column {
  label: string;
  width: number;
  align: Align;
  /** Shrink a value that does not fit rather than cut it: numbers, codes, certificates. */
  shrink?: boolean;
}

interface Table {
  title: string;
  columns: Column[];
  rows: string[][];
  /** Printed in bold under the rows, e.g. a stop's totals. */
  footer?: string[];
  /** Print the title above the first header too, not only above a continuation's. */
  caption?: boolean;
}

/**
 * Draws onto a pdfkit document top to bottom, keeping its own cursor: cells are drawn without
 * pdfkit's line wrapper, which would start pages on its own, so page breaks happen only here.
 */
class ManifestPage {
  private y: number;
  private readonly left = MARGIN;
  private readonly text: PdfText;
  readonly width: number;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly labels: ManifestLabels,
  ) {
    this.y = MARGIN;
    this.width = doc.page.width - 2 * MARGIN;
    this.text = pdfText(doc);
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN - FOOTER;
  }

  /** Starts a new page unless `height` still fits; says whether it did. */
  private ensure(height: number): boolean {
    if (this.y + height <= this.bottom) return false;
    this.doc.addPage();
    this.y = MARGIN;
    return true;
  }

  private write(text: string, x: number, y: number, bold: boolean, size: number, color = INK): void {
    this.text.line(text, x, y, { size, bold, color });
  }

  /**
   * One line within `width`: a shrinkable value (numbers, codes, headers) is set smaller until
   * it fits, anything else, or a value still too long at the smallest size, is cut with "…".
   */
  private cell(text: string, x: number, width: number, align: Align, bold: boolean, shrink: boolean): void {
    const room = width - 2 * CELL_PAD;
    let shown = text;
    let size = TABLE_SIZE;
    const fits = (value: string) => this.text.width(value, { size, bold }) <= room;
    while (shrink && !fits(shown) && size > MIN_TABLE_SIZE) size -= 0.5;
    if (!fits(shown)) {
      while (shown.length > 1 && !fits(`${shown}…`)) shown = shown.slice(0, -1).trimEnd();
      shown = `${shown}…`;
    }
    const baselineShift = (TABLE_SIZE - size) / 2;
    this.text.line(shown, x + CELL_PAD, this.y + 2.5 + baselineShift, {
      size,
      bold,
      color: INK,
      align,
      width: room,
    });
  }

  private row(columns: Column[], values: string[], font: boolean, band?: string): void {
    if (band) this.doc.rect(this.left, this.y, this.width, ROW_HEIGHT).fill(band);
    let x = this.left;
    columns.forEach((column, index) => {
      const shrink = band !== undefined || column.shrink === true || column.align === 'right';
      this.cell(values[index] ?? '', x, column.width, column.align, font, shrink);
      x += column.width;
    });
    this.y += ROW_HEIGHT;
  }

  private rule(color = RULE, weight = 0.5): void {
    this.doc
      .moveTo(this.left, this.y)
      .lineTo(this.left + this.width, this.y)
      .lineWidth(weight)
      .strokeColor(color)
      .stroke();
  }

  gap(height: number): void {
    this.y += height;
  }

  heading(text: string, keepWithNext = 0): void {
    this.ensure(22 + keepWithNext);
    this.write(text, this.left, this.y, BOLD, 11);
    this.y += 15;
    this.rule(INK, 0.8);
    this.y += 5;
  }

  title(manifest: Manifest): void {
    const { labels } = this;
    this.write(labels.title, this.left, this.y, BOLD, 18);
    const reference = `${manifest.number}  ·  ${labels.version} ${manifest.version}`;
    const right = { align: 'right' as const, width: this.width };
    this.text.line(reference, this.left, this.y + 3, { size: 12, bold: BOLD, color: INK, ...right });
    const issued = `${labels.issuedAt} ${formatDate(manifest.issuedAt, manifest.locale)}`;
    this.text.line(issued, this.left, this.y + 19, { size: 9, color: MUTED, ...right });
    this.y += 34;
    this.rule(INK, 1.2);
    this.y += 10;
  }

  /** Blocks of label/value pairs side by side; a value may wrap over several lines. */
  fieldColumns(blocks: { title: string; fields: [string, string][] }[]): void {
    const gutter = 16;
    const blockWidth = (this.width - gutter * (blocks.length - 1)) / blocks.length;
    const heights = blocks.map((block) => this.blockHeight(block.fields, blockWidth));
    this.ensure(Math.max(...heights) + 16);
    const top = this.y;
    blocks.forEach((block, index) => {
      const x = this.left + index * (blockWidth + gutter);
      let y = top;
      this.write(block.title.toUpperCase(), x, y, BOLD, 8, MUTED);
      y += 13;
      for (const [label, value] of block.fields) {
        this.write(label, x, y, REGULAR, 7, MUTED);
        y += 9;
        y += this.text.block(value, x, y, { size: 9, color: INK, width: blockWidth }) + 4;
      }
    });
    this.y = top + 13 + Math.max(...heights) + 8;
  }

  private blockHeight(fields: [string, string][], width: number): number {
    return fields.reduce((total, [, value]) => total + 13 + this.text.height(value, width, { size: 9 }), 0);
  }

  /** A table whose header row is drawn again at the top of every page it runs onto. */
  table({ title, columns, rows, footer, caption = false }: Table): void {
    const header = columns.map((column) => column.label);
    const drawHeader = (continued: boolean): void => {
      if (continued || caption) {
        const text = continued ? `${title} (${this.labels.continued})` : title;
        this.write(text, this.left, this.y, BOLD, 8, MUTED);
        this.y += 12;
      }
      this.row(columns, header, BOLD, BAND);
    };
    this.ensure(4 * ROW_HEIGHT);
    drawHeader(false);
    rows.forEach((values, index) => {
      if (this.ensure(ROW_HEIGHT)) drawHeader(true);
      if (index % 2 === 1) this.doc.rect(this.left, this.y, this.width, ROW_HEIGHT).fill('#f6f7f8');
      this.row(columns, values, REGULAR);
    });
    if (footer) {
      if (this.ensure(ROW_HEIGHT + 2)) drawHeader(true);
      this.rule(INK, 0.6);
      this.row(columns, footer, BOLD);
    }
    this.y += 10;
  }

  /** "page N / M" and the manifest's reference at the foot of every page, once all exist. */
  footers(manifest: Manifest): void {
    const range = this.doc.bufferedPageRange();
    for (let index = 0; index < range.count; index++) {
      this.doc.switchToPage(range.start + index);
      const y = this.doc.page.height - MARGIN - 10;
      this.doc
        .moveTo(this.left, y - 6)
        .lineTo(this.left + this.width, y - 6)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke();
      this.write(
        `${manifest.number} · ${this.labels.version} ${manifest.version}`,
        this.left,
        y,
        REGULAR,
        8,
        MUTED,
      );
      const page = this.labels.page(index + 1, range.count);
      this.text.line(page, this.left, y, { size: 8, color: MUTED, align: 'right', width: this.width });
    }
  }
}

function quantityCells(q: ManifestQuantities, m: Manifest): string[] {
  return [
    formatNumber(q.packages, m.locale),
    formatNumber(q.units, m.locale),
    formatNumber(q.netKg, m.locale),
    formatNumber(q.grossKg, m.locale),
  ];
}

function quantityColumns(labels: ManifestLabels, widths: [number, number, number, number]): Column[] {
  return [
    { label: labels.packages, width: widths[0], align: 'right' },
    { label: labels.units, width: widths[1], align: 'right' },
    { label: labels.netKg, width: widths[2], align: 'right' },
    { label: labels.grossKg, width: widths[3], align: 'right' },
  ];
}

function sumQuantities(items: ManifestQuantities[]): ManifestQuantities {
  const total = (pick: (q: ManifestQuantities) => number) =>
    Math.round(items.reduce((acc, item) => acc + pick(item), 0) * 1000) / 1000;
  return {
    packages: total((q) => q.packages),
    units: total((q) => q.units),
    netKg: total((q) => q.netKg),
    grossKg: total((q) => q.grossKg),
  };
}

function drawIntro(page: ManifestPage, m: Manifest, labels: ManifestLabels): void {
  const { carrier, loading } = m;
  page.title(m);
  page.fieldColumns([
    {
      title: labels.cycle,
      fields: [
        [labels.season, m.season.name],
        [labels.partnership, m.partnership.name],
        [labels.cycleMonth, formatMonth(m.cycleMonth, m.locale)],
      ],
    },
    {
      title: labels.carrier,
      fields: [
        [labels.organiser, carrier.name],
        [labels.vehicle, `${carrier.vehicle.name} (${labels.modes[carrier.vehicle.mode]})`],
        [labels.contact, carrier.contactEmail],
      ],
    },
    {
      title: labels.loading,
      fields: [
        [labels.pickupPoint, loading.pickupPoint.name],
        [labels.address, loading.pickupPoint.address],
        [labels.loadingDate, formatDate(loading.date, m.locale)],
      ],
    },
  ]);
}

function drawSenders(page: ManifestPage, m: Manifest, labels: ManifestLabels): void {
  page.heading(labels.senders, 2 * ROW_HEIGHT);
  page.table({
    title: labels.senders,
    columns: [
      { label: labels.cooperative, width: 170, align: 'left' },
      { label: labels.territory, width: 110, align: 'left' },
      { label: labels.origin, width: 40, align: 'left' },
      { label: labels.certificates, width: page.width - 320, align: 'left', shrink: true },
    ],
    rows: m.senders.map((sender) => [
      sender.name,
      sender.territory,
      sender.countryCode,
      sender.certificateNumbers.join(', ') || labels.none,
    ]),
  });
}

function drawGoods(page: ManifestPage, m: Manifest, labels: ManifestLabels): void {
  const senders = new Map(m.senders.map((sender) => [sender.cooperativeId, sender.name]));
  page.heading(labels.goods, 2 * ROW_HEIGHT);
  page.table({
    title: labels.goods,
    columns: [
      { label: labels.product, width: page.width - 396, align: 'left' },
      { label: labels.cooperative, width: 80, align: 'left' },
      { label: labels.hsCode, width: 40, align: 'left', shrink: true },
      { label: labels.origin, width: 36, align: 'left' },
      { label: labels.certificate, width: 72, align: 'left', shrink: true },
      ...quantityColumns(labels, [36, 36, 48, 48]),
    ],
    rows: m.lines.map((line) => [
      line.productName,
      senders.get(line.cooperativeId) ?? line.cooperativeId,
      line.hsCode,
      line.originCountry,
      line.certificate ?? '—',
      ...quantityCells(line, m),
    ]),
    footer: [labels.totals, '', '', '', '', ...quantityCells(m.totals, m)],
  });
}

function drawTotals(page: ManifestPage, m: Manifest, labels: ManifestLabels): void {
  page.heading(`${labels.totals} · ${labels.transport}`, 2 * ROW_HEIGHT);
  const width = page.width / 7;
  page.table({
    title: labels.totals,
    columns: [
      ...quantityColumns(labels, [width, width, width, width]),
      { label: labels.distanceKm, width, align: 'right' },
      { label: labels.tonneKm, width, align: 'right' },
      { label: labels.co2eKg, width: page.width - 6 * width, align: 'right' },
    ],
    rows: [
      [
        ...quantityCells(m.totals, m),
        formatNumber(m.distanceKm, m.locale, 1),
        formatNumber(m.tonneKm, m.locale, 1),
        formatNumber(m.co2eKg, m.locale, 1),
      ],
    ],
  });
}

function drawDocuments(page: ManifestPage, m: Manifest, labels: ManifestLabels): void {
  const { proofOfOrigin, phytosanitaryCertificateNumber } = m.documents;
  const origin = !proofOfOrigin
    ? labels.missing
    : proofOfOrigin.kind === 'eur1'
      ? `${labels.eur1} ${proofOfOrigin.number}`
      : `${labels.originDeclaration} ${proofOfOrigin.exporterRexNumber}: ${proofOfOrigin.text}`;
  page.heading(labels.documents, 60);
  page.fieldColumns([
    {
      title: labels.proofOfOrigin,
      fields: [
        [labels.proofOfOrigin, origin],
        [labels.phytosanitary, phytosanitaryCertificateNumber ?? '—'],
      ],
    },
    {
      title: labels.emissionsScope,
      fields: [
        [
          labels.emissionsScope,
          `${labels.wellToWheel} (${m.emissions.standard}), ${formatNumber(m.emissions.gramsCo2ePerTonneKm, m.locale)} g CO2e/t·km`,
        ],
        [labels.co2eKg, `${m.emissions.source}, ${m.emissions.year}`],
      ],
    },
  ]);
  const senders = new Map(m.senders.map((sender) => [sender.cooperativeId, sender.name]));
  const organic = m.lines.filter((line) => line.organic || line.coiNumber);
  if (organic.length > 0)
    page.table({
      title: labels.coi,
      caption: true,
      columns: [
        { label: labels.product, width: page.width - 380, align: 'left' },
        { label: labels.cooperative, width: 130, align: 'left' },
        { label: labels.coi, width: 160, align: 'left', shrink: true },
        { label: labels.controlBody, width: 90, align: 'left', shrink: true },
      ],
      rows: organic.map((line) => [
        line.productName,
        senders.get(line.cooperativeId) ?? line.cooperativeId,
        line.coiNumber ?? labels.missing,
        line.controlBody ?? '—',
      ]),
    });
  if (m.documentWarnings.length > 0)
    page.table({
      title: labels.warnings,
      caption: true,
      columns: [{ label: labels.warnings, width: page.width, align: 'left' }],
      rows: m.documentWarnings.map((warning) => [warning.message]),
    });
}

function drawStops(page: ManifestPage, m: Manifest, labels: ManifestLabels): void {
  const senders = new Map(m.senders.map((sender) => [sender.cooperativeId, sender.name]));
  for (const stop of m.stops) {
    const { consignee } = stop;
    page.heading(`${labels.stop} ${stop.order} · ${consignee.name}`, 80);
    page.fieldColumns([
      {
        title: labels.consignee,
        fields: [
          [labels.name, consignee.name],
          [labels.contact, consignee.contactEmail],
        ],
      },
      {
        title: labels.dropPoint,
        fields: [
          [labels.name, consignee.dropPoint.name],
          [labels.address, consignee.dropPoint.address],
        ],
      },
      {
        title: labels.transport,
        fields: [
          [labels.distanceFromPrevious, `${formatNumber(stop.distanceFromPreviousKm, m.locale, 1)} km`],
        ],
      },
    ]);
    page.table({
      title: `${labels.stop} ${stop.order} · ${labels.unloading}`,
      columns: [
        { label: labels.product, width: page.width - 334, align: 'left' },
        { label: labels.cooperative, width: 144, align: 'left' },
        ...quantityColumns(labels, [40, 40, 55, 55]),
      ],
      rows: stop.unloading.map((goods) => [
        goods.productName,
        senders.get(goods.cooperativeId) ?? goods.cooperativeId,
        ...quantityCells(goods, m),
      ]),
      caption: true,
      footer: [
        `${labels.totals} · ${labels.stop} ${stop.order}`,
        '',
        ...quantityCells(sumQuantities(stop.unloading), m),
      ],
    });
    page.gap(6);
  }
}

/**
 * The manifest as a PDF for the carrier: header, senders, the goods table, totals and
 * transport figures, then one section per stop with its unloading list; labels and numbers in
 * the manifest's locale, "page N / M" on every page.
 */
export function manifestToPdf(m: Manifest): Promise<Buffer> {
  const labels = LABELS[m.locale];
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: m.locale,
    info: {
      Title: `${labels.title} ${m.number} v${m.version}`,
      Author: 'Proxima',
      Subject: `${m.season.name} · ${m.cycleMonth}`,
      CreationDate: new Date(m.issuedAt),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const page = new ManifestPage(doc, labels);
  drawIntro(page, m, labels);
  drawSenders(page, m, labels);
  drawGoods(page, m, labels);
  drawTotals(page, m, labels);
  drawDocuments(page, m, labels);
  drawStops(page, m, labels);
  page.footers(m);
  doc.end();
  return done;
}
