import PDFDocument from 'pdfkit';
import { PdfText, type Align, type TextStyle } from '../../common/pdf/pdf-text';
import type { DistributionList, MemberHandover, MemberLine } from './distribution-list';
import {
  DISTRIBUTION_LABELS,
  formatDay,
  formatMonth,
  formatPacking,
  formatQuantity,
  type DistributionLabels,
} from './labels';

// A4 portrait, in points.
const MARGIN = 40;
const INK = '#1a1a1a';
const MUTED = '#555555';
const RULE = '#b0b0b0';
const BAND = '#e8ecef';
const SIZE = 9.5;
const PAD = 4;

interface Column {
  width: number;
  align: Align;
}

type Cells = string[];

/**
 * The distribution list as a PDF to print for the drop point: one row per member and product,
 * a box to tick when it is handed over, then the group's totals. Labels in the list's locale;
 * an Arabic list reads right to left (columns mirrored, text in the document's direction);
 * names in any script (src/common/pdf).
 */
export function distributionListToPdf(list: DistributionList): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: list.locale,
    info: {
      Title: `${DISTRIBUTION_LABELS[list.locale].title} · ${list.consumerGroup.name} · ${list.month}`,
      Author: 'Proxima',
      Subject: `${list.season} · ${list.month}`,
      CreationDate: new Date(list.reportedAt),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  new DistributionPage(doc, list).draw();
  doc.end();
  return done;
}

class DistributionPage {
  private y = MARGIN;
  private readonly text: PdfText;
  private readonly labels: DistributionLabels;
  private readonly rtl: boolean;
  private readonly width: number;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly list: DistributionList,
  ) {
    this.rtl = list.locale === 'ar';
    this.text = new PdfText(doc, this.rtl ? 'rtl' : 'ltr');
    this.labels = DISTRIBUTION_LABELS[list.locale];
    this.width = doc.page.width - 2 * MARGIN;
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN - 16;
  }

  private num(value: number): string {
    return formatQuantity(value, this.list.locale);
  }

  /** The x of a box laid out left to right, mirrored in a right-to-left document. */
  private x(ltrX: number, width: number): number {
    return this.rtl ? MARGIN + this.width - (ltrX - MARGIN) - width : ltrX;
  }

  private align(align: Align): Align {
    if (!this.rtl) return align;
    return align === 'left' ? 'right' : 'left';
  }

  /** One line of text in a box of the given width, in the document's direction. */
  private put(value: string, ltrX: number, width: number, style: TextStyle, align: Align = 'left'): void {
    this.text.line(value, this.x(ltrX, width), this.y, { ...style, align: this.align(align), width });
  }

  draw(): void {
    this.header();
    if (this.list.members.length === 0) {
      this.put(this.labels.nothing, MARGIN, this.width, { size: 11, color: INK });
      this.y += 20;
    }
    this.members();
    this.totals();
    this.footers();
  }

  private header(): void {
    const { labels, list } = this;
    this.put(labels.title, MARGIN, this.width, { size: 18, bold: true, color: INK });
    this.y += 26;
    this.put(`${list.consumerGroup.name} · ${formatMonth(list.month, list.locale)}`, MARGIN, this.width, {
      size: 12,
      bold: true,
      color: INK,
    });
    this.y += 18;
    const facts: [string, string][] = [
      [labels.season, list.season],
      [labels.dropPoint, `${list.consumerGroup.dropPoint.name}, ${list.consumerGroup.dropPoint.address}`],
      [labels.recordedOn, formatDay(list.reportedAt, list.locale, list.timeZone)],
    ];
    for (const [label, value] of facts) {
      this.put(`${label}: ${value}`, MARGIN, this.width, { size: SIZE, color: MUTED });
      this.y += SIZE * 1.5;
    }
    this.y += 8;
  }

  private memberColumns(): Column[] {
    const fixed = 140 + 100 + 70 + 45;
    return [
      { width: 140, align: 'left' },
      { width: this.width - fixed, align: 'left' },
      { width: 100, align: 'right' },
      { width: 70, align: 'right' },
      { width: 45, align: 'left' },
    ];
  }

  private band(columns: Column[], cells: Cells): void {
    const style = { size: SIZE - 1.5, bold: true, color: MUTED };
    const height =
      Math.max(...cells.map((cell, i) => this.text.height(cell, columns[i].width - 2 * PAD, style))) +
      2 * PAD;
    this.doc.rect(MARGIN, this.y, this.width, height).fill(BAND);
    let x = MARGIN;
    const top = this.y;
    cells.forEach((cell, i) => {
      this.text.block(cell, this.x(x + PAD, columns[i].width - 2 * PAD), top + PAD, {
        ...style,
        width: columns[i].width - 2 * PAD,
        align: this.align(columns[i].align),
      });
      x += columns[i].width;
    });
    this.y += height;
  }

  /** A row of cells, each wrapped to its column; answers nothing, moves y below the row. */
  private row(columns: Column[], cells: Cells, style: TextStyle, tick = false): void {
    const heights = cells.map((cell, i) => this.text.height(cell, columns[i].width - 2 * PAD, style));
    const height = Math.max(...heights, SIZE * 1.25) + 2 * PAD;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      this.text.block(cell, this.x(x + PAD, columns[i].width - 2 * PAD), this.y + PAD, {
        ...style,
        width: columns[i].width - 2 * PAD,
        align: this.align(columns[i].align),
      });
      x += columns[i].width;
    });
    if (tick) {
      const box = 10;
      const last = columns[columns.length - 1];
      this.doc
        .rect(this.x(x - last.width + PAD, box), this.y + PAD, box, box)
        .lineWidth(0.8)
        .strokeColor(INK)
        .stroke();
    }
    this.y += height;
  }

  private rule(weight = 0.5): void {
    this.doc
      .moveTo(MARGIN, this.y)
      .lineTo(MARGIN + this.width, this.y)
      .lineWidth(weight)
      .strokeColor(RULE)
      .stroke();
  }

  private memberHeader(columns: Column[]): void {
    const { labels } = this;
    this.band(columns, [labels.member, labels.goods, labels.toHandOver, labels.packs, labels.handedOver]);
  }

  private newPage(then: () => void): void {
    this.doc.addPage();
    this.y = MARGIN;
    this.put(
      `${this.labels.title} · ${this.list.consumerGroup.name} · ${formatMonth(this.list.month, this.list.locale)} (${this.labels.continued})`,
      MARGIN,
      this.width,
      { size: SIZE, bold: true, color: MUTED },
    );
    this.y += 18;
    then();
  }

  private goods(line: MemberLine): string {
    const name = `${line.product} · ${line.cooperative}`;
    return line.quantity < line.allocated
      ? `${name} (${this.labels.shortOnArrival} ${this.num(line.allocated)})`
      : name;
  }

  private memberName(member: MemberHandover): string {
    return member.active ? member.name : `${member.name} (${this.labels.left})`;
  }

  private members(): void {
    if (this.list.members.length === 0) return;
    const columns = this.memberColumns();
    this.memberHeader(columns);
    const style = { size: SIZE, color: INK };
    for (const member of this.list.members) {
      // A member's rows stay on one page when they fit on a fresh one.
      const rows = member.lines.length * (SIZE * 1.25 + 2 * PAD);
      if (this.y + Math.min(rows, this.bottom - MARGIN - 60) > this.bottom)
        this.newPage(() => this.memberHeader(columns));
      member.lines.forEach((line, index) => {
        if (this.y + SIZE * 2.5 + 2 * PAD > this.bottom) this.newPage(() => this.memberHeader(columns));
        this.row(
          columns,
          [
            index === 0 ? this.memberName(member) : '',
            this.goods(line),
            `${this.num(line.quantity)} ${line.unit}`,
            formatPacking(line, this.list.locale),
            '',
          ],
          style,
          line.quantity > 0,
        );
      });
      this.rule();
    }
    this.y += 14;
  }

  private totals(): void {
    const { labels, list } = this;
    const fixed = 70 * 4 + 80;
    const columns: Column[] = [
      { width: this.width - fixed, align: 'left' },
      { width: 70, align: 'right' },
      { width: 70, align: 'right' },
      { width: 70, align: 'right' },
      { width: 80, align: 'right' },
      { width: 70, align: 'right' },
    ];
    const header = () =>
      this.band(columns, [
        labels.goods,
        labels.allocated,
        labels.received,
        labels.toHandOver,
        labels.packs,
        labels.surplus,
      ]);
    if (this.y + 80 > this.bottom) this.newPage(() => undefined);
    this.put(labels.totals, MARGIN, this.width, { size: 12, bold: true, color: INK });
    this.y += 18;
    header();
    for (const line of list.totals.lines) {
      if (this.y + SIZE * 2.5 + 2 * PAD > this.bottom) this.newPage(header);
      this.row(
        columns,
        [
          `${line.product} · ${line.cooperative} (${line.unit})`,
          this.num(line.allocated),
          this.num(line.received),
          this.num(line.quantity),
          formatPacking(line, list.locale),
          this.num(line.surplus),
        ],
        { size: SIZE, color: INK },
      );
      this.rule();
    }
    this.y += 6;
    this.put(
      `${labels.members}: ${this.num(list.totals.members)} · ${labels.units}: ${this.num(list.totals.units)}`,
      MARGIN,
      this.width,
      { size: SIZE, bold: true, color: INK },
    );
    this.y += 16;
  }

  private footers(): void {
    const range = this.doc.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      this.doc.switchToPage(range.start + i);
      const y = this.doc.page.height - MARGIN - 8;
      this.text.line(`${this.labels.page} ${i + 1} / ${range.count}`, MARGIN, y, {
        size: 7.5,
        color: MUTED,
        align: this.rtl ? 'left' : 'right',
        width: this.width,
      });
    }
  }
}
