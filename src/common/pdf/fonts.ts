import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
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

/**
 * A WOFF 1.0 file as the TrueType/OpenType font it wraps (W3C WOFF File Format 1.0, §4–5): each
 * table inflated with the native zlib. Given WOFF, fontkit would inflate every table in
 * JavaScript again for every document.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) return woff; // not 'wOFF': already a font
  const flavor = woff.readUInt32BE(4);
  const count = woff.readUInt16BE(12);
  const tables = Array.from({ length: count }, (_, index) => {
    const entry = 44 + index * 20;
    const offset = woff.readUInt32BE(entry + 4);
    const compressed = woff.readUInt32BE(entry + 8);
    const length = woff.readUInt32BE(entry + 12);
    const raw = woff.subarray(offset, offset + compressed);
    return {
      tag: woff.readUInt32BE(entry),
      checksum: woff.readUInt32BE(entry + 16),
      data: compressed < length ? inflateSync(raw) : raw,
    };
  });
  const power = 2 ** Math.floor(Math.log2(count));
  const header = Buffer.alloc(12 + 16 * count);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(count, 4);
  header.writeUInt16BE(power * 16, 6);
  header.writeUInt16BE(Math.log2(power), 8);
  header.writeUInt16BE(count * 16 - power * 16, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((table, index) => {
    const entry = 12 + index * 16;
    header.writeUInt32BE(table.tag, entry);
    header.writeUInt32BE(table.checksum, entry + 4);
    header.writeUInt32BE(offset, entry + 8);
    header.writeUInt32BE(table.data.length, entry + 12);
    const padded = Buffer.alloc((table.data.length + 3) & ~3);
    table.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

/** The font, unwrapped from its WOFF file once per process (a PDF document parses it itself). */
export function fontBytes(face: Face, weight: Weight): Buffer {
  const path = resolve(FILES[face][weight]);
  let data = bytes.get(path);
  if (!data) {
    data = woffToSfnt(readFileSync(path));
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
