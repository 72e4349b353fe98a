// The part of fontkit (pdfkit's font engine, which ships no types) that the PDF text uses.
declare module 'fontkit' {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Buffer): Font;
}
