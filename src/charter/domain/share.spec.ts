import fc from 'fast-check';
import { fcParameters } from '../../../test/support/property';
import { formatShare, toTenThousandths } from './share';

describe('toTenThousandths', () => {
  it('reads four-decimal shares exactly', () => {
    expect(toTenThousandths(0.29, 's')).toBe(2900); // 0.29 × 100 is 28.999999999999996
    expect(toTenThousandths(0.3333, 's')).toBe(3333);
    expect(toTenThousandths(1, 's')).toBe(10000);
    expect(toTenThousandths(0.12345, 's')).toBe(1235);
  });

  it('rejects shares outside 0..1', () => {
    expect(() => toTenThousandths(-0.1, 's')).toThrow(RangeError);
    expect(() => toTenThousandths(1.01, 's')).toThrow(RangeError);
    expect(() => toTenThousandths(NaN, 's')).toThrow(RangeError);
  });

  it('round-trips every four-decimal share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10000 }), (n) => {
        expect(toTenThousandths(n / 10000, 's')).toBe(n);
      }),
      fcParameters({ numRuns: 1000 }),
    );
  });

  it('formats as a percentage', () => {
    expect(formatShare(3333)).toBe('33.33%');
    expect(formatShare(2900)).toBe('29%');
  });
});
