import fc from 'fast-check';
import { fcParameters } from '../../../test/support/property';
import { validate } from 'class-validator';
import { decimalPlaces, MaxDecimalPlaces } from './decimal-places';

class Sample {
  @MaxDecimalPlaces(4) share!: number;
}

describe('decimalPlaces', () => {
  it('counts the places of plain and exponent notations', () => {
    expect([0, 12, 0.5, 1.25, -0.1234, 1e-7, 1.5e-7, 2e21, 5e-324, -5e-324].map(decimalPlaces)).toEqual([
      0, 0, 1, 2, 4, 7, 8, 0, 324, 324,
    ]);
  });

  it('gives exactly the places needed to write any double back', () => {
    const doubles = fc
      .double({ noNaN: true, noDefaultInfinity: true })
      .filter((v) => decimalPlaces(v) <= 100);
    fc.assert(
      fc.property(doubles, (value) => {
        const places = decimalPlaces(value);
        expect(Number(value.toFixed(places)) === value).toBe(true);
        if (places > 0) expect(Number(value.toFixed(places - 1)) === value).toBe(false);
      }),
      fcParameters(),
    );
  });
});

describe('MaxDecimalPlaces', () => {
  it('refuses too many places, without throwing on exponent notation', async () => {
    const check = async (share: unknown) => (await validate(Object.assign(new Sample(), { share }))).length;
    expect(await check(0.1234)).toBe(0);
    expect(await check(0.12345)).toBe(1);
    expect(await check(5e-324)).toBe(1);
    expect(await check(-5e-324)).toBe(1);
    expect(await check(1e-4)).toBe(0);
    expect(await check('x')).toBe(0);
  });
});
