import fc from 'fast-check';
import { fcParameters } from '../../../test/support/property';
import { greatCircleKm, orderStops, roadDistanceKm, routeKm, type GeoPoint, type RouteStop } from './routing';

// Reference distances on the WGS84 ellipsoid (Vincenty's inverse formula, computed separately);
// a sphere of the mean radius is within 0.5 % of them.
const BRUSSELS = { latitude: 50.8503, longitude: 4.3517 };
const MARRAKECH = { latitude: 31.6295, longitude: -7.9811 };
const PARIS = { latitude: 48.8566, longitude: 2.3522 };
const LONDON = { latitude: 51.5074, longitude: -0.1278 };
const NEW_YORK = { latitude: 40.7128, longitude: -74.006 };

function expectWithin(actual: number, expected: number, relative: number): void {
  expect(Math.abs(actual - expected) / expected).toBeLessThan(relative);
}

describe('greatCircleKm', () => {
  it('matches known city pairs within 1 %', () => {
    expectWithin(greatCircleKm(BRUSSELS, MARRAKECH), 2364.4, 0.01);
    expectWithin(greatCircleKm(PARIS, LONDON), 343.9, 0.01);
    expectWithin(greatCircleKm(LONDON, NEW_YORK), 5585.2, 0.01);
  });

  it('is 0 for a point and itself, symmetric, and half the circumference for antipodes', () => {
    expect(greatCircleKm(BRUSSELS, BRUSSELS)).toBe(0);
    expect(greatCircleKm(BRUSSELS, MARRAKECH)).toBeCloseTo(greatCircleKm(MARRAKECH, BRUSSELS), 9);
    expect(greatCircleKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 })).toBeCloseTo(
      Math.PI * 6371.0088,
      6,
    );
  });

  it('rejects coordinates off the globe', () => {
    expect(() => greatCircleKm({ latitude: 91, longitude: 0 }, BRUSSELS)).toThrow(RangeError);
    expect(() => greatCircleKm(BRUSSELS, { latitude: 0, longitude: Number.NaN })).toThrow(RangeError);
  });

  const point: fc.Arbitrary<GeoPoint> = fc.record({
    latitude: fc.double({ min: -90, max: 90, noNaN: true }),
    longitude: fc.double({ min: -180, max: 180, noNaN: true }),
  });

  it('satisfies the triangle inequality', () => {
    fc.assert(
      fc.property(point, point, point, (a, b, c) => {
        expect(greatCircleKm(a, c)).toBeLessThanOrEqual(greatCircleKm(a, b) + greatCircleKm(b, c) + 1e-6);
      }),
      fcParameters(),
    );
  });

  it('is never more than half the circumference', () => {
    fc.assert(
      fc.property(point, point, (a, b) => {
        const km = greatCircleKm(a, b);
        expect(km).toBeGreaterThanOrEqual(0);
        expect(km).toBeLessThanOrEqual(Math.PI * 6371.0088 + 1e-6);
      }),
      fcParameters(),
    );
  });
});

describe('roadDistanceKm', () => {
  it('is the great circle × 1.25 unless a distance is given', () => {
    expect(roadDistanceKm(BRUSSELS, MARRAKECH)).toBeCloseTo(greatCircleKm(BRUSSELS, MARRAKECH) * 1.25, 9);
    expect(roadDistanceKm(BRUSSELS, MARRAKECH, 2900)).toBe(2900);
    expect(roadDistanceKm(BRUSSELS, MARRAKECH, null)).toBeCloseTo(2957.05, 1);
    expect(() => roadDistanceKm(BRUSSELS, MARRAKECH, -1)).toThrow(RangeError);
  });
});

describe('orderStops', () => {
  // Along the equator one degree is 111.195 km on this sphere.
  const origin = { latitude: 0, longitude: 0 };
  const at = (id: string, longitude: number): RouteStop => ({ id, latitude: 0, longitude });

  it('visits the nearest stop next and sums the legs without a return leg', () => {
    const route = orderStops(origin, [at('far', 3), at('near', 1), at('west', -1.5)]);
    // From 0: near (1°) before west (1.5°); from 1: far (2°) before west (2.5°); then west (4.5°).
    expect(route.order).toEqual(['near', 'far', 'west']);
    const degree = greatCircleKm(origin, at('x', 1)) * 1.25;
    expect(route.legs.map((leg) => [leg.fromId, leg.toId])).toEqual([
      [null, 'near'],
      ['near', 'far'],
      ['far', 'west'],
    ]);
    expect(route.legs[0].km).toBeCloseTo(degree, 9);
    expect(route.legs[1].km).toBeCloseTo(2 * degree, 9);
    expect(route.legs[2].km).toBeCloseTo(4.5 * degree, 9);
    expect(route.routeKm).toBeCloseTo(7.5 * degree, 9);
    expect(routeKm(origin, [at('far', 3), at('near', 1), at('west', -1.5)])).toBe(route.routeKm);
  });

  it('breaks a tie by the smaller id', () => {
    expect(orderStops(origin, [at('b', 1), at('a', -1)]).order).toEqual(['a', 'b']);
  });

  it('uses given distances through the leg function', () => {
    const given: Record<string, number> = { 'origin>x': 10, 'origin>y': 5, 'y>x': 7, 'x>y': 7 };
    const route = orderStops(origin, [at('x', 1), at('y', 2)], (from, to) => {
      const fromId = 'id' in from ? (from as RouteStop).id : 'origin';
      return given[`${fromId}>${to.id}`];
    });
    expect(route.order).toEqual(['y', 'x']);
    expect(route.routeKm).toBe(12);
  });

  it('is empty without stops, and rejects a stop listed twice', () => {
    expect(orderStops(origin, [])).toEqual({ order: [], legs: [], routeKm: 0 });
    expect(() => orderStops(origin, [at('a', 1), at('a', 2)])).toThrow(RangeError);
  });

  const stopsArb = fc.uniqueArray(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      latitude: fc.integer({ min: -60, max: 60 }).map((x) => x / 2),
      longitude: fc.integer({ min: -40, max: 40 }).map((x) => x / 2),
    }),
    { selector: (stop) => stop.id, maxLength: 8 },
  );

  it('visits each stop exactly once, always going to a nearest stop left', () => {
    fc.assert(
      fc.property(stopsArb, (stops) => {
        const route = orderStops(origin, stops);
        expect([...route.order].sort()).toEqual(stops.map((s) => s.id).sort());
        const byId = new Map(stops.map((s) => [s.id, s]));
        let here: GeoPoint = origin;
        route.order.forEach((id, i) => {
          const rest = route.order.slice(i).map((other) => byId.get(other)!);
          const nearest = Math.min(...rest.map((s) => roadDistanceKm(here, s)));
          expect(route.legs[i].km).toBe(nearest);
          here = byId.get(id)!;
        });
        expect(route.routeKm).toBeCloseTo(
          route.legs.reduce((sum, leg) => sum + leg.km, 0),
          9,
        );
      }),
      fcParameters(),
    );
  });

  it('does not depend on the order of the stops', () => {
    const permuted = stopsArb.chain((stops) =>
      fc.tuple(fc.constant(stops), fc.shuffledSubarray(stops, { minLength: stops.length })),
    );
    fc.assert(
      fc.property(permuted, ([stops, shuffled]) => {
        expect(orderStops(origin, shuffled)).toEqual(orderStops(origin, stops));
      }),
      fcParameters(),
    );
  });
});
