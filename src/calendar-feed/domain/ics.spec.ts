import { foldLine, renderCalendar } from './ics';

describe('renderCalendar', () => {
  const now = new Date('2030-01-01T08:00:00Z');

  it('writes instants in UTC and whole days as dates ending the next day, with CRLF', () => {
    const text = renderCalendar(
      'Deadlines',
      [
        { uid: 'a@proxima', summary: 'Pledges close', at: new Date('2030-01-10T23:00:00Z') },
        { uid: 'b@proxima', summary: 'Loading', date: '2030-02-28' },
      ],
      now,
    );
    expect(text).toContain('DTSTART:20300110T230000Z\r\n');
    expect(text).toContain('DTSTART;VALUE=DATE:20300228\r\nDTEND;VALUE=DATE:20300301\r\n');
    expect(text).toContain('DTSTAMP:20300101T080000Z');
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('escapes text and folds long lines without cutting a character', () => {
    const text = renderCalendar(
      'x',
      [{ uid: 'c', summary: 'Huile d’argan; 1 l, Aït Ourir\nتعاونية '.repeat(4), date: '2030-01-01' }],
      now,
    );
    expect(text).toContain('\\;');
    expect(text).toContain('\\,');
    expect(text).toContain('\\n');
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain('تعاونية');
  });

  it('folds at 75 octets and leaves short lines alone', () => {
    expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short');
    const folded = foldLine('X'.repeat(200));
    expect(folded.split('\r\n ').map((l) => l.length)).toEqual([75, 74, 51]);
  });
});
