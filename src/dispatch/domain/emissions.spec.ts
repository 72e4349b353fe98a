import fc from 'fast-check';
import { fcParameters } from '../../../test/support/property';
import {
  GRAMS_CO2E_PER_TONNE_KM,
  checkShipmentEmissions,
  co2eKg,
  gramsPerKg,
  shipmentEmissions,
  routeTonneKm,
  tonneKm,
} from './emissions';
import { roundTo3 } from './rounding';
import { TRANSPORT_MODES, type TransportMode } from '../../logistics/domain/transport-modes';

describe('emissions', () => {
  it('computes tonne-km, CO2e and grams per kg by hand', () => {
    // 12.5 t over 800 km = 10,000 t·km.
    expect(tonneKm(12_500, 800)).toBe(10_000);
    expect(co2eKg('road', 10_000)).toBe(1330);
    expect(co2eKg('rail', 10_000)).toBe(350);
    expect(co2eKg('sea', 10_000)).toBe(190);
    expect(co2eKg('air', 10_000)).toBe(12_700);
    expect(gramsPerKg(1070, 12_500)).toBeCloseTo(85.6, 12);
    expect(shipmentEmissions('air', 12_500, 800)).toEqual({
      tonneKm: 10_000,
      co2eKg: 12_700,
      gramsPerKg: 1016,
    });
  });

  it('counts goods on a multi-stop route only until they are unloaded', () => {
    // 1.5 t for the first 100 km, then 0.5 t for 50 km: 150 + 25 = 175 t·km (not 1.5 t × 150 km).
    const legs = [
      { toId: 'a', km: 100 },
      { toId: 'b', km: 50 },
    ];
    expect(
      routeTonneKm(
        legs,
        new Map([
          ['a', 1000],
          ['b', 500],
        ]),
      ),
    ).toBe(175);
    expect(routeTonneKm([{ toId: 'a', km: 800 }], new Map([['a', 12_500]]))).toBe(tonneKm(12_500, 800));
    expect(routeTonneKm([], new Map())).toBe(0);
  });

  it('is 0 per kg when nothing is carried, and rejects negative figures', () => {
    expect(gramsPerKg(0, 0)).toBe(0);
    expect(shipmentEmissions('road', 0, 1000)).toEqual({ tonneKm: 0, co2eKg: 0, gramsPerKg: 0 });
    expect(() => tonneKm(-1, 10)).toThrow(RangeError);
    expect(() => co2eKg('road', Number.NaN)).toThrow(RangeError);
    expect(() => co2eKg('boat' as TransportMode, 1)).toThrow(RangeError);
  });

  it('warns through the charter rule only above the maximum', () => {
    const rules = { maxEmissionsGramsPerKg: 100 };
    expect(checkShipmentEmissions(rules, shipmentEmissions('road', 12_500, 700))).toBeNull();
    // 133 g/t·km × 751.88 km / 1000 = 100.00004 g per kg: just above.
    expect(checkShipmentEmissions(rules, shipmentEmissions('road', 1000, 751.88))).toMatchObject({
      rule: 'TRANSPORT_EMISSIONS',
      severity: 'warning',
      effect: 'none',
    });
    expect(checkShipmentEmissions({}, shipmentEmissions('air', 1, 20_000))).toBeNull();
  });

  it('rounds for display to three decimals, half away from zero', () => {
    expect(roundTo3(1.0005)).toBe(1.001);
    expect(roundTo3(2957.0477914503995)).toBe(2957.048);
    expect(roundTo3(0.0004)).toBe(0);
    expect(roundTo3(-1.0005)).toBe(-1.001);
    expect(roundTo3(85.6)).toBe(85.6);
  });

  const mode = fc.constantFrom<TransportMode>(...TRANSPORT_MODES);
  const kg = fc.integer({ min: 1, max: 40_000_000 }).map((g) => g / 1000);
  const km = fc.integer({ min: 0, max: 20_000_000 }).map((m) => m / 1000);

  it('gives grams per kg = factor × km / 1000, whatever the weight', () => {
    fc.assert(
      fc.property(mode, kg, km, (m, weight, distance) => {
        const { gramsPerKg: perKg } = shipmentEmissions(m, weight, distance);
        const expected = (GRAMS_CO2E_PER_TONNE_KM[m] * distance) / 1000;
        expect(Math.abs(perKg - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, expected));
      }),
      fcParameters(),
    );
  });

  it('never counts more on a route than the whole load over the whole route', () => {
    const route = fc.array(
      fc.tuple(fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 0, max: 2_000_000 })),
      {
        maxLength: 6,
      },
    );
    fc.assert(
      fc.property(route, (stops) => {
        const legs = stops.map(([, metres], i) => ({ toId: `s${i}`, km: metres / 1000 }));
        const unloaded = new Map(stops.map(([grams], i) => [`s${i}`, grams / 1000]));
        const totalKg = stops.reduce((sum, [grams]) => sum + grams, 0) / 1000;
        const totalKm = legs.reduce((sum, leg) => sum + leg.km, 0);
        const tkm = routeTonneKm(legs, unloaded);
        expect(tkm).toBeGreaterThanOrEqual(0);
        expect(tkm).toBeLessThanOrEqual(tonneKm(totalKg, totalKm) * (1 + 1e-12));
      }),
      fcParameters(),
    );
  });

  it('ranks the modes air > road > rail > sea for the same goods and distance', () => {
    fc.assert(
      fc.property(kg, km, (weight, distance) => {
        fc.pre(distance > 0);
        const of = (m: TransportMode) => shipmentEmissions(m, weight, distance).co2eKg;
        expect(of('air')).toBeGreaterThan(of('road'));
        expect(of('road')).toBeGreaterThan(of('rail'));
        expect(of('rail')).toBeGreaterThan(of('sea'));
      }),
      fcParameters(),
    );
  });
});
