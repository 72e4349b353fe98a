import PDFDocument from 'pdfkit';
import { pdfText, type Align, type PdfText } from '../../common/pdf/pdf-text';
import { CMR_LABELS, type CmrBox, type CmrLabels } from './cmr-labels';
import { formatDate, formatNumber } from './labels';
import type { Manifest, ManifestStop } from './manifest.types';

// A4 portrait, in points.
const MARGIN = 36;
const INK = '#1a1a1a';
const MUTED = '#555555';
const RULE = '#808080';
const LABEL_SIZE = 6.5;
const VALUE_SIZE = 8.5;
const ROW = 13;

interface GoodsColumn {
  box: CmrBox;
  width: number;
  align: Align;
}

/**
 * The CMR consignment notes of a shipment, one note per consignee (stop), each starting on its
 * own page, all in one PDF; numbered `<manifest number>-<stop>`. Built from one manifest version,
 * so a note says what the manifest says. Labels in the organiser's language; names in any script.
 */
export function cmrToPdf(m: Manifest): Promise<Buffer> {
  const labels = CMR_LABELS[m.locale];
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: m.locale,
    info: {
      Title: `CMR ${m.number} v${m.version}`,
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
  const note = new CmrNote(doc, labels, m);
  m.stops.forEach((stop, index) => {
    if (index > 0) doc.addPage();
    note.draw(stop);
  });
  note.footers();
  doc.end();
  return done;
}

export function cmrNumber(m: Manifest, stop: ManifestStop): string {
  return `${m.number}-${stop.order}`;
}

class CmrNote {
  private y = MARGIN;
  private readonly text: PdfText;
  private readonly width: number;
  /** The note each page belongs to, for the footers. */
  private readonly pageNotes: string[] = [];

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly labels: CmrLabels,
    private readonly m: Manifest,
  ) {
    this.text = pdfText(doc);
    this.width = doc.page.width - 2 * MARGIN;
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN - 20;
  }

  private newPage(number: string): void {
    this.doc.addPage();
    this.y = MARGIN;
    this.pageNotes.push(number);
    this.header(number, true);
  }

  private header(number: string, continued = false): void {
    const { labels } = this;
    this.text.line(labels.title, MARGIN, this.y, { size: 20, bold: true, color: INK });
    this.text.line(labels.subtitle, MARGIN + 60, this.y + 6, { size: 11, bold: true, color: INK });
    this.text.line(`${labels.note} ${number}`, MARGIN, this.y + 4, {
      size: 11,
      bold: true,
      color: INK,
      align: 'right',
      width: this.width,
    });
    this.y += 28;
    if (!continued) {
      this.y +=
        this.text.block(labels.convention, MARGIN, this.y, { size: 6.5, color: MUTED, width: this.width }) +
        4;
    }
  }

  /** Height a box takes for the value at the width. */
  private boxHeight(value: string, width: number): number {
    return 4 + LABEL_SIZE * 1.3 + this.text.height(value, width - 8, { size: VALUE_SIZE }) + 4;
  }

  private box(box: CmrBox, value: string, x: number, width: number, height: number): void {
    this.doc.rect(x, this.y, width, height).lineWidth(0.6).strokeColor(RULE).stroke();
    this.text.line(`${box}  ${this.labels.boxes[box]}`, x + 4, this.y + 3, {
      size: LABEL_SIZE,
      bold: true,
      color: MUTED,
    });
    this.text.block(value, x + 4, this.y + 4 + LABEL_SIZE * 1.3, {
      size: VALUE_SIZE,
      color: INK,
      width: width - 8,
    });
  }

  /** Boxes side by side, as tall as the tallest. */
  private boxes(row: [CmrBox, string][]): void {
    const width = this.width / row.length;
    const height = Math.max(...row.map(([, value]) => this.boxHeight(value, width)));
    row.forEach(([box, value], index) => this.box(box, value, MARGIN + index * width, width, height));
    this.y += height;
  }

  private documents(): string {
    const { labels, m } = this;
    const lines = [`${labels.manifest} ${m.number} v${m.version}`];
    const origin = m.documents.proofOfOrigin;
    if (origin?.kind === 'eur1') lines.push(`${labels.eur1} ${origin.number}`);
    if (origin?.kind === 'origin_declaration')
      lines.push(`${labels.originDeclaration} ${origin.exporterRexNumber}`);
    if (m.documents.phytosanitaryCertificateNumber)
      lines.push(`${labels.phytosanitary} ${m.documents.phytosanitaryCertificateNumber}`);
    const cois = [
      ...new Set(m.lines.map((line) => line.coiNumber).filter((coi): coi is string => coi !== null)),
    ];
    if (cois.length > 0) lines.push(`${labels.coi}: ${cois.join(', ')}`);
    return lines.join('\n');
  }

  private instructions(): string {
    const { labels, m } = this;
    const lines = [labels.instructions.plain];
    if (m.documents.proofOfOrigin || m.documentWarnings.some((w) => w.code === 'PROOF_OF_ORIGIN_MISSING'))
      lines.push(labels.instructions.customs);
    if (m.lines.some((line) => line.organic)) lines.push(labels.instructions.organic);
    return lines.join('\n');
  }

  private goodsColumns(): GoodsColumn[] {
    const fixed = 92 + 44 + 48 + 52 + 56 + 44;
    return [
      { box: 6, width: 92, align: 'left' },
      { box: 7, width: 44, align: 'right' },
      { box: 8, width: 48, align: 'left' },
      { box: 9, width: this.width - fixed, align: 'left' },
      { box: 10, width: 52, align: 'left' },
      { box: 11, width: 56, align: 'right' },
      { box: 12, width: 44, align: 'right' },
    ];
  }

  private goodsRow(columns: GoodsColumn[], cells: string[], bold: boolean): void {
    let x = MARGIN;
    columns.forEach((column, index) => {
      this.text.line(cells[index], x + 3, this.y + 3, {
        size: bold ? LABEL_SIZE : VALUE_SIZE - 1,
        bold,
        color: bold ? MUTED : INK,
        align: column.align,
        width: column.width - 6,
      });
      x += column.width;
    });
    this.y += ROW;
  }

  private goods(stop: ManifestStop, number: string): void {
    const { labels, m } = this;
    const columns = this.goodsColumns();
    const hsCode = new Map(m.lines.map((line) => [`${line.cooperativeId}|${line.productId}`, line.hsCode]));
    const sender = new Map(m.senders.map((s) => [s.cooperativeId, s.name]));
    const header = () => {
      const style = { size: LABEL_SIZE - 0.5, bold: true, color: MUTED };
      const cells = columns.map((column) => `${column.box} ${labels.boxes[column.box]}`);
      const height =
        Math.max(...cells.map((cell, index) => this.text.height(cell, columns[index].width - 6, style))) + 6;
      this.doc.rect(MARGIN, this.y, this.width, height).fill('#e8ecef');
      let x = MARGIN;
      cells.forEach((cell, index) => {
        this.text.block(cell, x + 3, this.y + 3, { ...style, width: columns[index].width - 6 });
        x += columns[index].width;
      });
      this.y += height;
    };
    header();
    stop.unloading.forEach((goods, index) => {
      if (this.y + ROW > this.bottom) {
        this.newPage(number);
        header();
      }
      this.goodsRow(
        columns,
        [
          `${number}/${index + 1}`,
          formatNumber(goods.packages, m.locale),
          labels.packing,
          `${goods.productName} · ${sender.get(goods.cooperativeId) ?? ''}`,
          hsCode.get(`${goods.cooperativeId}|${goods.productId}`) ?? '',
          formatNumber(goods.grossKg, m.locale),
          '',
        ],
        false,
      );
    });
    const packages = stop.unloading.reduce((sum, goods) => sum + goods.packages, 0);
    const grams = stop.unloading.reduce((sum, goods) => sum + Math.round(goods.grossKg * 1000), 0);
    this.doc
      .moveTo(MARGIN, this.y)
      .lineTo(MARGIN + this.width, this.y)
      .lineWidth(0.6)
      .strokeColor(INK)
      .stroke();
    this.goodsRow(
      columns,
      [labels.totals, formatNumber(packages, m.locale), '', '', '', formatNumber(grams / 1000, m.locale), ''],
      true,
    );
    this.y += 6;
  }

  draw(stop: ManifestStop): void {
    const { labels, m } = this;
    const number = cmrNumber(m, stop);
    this.y = MARGIN;
    this.pageNotes.push(number);
    this.header(number);
    const senders = m.senders.filter((s) =>
      stop.unloading.some((goods) => goods.cooperativeId === s.cooperativeId),
    );
    const { consignee } = stop;
    const carrier = m.carrier;
    this.boxes([
      [1, senders.map((s) => `${s.name}, ${s.territory}, ${s.countryCode}`).join('\n')],
      [16, `${carrier.name}\n${carrier.contactEmail}\n${labels.vehicle}: ${carrier.vehicle.name}`],
    ]);
    this.boxes([
      [
        2,
        `${consignee.name}\n${consignee.dropPoint.name}\n${consignee.dropPoint.address}, ${consignee.countryCode}`,
      ],
      [17, labels.none],
    ]);
    this.boxes([
      [3, `${consignee.dropPoint.name}\n${consignee.dropPoint.address}, ${consignee.countryCode}`],
      [18, ''],
    ]);
    this.boxes([
      [
        4,
        `${m.loading.pickupPoint.name}\n${m.loading.pickupPoint.address}\n${formatDate(m.loading.date, m.locale)}`,
      ],
      [13, this.instructions()],
    ]);
    this.boxes([[5, this.documents()]]);
    this.y += 6;
    this.goods(stop, number);
    if (this.y + 90 > this.bottom) this.newPage(number);
    this.boxes([[21, `${m.loading.pickupPoint.name}, ${formatDate(m.issuedAt, m.locale)}`]]);
    const signatures: [CmrBox, string][] = [
      [22, `\n\n${labels.signature}`],
      [23, `\n\n${labels.signature}`],
      [24, `\n\n${labels.signature}`],
    ];
    this.boxes(signatures);
  }

  footers(): void {
    const range = this.doc.bufferedPageRange();
    for (let index = 0; index < range.count; index++) {
      this.doc.switchToPage(range.start + index);
      const number = this.pageNotes[index];
      const pages = this.pageNotes.filter((n) => n === number).length;
      const page = this.pageNotes.slice(0, index + 1).filter((n) => n === number).length;
      const y = this.doc.page.height - MARGIN - 8;
      this.text.line(`CMR ${number} · ${this.m.number} v${this.m.version}`, MARGIN, y, {
        size: 7,
        color: MUTED,
      });
      this.text.line(this.labels.page(page, pages), MARGIN, y, {
        size: 7,
        color: MUTED,
        align: 'right',
        width: this.width,
      });
    }
  }
}
