/**
 * The project's one CSV writer (docs/SECURITY.md, F5): every CSV the API serves goes through
 * toCsv, so that each opens safely in any spreadsheet, whatever delimiter it splits on.
 *
 * - RFC 4180 records ended by CRLF; UTF-8, with a byte-order mark unless asked not to (Excel
 *   reads a file without one in the machine's legacy code page: names come out garbled).
 * - A field holding `,` or `;` (either delimiter: Excel in French or Dutch splits on `;`), a
 *   quote, a tab or a line break is quoted, its quotes doubled.
 * - CSV injection (OWASP): a cell a spreadsheet would run as a formula, because it begins with
 *   `=`, `+`, `-`, `@`, a tab or a carriage return, gets a leading apostrophe, which makes it
 *   text, and is quoted. So does any place inside a cell where a spreadsheet splitting on the
 *   other delimiter would start a cell: right after a `,`, a `;` or a line break, past any
 *   spaces or quotes (a spreadsheet in that mode does not honour quotes that do not open its
 *   own cells, so a quoted `Amandes;=1+1` would still give it a cell `=1+1`). Numbers go
 *   through the same guard: a negative amount would be written `'-5` (none of ours is).
 */
export type CsvCell = string | number | null | undefined;

export interface CsvOptions {
  /** `,` by default. */
  delimiter?: ',' | ';';
  /** Starts the document with U+FEFF; true by default. */
  bom?: boolean;
}

export const CSV_BOM = '\uFEFF';

// A formula character at the start (past spaces and quotes a spreadsheet may skip), or a tab or CR.
const FORMULA_START = /^(?:[\s"]*[=+\-@]|[\t\r])/;
// Where a reader splitting on the other delimiter starts a cell, the spaces and quotes it may
// skip, then a formula character.
const FORMULA_AFTER_DELIMITER = /([,;\r\n][\s"]*)(?=[=+\-@])/g;
const NEEDS_QUOTES = /[",;\t\r\n]/;

function defuse(text: string): string {
  const inner = text.replace(FORMULA_AFTER_DELIMITER, "$1'");
  return FORMULA_START.test(inner) ? `'${inner}` : inner;
}

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  const text = defuse(String(value));
  return NEEDS_QUOTES.test(text) || text !== String(value) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows (the header first) as one CSV document, each row ended by CRLF. */
export function toCsv(rows: readonly (readonly CsvCell[])[], options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const body = rows.map((row) => row.map(csvCell).join(delimiter) + '\r\n').join('');
  return (options.bom ?? true) ? CSV_BOM + body : body;
}
