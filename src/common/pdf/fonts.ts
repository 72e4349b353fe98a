import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as fontkit from 'fontkit';

/**
 * The fonts a PDF may embed, all Noto (SIL Open Font License 1.1, see docs/PAPERWORK.md), from
 * the @fontsource packages, which cut each family into per-script WOFF files: Latin and Latin
 * Extended (diacritics: ğ, ł, ź, ș…), Arabic, Tifinagh. Text that the standard Helvetica draws
 * (WinAnsi) is drawn in Helvetica and embeds nothing.
 */
export type Face = 'latin' | 'latin-ext' | 'arabic' | 'tifinagh';
export type Weight = 'regular' | 'bold';

/** In the order a character looks for a face that has its glyph. */
export const FACES: readonly Face[] = ['latin', 'latin-ext', 'arabic', 'tifinagh'];

const FILES: Record<Face, Record<Weight, string>> = {
  latin: {
    regular: '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff',
    bold: '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff',
  },
  'latin-ext': {
    regular: '@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff',
    bold: '@fontsource/noto-sans/files/noto-sans-latin-ext-700-normal.woff',
  },
  arabic: {
    regular: '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff',
    bold: '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-700-normal.woff',
  },
  // Noto Sans Tifinagh has one weight: bold Tifinagh is drawn regular.
  tifinagh: {
    regular: '@fontsource/noto-sans-tifinagh/files/noto-sans-tifinagh-tifinagh-400-normal.woff',
    bold: '@fontsource/noto-sans-tifinagh/files/noto-sans-tifinagh-tifinagh-400-normal.woff',
  },
};

// The compiled code is CommonJS and resolves from this file; jest runs the sources as ES modules,
// without __filename, from the repository's root.
const resolve = createRequire(
  typeof __filename === 'string' ? __filename : join(process.cwd(), 'package.json'),
).resolve;

const bytes = new Map<string, Buffer>();
const coverage = new Map<Face, fontkit.Font>();

/** The font file's bytes, read once per process (a PDF document parses them again itself). */
export function fontBytes(face: Face, weight: Weight): Buffer {
  const path = resolve(FILES[face][weight]);
  let data = bytes.get(path);
  if (!data) {
    data = readFileSync(path);
    bytes.set(path, data);
  }
  return data;
}

/** pdfkit's name for the face, registered on each document that uses it. */
export function fontName(face: Face, weight: Weight): string {
  return `noto-${face}-${weight}`;
}

/** Whether the face (its regular weight; the bold files cover the same characters) draws the code point. */
export function covers(face: Face, codePoint: number): boolean {
  let font = coverage.get(face);
  if (!font) {
    font = fontkit.create(fontBytes(face, 'regular'));
    coverage.set(face, font);
  }
  return font.hasGlyphForCodePoint(codePoint);
}
