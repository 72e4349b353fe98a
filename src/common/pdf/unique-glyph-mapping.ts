/**
 * pdfkit writes one ToUnicode entry per glyph, the text of the first place the glyph was drawn.
 * Arabic fonts share glyphs between letters: Noto Sans Arabic draws ب ت ث ن ي on one dotless
 * base and adds the dots as marks, so "تعاونية تيغانيمين" read back from the PDF (copy, search,
 * pdftotext, a screen reader) would name the wrong letters. This makes the font write a glyph
 * drawn for different text as a second copy of the glyph in the subset, with its own entry, so
 * that every glyph of the file reads back as the text it was drawn for.
 *
 * fontkit hands pdfkit one shared Glyph object per glyph id, which keeps the text of the first
 * occurrence, so the text each occurrence was drawn for is taken from the shaping engine's own
 * per-occurrence record as it substitutes.
 *
 * It replaces `encode` of one pdfkit EmbeddedFont (pdfkit 0.20, fontkit 2.0, both pinned), whose
 * code it follows; the tests that read PDFs back fail if their internals move.
 */
interface Glyph {
  id: number;
  codePoints: number[];
  advanceWidth: number;
}

interface ShapingEngine {
  glyphInfos: { codePoints: number[] }[] | null;
  substitute(run: unknown): void;
}

interface FontkitFont {
  layout(text: string): unknown;
  _layoutEngine?: { engine?: ShapingEngine };
}

interface GlyphRun {
  glyphs: Glyph[];
  positions: unknown[];
  direction?: string;
}

interface EmbeddedFont {
  font: FontkitFont;
  layoutRun(text: string, features?: unknown): GlyphRun;
  layout(text: string, features?: unknown): { glyphs: Glyph[]; positions: unknown[]; direction?: string };
  encode(text: string, features?: unknown): [string[], unknown[]];
  subset: { glyphs: number[]; includeGlyph(id: number): number };
  unicode: (number[] | undefined)[];
  widths: (number | undefined)[];
  scale: number;
  uniqueGlyphMapping?: Map<string, number>;
}

export function withUniqueGlyphMapping(font: unknown): void {
  const embedded = font as EmbeddedFont;
  if (embedded.uniqueGlyphMapping || typeof embedded.subset?.includeGlyph !== 'function') return;
  const mapping = new Map<string, number>();
  embedded.uniqueGlyphMapping = mapping;
  embedded.font.layout('');
  const engine = embedded.font._layoutEngine?.engine;
  let shaped: number[][] | null = null;
  if (engine && typeof engine.substitute === 'function') {
    const substitute = engine.substitute.bind(engine);
    engine.substitute = (run) => {
      substitute(run);
      shaped = engine.glyphInfos?.map((info) => [...info.codePoints]) ?? null;
    };
  }
  // A document measures and draws the same strings again and again (a cooperative on every
  // line), and pdfkit lays a run out again for each: shape each text once per document. Only
  // runs laid out whole (with `features`, as PdfText asks) come here.
  const runs = new Map<string, { run: GlyphRun; shaped: number[][] | null }>();
  let lastShaped: number[][] | null = null;
  const layoutRun = embedded.layoutRun.bind(embedded);
  embedded.layoutRun = (text, features) => {
    let entry = runs.get(text);
    if (!entry) {
      shaped = null;
      const run = layoutRun(text, features);
      entry = { run, shaped };
      runs.set(text, entry);
    }
    lastShaped = entry.shaped;
    return entry.run;
  };
  const encodings = new Map<string, [string[], unknown[]]>();
  embedded.encode = function encode(text, features) {
    const cached = encodings.get(text);
    if (cached) return cached;
    lastShaped = null;
    const { glyphs, positions, direction } = this.layout(text, features);
    const occurrences: number[][] | null = lastShaped;
    const texts =
      occurrences !== null && (occurrences as number[][]).length === glyphs.length
        ? direction === 'rtl'
          ? [...(occurrences as number[][])].reverse()
          : (occurrences as number[][])
        : glyphs.map((glyph) => glyph.codePoints);
    const encoded = glyphs.map((glyph, index) => {
      const codePoints = texts[index];
      const key = `${glyph.id}:${codePoints.join(',')}`;
      let gid = mapping.get(key);
      if (gid === undefined) {
        gid = this.subset.includeGlyph(glyph.id);
        const mapped = this.unicode[gid];
        if (mapped !== undefined && mapped.join(',') !== codePoints.join(',')) {
          this.subset.glyphs.push(glyph.id);
          gid = this.subset.glyphs.length - 1;
        }
        mapping.set(key, gid);
        this.widths[gid] ??= glyph.advanceWidth * this.scale;
        this.unicode[gid] ??= codePoints;
      }
      return `0000${gid.toString(16)}`.slice(-4);
    });
    const result: [string[], unknown[]] = [encoded, positions];
    encodings.set(text, result);
    return result;
  };
}
