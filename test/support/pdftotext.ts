import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Bidi controls poppler puts around right-to-left text it extracts (RLE/LRE … PDF, marks, isolates). */
const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export interface PdfWord {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
}

async function withFile<T>(pdf: Buffer, use: (path: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'pdftotext-'));
  try {
    const path = join(dir, 'document.pdf');
    await writeFile(path, pdf);
    return await use(path, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The PDF's text as poppler's `pdftotext -layout` reads it (copy and paste, search), lines of each page. */
export function pdfToText(pdf: Buffer): Promise<string> {
  return withFile(pdf, async (path) => {
    const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout.replace(BIDI_CONTROLS, '');
  });
}

/** Every word with its page and position (points from the top-left), from `pdftotext -bbox`. */
export function pdfWords(pdf: Buffer): Promise<PdfWord[]> {
  return withFile(pdf, async (path, dir) => {
    const out = join(dir, 'words.html');
    await run('pdftotext', ['-bbox', '-enc', 'UTF-8', path, out], { maxBuffer: 64 * 1024 * 1024 });
    const html = await readFile(out, 'utf8');
    const words: PdfWord[] = [];
    let page = 0;
    for (const match of html.matchAll(/<page |<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)) {
      if (match[0] === '<page ') {
        page++;
        continue;
      }
      const text = match[3]
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(BIDI_CONTROLS, '');
      words.push({ page, text, xMin: Number(match[1]), yMin: Number(match[2]) });
    }
    return words;
  });
}

/** Text with runs of white space made one space, for comparing extracted lines with names. */
export function squash(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}
