import { textRuns } from './text-runs';

type Face = 'latin' | 'arabic' | 'tifinagh';
const faceOf = (codePoint: number): Face =>
  codePoint >= 0x600 && codePoint <= 0x6ff
    ? 'arabic'
    : codePoint >= 0x2d30 && codePoint <= 0x2d7f
      ? 'tifinagh'
      : 'latin';
// Every face draws spaces and ASCII punctuation; only latin draws digits.
const draws = (face: Face, codePoint: number) =>
  faceOf(codePoint) === face ||
  (codePoint < 0x80 && !(codePoint >= 0x30 && codePoint <= 0x39)) ||
  face === 'latin';
const runs = (text: string) =>
  textRuns(text, faceOf, draws).map(({ text, face, rtl }) => ({ text, face, rtl }));

describe('textRuns', () => {
  it('keeps a left-to-right line in one run per face', () => {
    expect(runs('Coopérative Ağrı')).toEqual([{ text: 'Coopérative Ağrı', face: 'latin', rtl: false }]);
    expect(runs('ⵜⴰⵎⴰⵣⵉⵖⵜ')).toEqual([{ text: 'ⵜⴰⵎⴰⵣⵉⵖⵜ', face: 'tifinagh', rtl: false }]);
  });

  it('hands an Arabic line to the shaper whole and in logical order', () => {
    expect(textRuns('تعاونية تيغانيمين', faceOf, draws)).toEqual([
      { text: 'تعاونية تيغانيمين', face: 'arabic', rtl: true, shaped: true },
    ]);
  });

  it('puts the Arabic words of a left-to-right line where UAX #9 says, Latin around them', () => {
    const line = runs('Stop 1 · تعاونية تيغانيمين · Łódź');
    expect(line.map((run) => run.text).join('')).toBe('Stop 1 · تعاونية تيغانيمين · Łódź');
    expect(line[0]).toEqual({ text: 'Stop 1 · ', face: 'latin', rtl: false });
    expect(line[1]).toEqual({ text: 'تعاونية تيغانيمين', face: 'arabic', rtl: true });
    // The space between the Arabic and the Latin resolves left to right: it goes with the Latin.
    expect(line[line.length - 1]).toEqual({ text: ' · Łódź', face: 'latin', rtl: false });
  });

  it('orders a right-to-left line from the right: its first word is the rightmost run', () => {
    const line = runs('تعاونية ABC تيغانيمين');
    expect(line.map((run) => run.text.trim()).filter(Boolean)).toEqual(['تيغانيمين', 'ABC', 'تعاونية']);
    expect(line.find((run) => run.text === 'ABC')).toMatchObject({ face: 'latin', rtl: false });
  });

  it('keeps an Arabic name first in a left-to-right document line that starts with it', () => {
    const line = textRuns('تعاونية تيغانيمين, Haouz, MA', faceOf, draws, 'ltr');
    expect(line[0]).toMatchObject({ text: 'تعاونية تيغانيمين', face: 'arabic', rtl: true });
    expect(
      line
        .slice(1)
        .map((run) => run.text)
        .join(''),
    ).toBe(', Haouz, MA');
    // The same line read as a right-to-left paragraph puts the name on the right.
    expect(textRuns('تعاونية تيغانيمين, Haouz, MA', faceOf, draws, 'auto')[0].text).toBe('Haouz, MA');
  });

  it('keeps digits inside Arabic text left to right, in the face that draws them', () => {
    const line = runs('شحنة 2026 رقم');
    // Visual: the last word on the left, the number in the middle, the first word on the right.
    expect(line.map((run) => run.text.trim()).filter(Boolean)).toEqual(['رقم', '2026', 'شحنة']);
    expect(line.find((run) => run.text.includes('2026'))).toMatchObject({ face: 'latin', rtl: false });
  });

  it('mirrors the brackets of a right-to-left run drawn in a face that does not shape it', () => {
    // The brackets around a number inside Arabic text resolve right to left; drawn in the
    // latin face, reversed, each is mirrored so that it still opens towards the number.
    const line = textRuns(
      'شحنة (12) رقم',
      faceOf,
      (face, codePoint) =>
        draws(face, codePoint) &&
        !(face === 'arabic' && codePoint === 0x28) &&
        !(face === 'arabic' && codePoint === 0x29),
    );
    const visual = line.map((run) => run.text).join('');
    expect(visual.indexOf('(')).toBeLessThan(visual.indexOf('12'));
    expect(visual.indexOf(')')).toBeGreaterThan(visual.indexOf('12'));
  });
});
