/**
 * CSV (RFC 4180) that a spreadsheet opens safely: CRLF line endings; a field holding a comma, a
 * quote or a line break is quoted, its quotes doubled; a text cell that a spreadsheet would run
 * as a formula (CSV injection: it starts with = + - @, a tab or a carriage return) gets a leading
 * apostrophe, which makes it text. Numbers are written plainly and never guarded: a negative
 * number is data, not a formula.
 */
export type CsvCell = string | number | null | undefined;

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  return quote(defuse(value));
}

/** Rows (the header first) as one CSV document, each row ended by CRLF. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}
