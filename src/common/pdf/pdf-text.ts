import { covers, FACES, fontBytes, fontName, type Face, type Weight } from './fonts';
import { textRuns } from './text-runs';
import { withUniqueGlyphMapping } from './unique-glyph-mapping';

/**
 * Text in any script on a pdfkit document, one line or wrapped, measured and drawn the same way.
 *
 * A string that Helvetica draws (every character in WinAnsi, which covers English, French,
 * German, Spanish…) is drawn in the standard Helvetica, which a PDF does not embed: a document in
 * those languages stays as small and as fast as with pdfkit's defaults. Any other string is drawn
 * in Noto Sans, cut into runs by script and by direction (text-runs.ts): each run in the Noto
 * face that has its glyphs (Latin, Latin Extended, Arabic, Tifinagh), Arabic shaped by the font
 * engine, right-to-left runs ordered by the Unicode bidirectional algorithm, line by line. A face
 * is embedded (as a subset of the glyphs drawn) only by the documents that draw with it.
 *
 * Positions are the top-left of the line, as pdfkit's `text(x, y)`; every run of a line sits on
 * one baseline, Helvetica's (ascent 0.718 em below the top), whatever face draws it.
 */
export interface TextStyle {
  size: number;
  bold?: boolean;
  color?: string;
}

export type Align = 'left' | 'right';

interface DrawnRun {
  text: string;
  font: string;
  embedded: boolean;
}

const HELVETICA: Record<Weight, string> = { regular: 'Helvetica', bold: 'Helvetica-Bold' };
const HELVETICA_ASCENT = 0.718;
/** Line advance of wrapped text, in ems: room for Arabic marks above and below. */
export const LINE_HEIGHT = 1.25;

/** The characters of Windows-1252's 0x80–0x9F block, which are not at their Unicode code points. */
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Whether Helvetica (the standard fonts' WinAnsi encoding) draws every character of the text. */
export function isWinAnsi(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (!((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(char)))
      return false;
  }
  return true;
}

/** Stand-ins for characters that no face draws, rather than an empty box. */
const LOOKALIKES: Record<string, string> = {
  '\u2192': '->',
  '\u2190': '<-',
  '\u2194': '<->',
  '\u2032': "'",
  '\u2033': '"',
};

function drawable(line: string): string {
  let out = '';
  for (const char of line) {
    const codePoint = char.codePointAt(0)!;
    out +=
      LOOKALIKES[char] !== undefined && !FACES.some((face) => covers(face, codePoint))
        ? LOOKALIKES[char]
        : char;
  }
  return out;
}

function faceOf(codePoint: number): Face {
  return FACES.find((face) => covers(face, codePoint)) ?? 'latin';
}

export class PdfText {
  private readonly registered = new Set<string>();
  private readonly runCache = new Map<string, DrawnRun[]>();
  /** Width of a run at 1 pt: laying a run out (shaping it) costs more than anything else here. */
  private readonly advanceCache = new Map<string, number>();

  /**
   * `direction` is the document's: a line of an English or French document is a left-to-right
   * paragraph even when it starts with an Arabic name.
   */
  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly direction: 'ltr' | 'rtl' = 'ltr',
  ) {}

  /** The runs of one line, left to right, each with the pdfkit font that draws it. */
  private runs(line: string, weight: Weight): DrawnRun[] {
    const key = `${weight}\u0000${line}`;
    let runs = this.runCache.get(key);
    if (!runs) {
      runs = isWinAnsi(line)
        ? [{ text: line, font: HELVETICA[weight], embedded: false }]
        : textRuns(drawable(line), faceOf, covers, this.direction).map((run) => ({
            text: run.text,
            font: this.register(run.face, weight),
            embedded: true,
          }));
      this.runCache.set(key, runs);
    }
    return runs;
  }

  private register(face: Face, weight: Weight): string {
    const name = fontName(face, weight);
    if (!this.registered.has(name)) {
      this.doc.registerFont(name, fontBytes(face, weight));
      this.registered.add(name);
    }
    return name;
  }

  private use(run: DrawnRun, size: number): void {
    this.doc.font(run.font).fontSize(size);
    if (run.embedded) withUniqueGlyphMapping((this.doc as unknown as { _font: unknown })._font);
  }

  private runWidth(run: DrawnRun, size: number): number {
    const key = `${run.font}\u0000${run.text}`;
    let advance = this.advanceCache.get(key);
    if (advance === undefined) {
      this.use(run, 1);
      // `features` makes pdfkit lay the run out whole: word by word it would shape each Arabic
      // word alone and keep the words in logical order.
      advance = this.doc.widthOfString(run.text, run.embedded ? { features: [] } : {});
      this.advanceCache.set(key, advance);
    }
    return advance * size;
  }

  /** Width in points of one line of text. */
  width(text: string, style: TextStyle): number {
    const weight: Weight = style.bold ? 'bold' : 'regular';
    return this.runs(text.normalize('NFC'), weight).reduce(
      (sum, run) => sum + this.runWidth(run, style.size),
      0,
    );
  }

  /**
   * Draws one line with its top-left at (x, y), or its top-right at (x + width, y) when aligned
   * right; no wrapping, no page break.
   */
  line(text: string, x: number, y: number, style: TextStyle & { align?: Align; width?: number }): void {
    const weight: Weight = style.bold ? 'bold' : 'regular';
    const runs = this.runs(text.normalize('NFC'), weight);
    const widths = runs.map((run) => this.runWidth(run, style.size));
    const total = widths.reduce((sum, width) => sum + width, 0);
    let cursor = style.align === 'right' && style.width !== undefined ? x + style.width - total : x;
    const baseline = y + HELVETICA_ASCENT * style.size;
    runs.forEach((run, index) => {
      this.use(run, style.size);
      this.doc.fillColor(style.color ?? '#000000').text(run.text, cursor, baseline, {
        lineBreak: false,
        baseline: 'alphabetic',
        ...(run.embedded ? { features: [] } : {}),
      });
      cursor += widths[index];
    });
  }

  /** The text cut into lines no wider than `width` at spaces (a word longer than a line is cut). */
  wrap(text: string, width: number, style: TextStyle): string[] {
    const lines: string[] = [];
    for (const paragraph of text.normalize('NFC').split('\n')) {
      let current = '';
      for (const word of paragraph.split(/ +/)) {
        const candidate = current === '' ? word : `${current} ${word}`;
        if (this.width(candidate, style) <= width) {
          current = candidate;
          continue;
        }
        if (current !== '') lines.push(current);
        current = word;
        while (current.length > 1 && this.width(current, style) > width) {
          let cut = current.length - 1;
          while (cut > 1 && this.width(current.slice(0, cut), style) > width) cut--;
          lines.push(current.slice(0, cut));
          current = current.slice(cut);
        }
      }
      lines.push(current);
    }
    return lines;
  }

  /** Height of the text wrapped to `width`. */
  height(text: string, width: number, style: TextStyle): number {
    return this.wrap(text, width, style).length * LINE_HEIGHT * style.size;
  }

  /** Draws the text wrapped to `width` from (x, y) down; answers the height it took. */
  block(text: string, x: number, y: number, style: TextStyle & { width: number; align?: Align }): number {
    const lines = this.wrap(text, style.width, style);
    lines.forEach((line, index) => this.line(line, x, y + index * LINE_HEIGHT * style.size, style));
    return lines.length * LINE_HEIGHT * style.size;
  }
}

const writers = new WeakMap<PDFKit.PDFDocument, PdfText>();

/** The document's one PdfText (its fonts registered once, its runs measured once). */
export function pdfText(doc: PDFKit.PDFDocument): PdfText {
  let writer = writers.get(doc);
  if (!writer) {
    writer = new PdfText(doc);
    writers.set(doc, writer);
  }
  return writer;
}

/**
 * Draws text in any script onto a pdfkit document at (x, y), wrapped to `width` when given;
 * answers the height it took.
 */
export function writeText(
  doc: PDFKit.PDFDocument,
  text: string,
  options: TextStyle & { x: number; y: number; width?: number; align?: Align },
): number {
  const writer = pdfText(doc);
  if (options.width === undefined) {
    writer.line(text, options.x, options.y, options);
    return LINE_HEIGHT * options.size;
  }
  return writer.block(text, options.x, options.y, { ...options, width: options.width });
}
