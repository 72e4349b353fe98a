import fc from 'fast-check';
import { fcParameters } from '../../../test/support/property';
import { formatMinor } from './money-format';

describe('formatMinor', () => {
  it('writes the currency minor digits', () => {
    expect(formatMinor(12345, 'EUR')).toBe('123.45');
    expect(formatMinor(5, 'EUR')).toBe('0.05');
    expect(formatMinor(0, 'MAD')).toBe('0.00');
    expect(formatMinor(1200, 'JPY')).toBe('1200');
    expect(formatMinor(1, 'TND')).toBe('0.001');
    expect(formatMinor(-250, 'EUR')).toBe('-2.50');
  });

  it('reads back to the same minor units', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('EUR', 'JPY', 'TND'),
        (n, c) => {
          const text = formatMinor(n, c);
          expect(BigInt(text.replace('.', ''))).toBe(BigInt(n));
        },
      ),
      fcParameters(),
    );
  });

  it('refuses an amount that is not a whole number of minor units', () => {
    expect(() => formatMinor(1.5, 'EUR')).toThrow(RangeError);
  });
});
