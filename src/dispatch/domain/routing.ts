/**
 * Distances and the order of a shipment's stops (dispatch, cycle step 5).
 *
 * Distances are great-circle distances on a sphere of the IUGG mean Earth radius
 * (R = 6371.0088 km), by the haversine formula (atan2 form past a quarter circumference); against the WGS84 ellipsoid this is within about
 * 0.5 %. Road distance is the great circle × 1.25 (a usual detour factor), unless a distance is
 * given for the leg.
 *
 * A route starts at the pickup point and ends at the last stop: there is no return leg, because
 * the vehicle's way back is not the partnership's transport (it may carry other goods, or none)
 * and the charter's emissions are per kg of the goods carried.
 *
 * Stops are visited nearest-next from the pickup point (nearest neighbour): not the shortest
 * route in general, but easy to explain to a driver and to check by hand. Ties (equal distances,
 * compared exactly) go to the smaller stop id, so the order does not depend on the input order.
 * Numbers are not rounded here; round for display only (see roundTo3 in rounding.ts).
 */
import { compareCodeUnits } from '../../common/math/exact-arithmetic';

export const EARTH_MEAN_RADIUS_KM = 6371.0088;
export const ROAD_DETOUR_FACTOR = 1.25;

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

export interface RouteStop extends GeoPoint {
  id: string;
}

/** Distance of one leg in km; `from` is the origin on the first leg. */
export type LegDistance = (from: GeoPoint | RouteStop, to: RouteStop) => number;

export interface RouteLeg {
  /** null on the first leg, which starts at the origin. */
  fromId: string | null;
  toId: string;
  km: number;
}

export interface OrderedRoute {
  /** Stop ids in visiting order. */
  order: string[];
  legs: RouteLeg[];
  /** Σ legs, origin to the last stop, no return leg. */
  routeKm: number;
}

export function greatCircleKm(a: GeoPoint, b: GeoPoint): number {
  assertPoint(a);
  assertPoint(b);
  const toRadians = Math.PI / 180;
  const phi1 = a.latitude * toRadians;
  const phi2 = b.latitude * toRadians;
  const dLambda = (b.longitude - a.longitude) * toRadians;
  const dPhi = phi2 - phi1;
  // The haversine: h = sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2), central angle = 2 asin √h.
  const h = Math.sin(dPhi / 2) ** 2 + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) ** 2;
  if (h <= 0.5) return 2 * EARTH_MEAN_RADIUS_KM * Math.asin(Math.sqrt(h));
  // Beyond a quarter of the circumference asin √h is ill-conditioned (near antipodes it loses
  // ~10 cm, enough to break the triangle inequality), so the same angle is taken as
  // atan2(|u × v|, u · v) of the two unit vectors, accurate everywhere.
  const cross = Math.hypot(
    Math.cos(phi2) * Math.sin(dLambda),
    Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(dLambda),
  );
  const dot = Math.sin(phi1) * Math.sin(phi2) + Math.cos(phi1) * Math.cos(phi2) * Math.cos(dLambda);
  return EARTH_MEAN_RADIUS_KM * Math.atan2(cross, dot);
}

/** The given distance when there is one (≥ 0 km), else great circle × 1.25. */
export function roadDistanceKm(a: GeoPoint, b: GeoPoint, givenKm?: number | null): number {
  if (givenKm !== undefined && givenKm !== null) {
    if (!Number.isFinite(givenKm) || givenKm < 0)
      throw new RangeError(`a distance must be ≥ 0 km, got ${givenKm}`);
    return givenKm;
  }
  return greatCircleKm(a, b) * ROAD_DETOUR_FACTOR;
}

/**
 * Nearest-next order of the stops from the origin, with each leg's distance. `legKm` measures a
 * leg (default: road distance); pass one that looks up given distances by stop id to use them.
 */
export function orderStops(
  origin: GeoPoint,
  stops: readonly RouteStop[],
  legKm: LegDistance = (from, to) => roadDistanceKm(from, to),
): OrderedRoute {
  const ids = new Set<string>();
  for (const stop of stops) {
    if (ids.has(stop.id)) throw new RangeError(`stop "${stop.id}" appears twice`);
    ids.add(stop.id);
  }
  const left = [...stops].sort((x, y) => compareCodeUnits(x.id, y.id));
  const legs: RouteLeg[] = [];
  let here: GeoPoint | RouteStop = origin;
  let hereId: string | null = null;
  let routeKm = 0;
  while (left.length > 0) {
    let nearest = 0;
    let nearestKm = legKm(here, left[0]);
    for (let i = 1; i < left.length; i++) {
      const km = legKm(here, left[i]);
      // Strictly nearer only: `left` is sorted by id, so a tie keeps the smaller id.
      if (km < nearestKm) {
        nearest = i;
        nearestKm = km;
      }
    }
    const [next] = left.splice(nearest, 1);
    legs.push({ fromId: hereId, toId: next.id, km: nearestKm });
    routeKm += nearestKm;
    here = next;
    hereId = next.id;
  }
  return { order: legs.map((leg) => leg.toId), legs, routeKm };
}

/** Length of the nearest-next route from the origin through every stop, without a return leg. */
export function routeKm(origin: GeoPoint, stops: readonly RouteStop[], legKm?: LegDistance): number {
  return orderStops(origin, stops, legKm).routeKm;
}

function assertPoint(point: GeoPoint): void {
  const { latitude, longitude } = point;
  if (!Number.isFinite(latitude) || latitude < -90 || latitude > 90) {
    throw new RangeError(`latitude must be within [-90, 90], got ${latitude}`);
  }
  if (!Number.isFinite(longitude) || longitude < -180 || longitude > 180) {
    throw new RangeError(`longitude must be within [-180, 180], got ${longitude}`);
  }
}
