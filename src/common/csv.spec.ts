import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { fcParameters } from '../../test/support/property';
import { CSV_BOM, csvCell, toCsv, type CsvCell } from './csv';

const FORMULA = /^[=+\-@\t\r]/;
// A cell a spreadsheet reading the other delimiter may start, past spaces and quotes it skips.
const FORMULA_PAST_SPACES = /^[\s"]*[=+\-@]/;

/** What the writer's guard added, taken off again (the generated cells hold no apostrophe). */
const undefuse = (text: string) =>
  text.replace(/^'(?=[\s"]*[=+\-@]|[\t\r])/, '').replace(/([,;\r\n][\s"]*)'(?=[=+\-@])/g, '$1');

/** Every cell of the document as a spreadsheet splitting on `delimiter` would read it. */
function cellsAs(csv: string, delimiter: ',' | ';'): string[] {
  // relax_quotes: a quote that does not open a cell is text, as in Excel reading the other delimiter.
  const records: string[][] = parse(csv, {
    bom: true,
    delimiter,
    relax_quotes: true,
    relax_column_count: true,
  });
  return records.flat();
}

describe('csv', () => {
  it('quotes fields holding either delimiter, a quote, a tab or a line break, doubling quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('turns a cell a spreadsheet would run as a formula into quoted text', () => {
    for (const text of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])
      expect(csvCell(text)).toBe(`"'${text}"`);
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvCell(-5)).toBe(`"'-5"`);
    expect(csvCell(12.5)).toBe('12.5');
  });

  it('guards the text after a delimiter inside a cell too (Amandes;=1+1)', () => {
    expect(csvCell('Amandes;=1+1')).toBe(`"Amandes;'=1+1"`);
    expect(csvCell('Amandes, @x')).toBe(`"Amandes, '@x"`);
    for (const delimiter of [',', ';'] as const)
      expect(cellsAs(toCsv([['id', 'Amandes;=1+1', 'x,+1']], { delimiter }), ';')).not.toContainEqual(
        expect.stringMatching(FORMULA_PAST_SPACES),
      );
  });

  it('starts with a byte-order mark unless asked not to; empty cells for null; CRLF after every row', () => {
    const rows: CsvCell[][] = [
      ['a', null, 1],
      [undefined, 'b', 2.5],
    ];
    expect(toCsv(rows)).toBe(`${CSV_BOM}a,,1\r\n,b,2.5\r\n`);
    expect(toCsv(rows, { bom: false })).toBe('a,,1\r\n,b,2.5\r\n');
    expect(toCsv(rows, { bom: false, delimiter: ';' })).toBe('a;;1\r\n;b;2.5\r\n');
  });

  const rowsOf = (units: string[]) =>
    fc.array(
      fc.array(fc.oneof(fc.string({ unit: fc.constantFrom(...units) }), fc.integer()), {
        minLength: 1,
        maxLength: 5,
      }),
      { minLength: 1, maxLength: 5 },
    );
  const TEXT = ['=', '+', '-', '@', '\t', ',', ';', '"', ' ', 'a', 'é'];

  it('reads back as written under its own delimiter, with no cell a formula', () => {
    fc.assert(
      fc.property(
        rowsOf([...TEXT, '\r', '\n']),
        fc.constantFrom(',' as const, ';' as const),
        (rows, delimiter) => {
          const back: string[][] = parse(toCsv(rows, { delimiter }), {
            bom: true,
            delimiter,
            relax_column_count: true,
          });
          expect(back.flat().filter((text) => FORMULA.test(text))).toEqual([]);
          expect(back.map((row) => row.map(undefuse))).toEqual(rows.map((row) => row.map(String)));
        },
      ),
      fcParameters({ numRuns: 300 }),
    );
  });

  // The strongest reading: a cell starts after every `,`, `;` and line break, quotes or not (what
  // a spreadsheet splitting on the other delimiter may do); the first characters of every such
  // piece, past spaces and quotes, are no formula.
  it('shows no formula wherever a reader splitting on any delimiter may start a cell', () => {
    fc.assert(
      fc.property(
        rowsOf([...TEXT, '\r', '\n']),
        fc.constantFrom(',' as const, ';' as const),
        (rows, delimiter) => {
          const pieces = toCsv(rows, { delimiter, bom: false }).split(/[,;\r\n]/);
          expect(pieces.filter((text) => FORMULA_PAST_SPACES.test(text))).toEqual([]);
        },
      ),
      fcParameters({ numRuns: 300 }),
    );
  });
});
