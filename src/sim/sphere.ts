/** Spherical geometry on a mean-radius Earth: enough for sea lanes, not for survey work. */

export const EARTH_RADIUS_M = 6_371_008.8;
export const NM = 1852;
const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;

export interface LatLon {
  lat: number;
  lon: number;
}

/** Great-circle distance in metres. */
export function distanceM(a: LatLon, b: LatLon): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Initial bearing from a to b, degrees true in [0, 360). */
export function bearingDeg(a: LatLon, b: LatLon): number {
  const φ1 = a.lat * RAD;
  const φ2 = b.lat * RAD;
  const Δλ = (b.lon - a.lon) * RAD;
  const y = Math.sin(Δλ) * Math.cos(φ2);
  const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ);
  return (Math.atan2(y, x) * DEG + 360) % 360;
}

/** The point reached from p going distanceM metres on the given bearing. */
export function destination(p: LatLon, bearing: number, distance: number): LatLon {
  const δ = distance / EARTH_RADIUS_M;
  const θ = bearing * RAD;
  const φ1 = p.lat * RAD;
  const λ1 = p.lon * RAD;
  const φ2 = Math.asin(Math.sin(φ1) * Math.cos(δ) + Math.cos(φ1) * Math.sin(δ) * Math.cos(θ));
  const λ2 = λ1 + Math.atan2(Math.sin(θ) * Math.sin(δ) * Math.cos(φ1), Math.cos(δ) - Math.sin(φ1) * Math.sin(φ2));
  return { lat: φ2 * DEG, lon: ((λ2 * DEG + 540) % 360) - 180 };
}

/** Linear interpolation in degrees: accurate enough for the short legs of a lane. */
export function lerp(a: LatLon, b: LatLon, f: number): LatLon {
  return { lat: a.lat + (b.lat - a.lat) * f, lon: a.lon + (b.lon - a.lon) * f };
}

/** Smallest signed difference b − a between two angles, degrees in (−180, 180]. */
export function angleDiff(a: number, b: number): number {
  let d = (b - a) % 360;
  if (d > 180) d -= 360;
  if (d <= -180) d += 360;
  return d;
}

/** A polyline with cumulative distances, for position-by-distance lookups. */
export class Polyline {
  readonly points: readonly LatLon[];
  readonly cumulative: readonly number[];
  readonly length: number;

  constructor(points: readonly LatLon[]) {
    if (points.length === 0) throw new Error('empty polyline');
    this.points = points;
    const cum = [0];
    for (let i = 1; i < points.length; i++) cum.push((cum[i - 1] ?? 0) + distanceM(points[i - 1], points[i]));
    this.cumulative = cum;
    this.length = cum[cum.length - 1] ?? 0;
  }

  /** Index of the leg containing distance d (binary search). */
  private legAt(d: number): number {
    let lo = 0;
    let hi = this.points.length - 2;
    if (hi < 0) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.cumulative[mid] ?? 0) <= d) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Position and course at distance d along the line (clamped to its ends). */
  at(d: number): { pos: LatLon; course: number } {
    const n = this.points.length;
    if (n === 1) return { pos: this.points[0], course: 0 };
    const dd = Math.max(0, Math.min(this.length, d));
    const i = this.legAt(dd);
    const a = this.points[i];
    const b = this.points[i + 1];
    const legLen = (this.cumulative[i + 1] ?? 0) - (this.cumulative[i] ?? 0);
    const f = legLen > 0 ? (dd - (this.cumulative[i] ?? 0)) / legLen : 0;
    return { pos: lerp(a, b, f), course: bearingDeg(a, b) };
  }

  /** Course at distance d, blended over `blendM` metres around each turn so turns are gradual. */
  courseAt(d: number, blendM: number): { course: number; turning: boolean } {
    const here = this.at(d).course;
    const n = this.points.length;
    if (n < 3) return { course: here, turning: false };
    const i = this.legAt(Math.max(0, Math.min(this.length, d)));
    // Distance to the next and previous vertices.
    const toNext = (this.cumulative[i + 1] ?? this.length) - d;
    const fromPrev = d - (this.cumulative[i] ?? 0);
    if (toNext < blendM && i + 2 < n) {
      const next = bearingDeg(this.points[i + 1], this.points[i + 2]);
      const f = 0.5 * (1 - toNext / blendM);
      const c = (here + angleDiff(here, next) * f + 360) % 360;
      return { course: c, turning: Math.abs(angleDiff(here, next)) > 5 };
    }
    if (fromPrev < blendM && i > 0) {
      const prev = bearingDeg(this.points[i - 1], this.points[i]);
      const f = 0.5 * (1 - fromPrev / blendM);
      const c = (here + angleDiff(here, prev) * f + 360) % 360;
      return { course: c, turning: Math.abs(angleDiff(here, prev)) > 5 };
    }
    return { course: here, turning: false };
  }
}

/** Ray-casting point-in-ring test on lon/lat coordinates ([lon, lat] pairs, GeoJSON order). */
export function inRing(lat: number, lon: number, ring: readonly (readonly [number, number])[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
