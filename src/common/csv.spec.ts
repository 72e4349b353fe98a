import { csvCell, toCsv } from './csv';

describe('csv', () => {
  it('quotes fields holding a comma, a quote or a line break, doubling quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('turns a text cell a spreadsheet would run as a formula into text', () => {
    for (const text of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])
      expect(csvCell(text).includes(`'`)).toBe(true);
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvCell(-5)).toBe('-5');
  });

  it('writes empty cells for null and undefined, and CRLF after every row', () => {
    expect(
      toCsv([
        ['a', null, 1],
        [undefined, 'b', 2.5],
      ]),
    ).toBe('a,,1\r\n,b,2.5\r\n');
  });
});
