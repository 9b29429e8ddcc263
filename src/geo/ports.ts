/**
 * Ports indexed by their centres (a sorted grid over lon/lat): which port areas contain a point,
 * best match first, and the nearest port within a distance. Antimeridian-safe: boxes that cross
 * ±180° are split into two queries.
 */
import type { Port } from './types.js';
import { METRES_PER_DEGREE, boxDLon, haversineM, wrapLon } from './distance.js';

/**
 * Score of a port for a point inside its area: distance over radius (0 at the centre, 1 at the
 * edge); lower is a better match. Equal scores go to the port listed first.
 */
export function portMatchScore(port: Port, distanceM: number): number {
  return distanceM / port.radius_m;
}

/** Metres per degree of latitude, a hair low: |Δlat| × this is below every haversine distance. */
const LAT_BOUND = METRES_PER_DEGREE * (1 - 1e-9);

/** Cell size of the centre grid, degrees. */
const CELL_DEG = 0.25;
const COLS = 360 / CELL_DEG;
const ROWS = 180 / CELL_DEG;

const rowOf = (y: number): number => {
  const r = Math.floor((y + 90) / CELL_DEG);
  return r < 0 ? 0 : r >= ROWS ? ROWS - 1 : r;
};
const colOf = (x: number): number => {
  const c = Math.floor((x + 180) / CELL_DEG);
  return c < 0 ? 0 : c >= COLS ? COLS - 1 : c;
};

export class PortIndex {
  readonly ports: readonly Port[];
  private readonly maxRadiusM: number;
  /** near's answer: port indices ids[0 .. nIds) (a reused buffer, no array per lookup). */
  private ids = new Int32Array(64);
  private nIds = 0;
  /** Centre of port i: xs[i] = its wrapped longitude, ys[i] = its latitude. */
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  /** Port indices sorted by grid cell (row × COLS + column), then index; keys[k] = cell of order[k]. */
  private readonly order: Int32Array;
  private readonly keys: Float64Array;
  /** portsAt's hits while it sorts them: port index and score. */
  private hitIds = new Int32Array(16);
  private hitScores = new Float64Array(16);

  constructor(ports: readonly Port[]) {
    this.ports = ports;
    const n = ports.length;
    this.xs = new Float64Array(n);
    this.ys = new Float64Array(n);
    let maxR = 0;
    const cellOf = new Float64Array(n);
    const order: number[] = [];
    for (let i = 0; i < n; i++) {
      const p = ports[i];
      const x = wrapLon(p.lon), y = p.lat;
      this.xs[i] = x;
      this.ys[i] = y;
      if (p.radius_m > maxR) maxR = p.radius_m;
      // A centre with no finite position is in no box: it is not indexed.
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      cellOf[i] = rowOf(y) * COLS + colOf(x);
      order.push(i);
    }
    order.sort((a, b) => cellOf[a] - cellOf[b] || a - b);
    this.order = Int32Array.from(order);
    this.keys = Float64Array.from(order, (i) => cellOf[i]);
    this.maxRadiusM = maxR;
  }

  /** Append the ports whose centres lie in [x0, x1] × [y0, y1] (bounds included) to `ids`. */
  private range(x0: number, y0: number, x1: number, y1: number): void {
    if (!(x0 <= x1 && y0 <= y1)) return;
    const { keys, order, xs, ys } = this;
    const c0 = colOf(x0), c1 = colOf(x1);
    const r1 = rowOf(y1);
    for (let r = rowOf(y0); r <= r1; r++) {
      // First entry at or after cell (r, c0): a binary search over the sorted cells.
      const from = r * COLS + c0, to = r * COLS + c1;
      let lo = 0, hi = keys.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (keys[mid] < from) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo; k < keys.length && keys[k] <= to; k++) {
        const i = order[k];
        const x = xs[i], y = ys[i];
        if (x >= x0 && x <= x1 && y >= y0 && y <= y1) {
          if (this.nIds === this.ids.length) {
            const grown = new Int32Array(this.ids.length * 2);
            grown.set(this.ids);
            this.ids = grown;
          }
          this.ids[this.nIds++] = i;
        }
      }
    }
  }

  /**
   * Indices of ports whose centres fall in the box around (lat, lon) of half-size radiusM: how
   * many, in ids[0 .. n).
   */
  private near(lat: number, lon: number, radiusM: number): number {
    this.nIds = 0;
    if (this.ports.length === 0) return 0;
    const dLat = radiusM / METRES_PER_DEGREE;
    const dLon = boxDLon(lat, dLat);
    const x = wrapLon(lon);
    const y0 = lat - dLat, y1 = lat + dLat;
    if (dLon >= 180) {
      this.range(-180, y0, 180, y1);
      return this.nIds;
    }
    const x0 = x - dLon, x1 = x + dLon;
    this.range(Math.max(-180, x0), y0, Math.min(180, x1), y1);
    if (x0 < -180) this.range(x0 + 360, y0, 180, y1);
    if (x1 > 180) this.range(-180, y0, x1 - 360, y1);
    return this.nIds;
  }

  /** Ports whose circle contains the point, best match (smallest distance/radius) first. */
  portsAt(lat: number, lon: number): Port[] {
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || this.maxRadiusM === 0) return [];
    const nIds = this.near(lat, lon, this.maxRadiusM);
    if (nIds === 0) return [];
    const ids = this.ids;
    // Hits kept sorted as found (insertion sort; a few per query) in reused arrays: no objects per hit.
    if (this.hitIds.length < nIds) {
      this.hitIds = new Int32Array(nIds * 2);
      this.hitScores = new Float64Array(nIds * 2);
    }
    const hitIds = this.hitIds, hitScores = this.hitScores;
    let n = 0;
    for (let k = 0; k < nIds; k++) {
      const i = ids[k];
      const p = this.ports[i];
      // Cheap reject first: the latitude gap alone already exceeds the radius.
      if (Math.abs(p.lat - lat) * METRES_PER_DEGREE > p.radius_m) continue;
      const d = haversineM(lat, lon, p.lat, p.lon);
      if (d > p.radius_m) continue;
      const score = portMatchScore(p, d);
      // Ties (equal score) go to the earlier definition: user files and curated lists come first.
      let j = n;
      while (j > 0 && (hitScores[j - 1] - score || hitIds[j - 1] - i) > 0) {
        hitScores[j] = hitScores[j - 1];
        hitIds[j] = hitIds[j - 1];
        j--;
      }
      hitScores[j] = score;
      hitIds[j] = i;
      n++;
    }
    const out: Port[] = [];
    for (let k = 0; k < n; k++) out.push(this.ports[hitIds[k]]);
    return out;
  }

  /** Nearest port centre within maxDistanceM, with its distance in metres. */
  nearestPort(lat: number, lon: number, maxDistanceM: number): { port: Port; distance_m: number } | undefined {
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || !(maxDistanceM >= 0)) return undefined;
    // Grow the search box: the first box holding a port within its radius holds the nearest.
    let r = Math.min(maxDistanceM, 20_000);
    while (true) {
      let best: Port | undefined;
      let bestD = Infinity;
      let bestI = Infinity;
      const nIds = this.near(lat, lon, r);
      const ids = this.ids;
      for (let k = 0; k < nIds; k++) {
        const i = ids[k];
        const p = this.ports[i];
        // A great-circle distance is at least the latitude difference: a port farther than that
        // from the best so far (or the radius) cannot win (slack far above rounding).
        if (Math.abs(p.lat - lat) * LAT_BOUND > (bestD < r ? bestD : r)) continue;
        const d = haversineM(lat, lon, p.lat, p.lon);
        if (d <= r && (d < bestD || (d === bestD && i < bestI))) { best = p; bestD = d; bestI = i; }
      }
      if (best) return { port: best, distance_m: bestD };
      if (r >= maxDistanceM) return undefined;
      r = Math.min(maxDistanceM, r * 4);
    }
  }
}
