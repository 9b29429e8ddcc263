/**
 * Land mask and distance to shore over land polygons (Natural Earth in the bundle), answered
 * from a global 0.25° edge grid: on-land is one cell's edges, distance to shore searches the
 * cells around the point in growing boxes until no closer edge can exist.
 */
import { EdgeGrid, type FlatRings } from './edge-grid.js';
import { METRES_PER_DEGREE, deltaLon, haversineM, wrapLon } from './distance.js';

/** Land as the bundle stores it: integer coordinates (units per degree), each ring delta-encoded. */
export interface PackedLand {
  format: 'lookout-land/1';
  /** Coordinate units per degree (10000 = 1e-4°). */
  scale: number;
  /** Ring k: [x0, y0, dx1, dy1, …] in units; x is longitude. */
  rings: number[][];
  /** Free text: where the polygons came from. */
  source?: string;
}

/** Decode a PackedLand value into flat lon/lat rings; throws on a malformed value. */
export function unpackLand(packed: unknown): Float64Array[] {
  const p = packed as PackedLand;
  if (!p || p.format !== 'lookout-land/1' || !Array.isArray(p.rings) || !(p.scale > 0)) {
    throw new Error('land data: not a lookout-land/1 value');
  }
  const out: Float64Array[] = [];
  for (const r of p.rings) {
    if (!Array.isArray(r) || r.length < 6 || r.length % 2 !== 0) throw new Error('land data: malformed ring');
    const f = new Float64Array(r.length);
    let x = 0, y = 0;
    for (let i = 0; i < r.length; i += 2) {
      x += r[i]; y += r[i + 1];
      f[i] = x / p.scale; f[i + 1] = y / p.scale;
    }
    out.push(f);
  }
  return out;
}

const RAD = Math.PI / 180;
/** Cell size of the global land grid, degrees. */
const LAND_CELL_DEG = 0.25;

/**
 * Answers already given for exact arguments (lat, lon and one more number), two per set of a
 * hashed position: the detectors ask about the same points again and again (a moored vessel
 * repeats its position, a check runs again an hour later). Fixed size: 2 × `sets` entries.
 */
class AnswerCache {
  /** Entry k: keys[3k .. 3k + 2] (NaN: empty), answers[k]; sets hold entries 2s and 2s + 1. */
  private readonly keys: Float64Array;
  private readonly answers: Float64Array;
  /** Per set, the entry used last (the other one is replaced). */
  private readonly recent: Uint8Array;
  private readonly mask: number;
  /** Entry of the last `get` that missed (where `put` stores), -1 when none. */
  private pending = -1;

  constructor(sets: number) {
    this.keys = new Float64Array(6 * sets).fill(Number.NaN);
    this.answers = new Float64Array(2 * sets);
    this.recent = new Uint8Array(sets);
    this.mask = sets - 1;
  }

  /** The answer stored for exactly (a, b, c), else NaN (then `put` stores the answer). */
  get(a: number, b: number, c: number): number {
    let h = Math.imul(Math.floor(a * 1e6) | 0, 0x9e3779b1) ^ Math.imul(Math.floor(b * 1e6) | 0, 0x85ebca77);
    h ^= h >>> 15;
    h = Math.imul(h, 0xc2b2ae3d);
    h ^= h >>> 13;
    const set = h & this.mask;
    const keys = this.keys;
    for (let w = 0; w < 2; w++) {
      const k = 2 * set + w;
      if (keys[3 * k] === a && keys[3 * k + 1] === b && keys[3 * k + 2] === c) {
        this.recent[set] = w;
        this.pending = -1;
        return this.answers[k];
      }
    }
    const k = 2 * set + 1 - this.recent[set];
    this.recent[set] = 1 - this.recent[set];
    keys[3 * k] = Number.NaN;
    this.pending = k;
    return Number.NaN;
  }

  /** Store the answer for the arguments of the last `get`, which missed. */
  put(a: number, b: number, c: number, answer: number): void {
    const k = this.pending;
    if (k < 0) return;
    this.keys[3 * k] = a;
    this.keys[3 * k + 1] = b;
    this.keys[3 * k + 2] = c;
    this.answers[k] = answer;
    this.pending = -1;
  }
}

/** Answers on-land and distance-to-shore queries; rings are lon/lat, cut at the antimeridian. */
export class LandIndex {
  private readonly grid: EdgeGrid;
  /** 1 for edges that are not coastline: cuts along ±180° and the polar edge of Antarctica. */
  private readonly artificial: Uint8Array;
  /** Per cell: 1 when it holds at least one coastline edge. */
  private readonly hasCoast: Uint8Array;
  /** Per cell: a nearby cell holding coastline (breadth-first over the grid), -1 if none. */
  private readonly nearCoastCell: Int32Array;
  /** CSR per row: the sorted columns of its coastal cells, so searches skip open water. */
  private readonly rowCoastStart: Uint32Array;
  private readonly rowCoastCols: Uint16Array;
  readonly ringCount: number;
  readonly edgeCount: number;
  /** Nearest point of the last edge measured (scratch, avoids an allocation per edge). */
  private footLat = 0;
  private footLon = 0;
  /**
   * isOnLand's and distanceToCoastM's answers for recent arguments. Both are pure functions of
   * their arguments, so the stored answer for the very same arguments (bit for bit) is the answer.
   */
  private readonly onLandCache = new AnswerCache(8192);
  private readonly coastCache = new AnswerCache(2048);

  constructor(rings: FlatRings) {
    this.grid = new EdgeGrid(rings, { bbox: [-180, -90, 180, 90], cellSize: LAND_CELL_DEG, wrapX: true });
    const { xy, edgeStart, cellStart, cellEdges } = this.grid;
    this.ringCount = rings.length;
    this.edgeCount = edgeStart.length;
    this.artificial = new Uint8Array(edgeStart.length);
    for (let e = 0; e < edgeStart.length; e++) {
      const a = edgeStart[e] * 2;
      const ax = xy[a], ay = xy[a + 1], bx = xy[a + 2], by = xy[a + 3];
      if ((Math.abs(ax) >= 179.9999 && Math.abs(bx) >= 179.9999 && ax === bx) || (ay <= -89.9999 && by <= -89.9999)) {
        this.artificial[e] = 1;
      }
    }
    const ncell = this.grid.nx * this.grid.ny;
    this.hasCoast = new Uint8Array(ncell);
    for (let c = 0; c < ncell; c++) {
      for (let k = cellStart[c]; k < cellStart[c + 1]; k++) {
        if (this.artificial[cellEdges[k]] === 0) { this.hasCoast[c] = 1; break; }
      }
    }
    this.nearCoastCell = this.spreadCoastCells();
    const { nx, ny } = this.grid;
    this.rowCoastStart = new Uint32Array(ny + 1);
    const cols: number[] = [];
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) if (this.hasCoast[j * nx + i] === 1) cols.push(i);
      this.rowCoastStart[j + 1] = cols.length;
    }
    this.rowCoastCols = Uint16Array.from(cols);
  }

  /**
   * Breadth-first from every coastal cell (longitudes wrap): each cell learns a coastal cell a
   * few steps away. Its edges give a distance that bounds the search, so one box suffices.
   */
  private spreadCoastCells(): Int32Array {
    const { nx, ny } = this.grid;
    const near = new Int32Array(nx * ny).fill(-1);
    const queue = new Int32Array(nx * ny);
    let head = 0, tail = 0;
    for (let c = 0; c < nx * ny; c++) if (this.hasCoast[c] === 1) { near[c] = c; queue[tail++] = c; }
    while (head < tail) {
      const c = queue[head++];
      const i = c % nx, j = (c - i) / nx;
      const visit = (n: number): void => { if (near[n] < 0) { near[n] = near[c]; queue[tail++] = n; } };
      visit(j * nx + (i + 1) % nx);
      visit(j * nx + (i + nx - 1) % nx);
      if (j > 0) visit(c - nx);
      if (j < ny - 1) visit(c + nx);
    }
    return near;
  }

  /** True when the point lies inside a land polygon. */
  isOnLand(lat: number, lon: number): boolean {
    if (!(lat >= -90 && lat <= 90) || !Number.isFinite(lon)) return false;
    const known = this.onLandCache.get(lat, lon, 0);
    if (known === known) return known === 1;
    const x = lon >= -180 && lon <= 180 ? lon : wrapLon(lon);
    // A pole is one point: nudge it off the grid's edge so the polar cell decides.
    const y = lat === 90 ? 90 - 1e-9 : lat === -90 ? -90 + 1e-9 : lat;
    const answer = this.grid.contains(x, y);
    this.onLandCache.put(lat, lon, 0, answer ? 1 : 0);
    return answer;
  }

  /**
   * Distance from a point at sea to the nearest coastline edge, metres, or maxM when none is
   * closer. The point is not tested for being on land (callers do that first).
   */
  distanceToCoastM(lat: number, lon: number, maxM: number): number {
    const known = this.coastCache.get(lat, lon, maxM);
    if (known === known) return known;
    const d = this.measureCoastM(lat, lon, maxM);
    this.coastCache.put(lat, lon, maxM, d);
    return d;
  }

  private measureCoastM(lat: number, lon: number, maxM: number): number {
    const g = this.grid;
    const x = wrapLon(lon);
    const polar = Math.abs(lat) > 70;
    // A first answer from the edges of a nearby coastal cell bounds the search radius.
    const seed = this.nearCoastCell[g.row(lat) * g.nx + g.col(x)];
    if (seed < 0) return maxM;
    let best = Infinity;
    let bestLat = NaN, bestLon = NaN;
    const scanSeed = (exactSeed: boolean): void => {
      for (let k = g.cellStart[seed]; k < g.cellStart[seed + 1]; k++) {
        const e = g.cellEdges[k];
        if (this.artificial[e] === 1) continue;
        const d = exactSeed ? this.edgeDistanceExact(e, lat, x, best) : this.edgeDistanceLocal(e, lat, x);
        if (d < best) { best = d; bestLat = this.footLat; bestLon = this.footLon; }
      }
    };
    scanSeed(polar);
    // Far away the plane misjudges distances: measure the seed on the sphere instead.
    if (!polar && best > 1_000_000) { best = Infinity; scanSeed(true); }
    // Then one box of that radius (with slack for the plane's error) holds every closer edge.
    const r = Math.min(maxM, best * 1.02 + 1000);
    const exact = polar || r > 1_000_000;
    if (best >= maxM) { best = maxM; bestLat = NaN; bestLon = NaN; }
    const dLat = r / METRES_PER_DEGREE;
    const edgeLat = Math.min(89.999, Math.abs(lat) + dLat);
    let dLon = dLat / Math.cos(edgeLat * RAD);
    if (!(dLon < 180)) dLon = 180;
    const j0 = g.row(lat - dLat), j1 = g.row(lat + dLat);
    let i0: number, i1: number;
    if (dLon >= 180) { i0 = 0; i1 = g.nx - 1; }
    else {
      i0 = Math.floor((x - dLon + 180) / g.cell);
      i1 = Math.floor((x + dLon + 180) / g.cell);
      if (i1 - i0 >= g.nx) { i0 = 0; i1 = g.nx - 1; }
    }
    const { nx, cell, minX, minY } = g;
    const { rowCoastStart, rowCoastCols } = this;
    // Column ranges of the box within [0, nx): one, or two when it wraps past ±180°.
    const ranges: number[] = i0 >= 0 && i1 < nx ? [i0, i1] : i0 < 0 ? [0, i1, i0 + nx, nx - 1] : [i0, nx - 1, 0, i1 - nx];
    for (let j = j0; j <= j1; j++) {
      const cy0 = minY + j * cell;
      const dy = Math.max(0, cy0 - lat, lat - (cy0 + cell));
      if (dy * METRES_PER_DEGREE * 0.995 >= best) continue;
      const kx = Math.cos(Math.min(89.9, Math.max(Math.abs(lat), Math.abs(cy0), Math.abs(cy0 + cell))) * RAD);
      const rowEnd = rowCoastStart[j + 1];
      for (let q = 0; q < ranges.length; q += 2) {
        const lo = ranges[q], hi = ranges[q + 1];
        // First coastal column ≥ lo in this row (binary search).
        let a = rowCoastStart[j], b = rowEnd;
        while (a < b) { const m = (a + b) >>> 1; if (rowCoastCols[m] < lo) a = m + 1; else b = m; }
        for (let p = a; p < rowEnd && rowCoastCols[p] <= hi; p++) {
          const i = rowCoastCols[p];
          const c = j * nx + i;
          // Lower bound of the distance to anything in this cell.
          const dx = Math.max(0, Math.abs(deltaLon(x, minX + (i + 0.5) * cell)) - cell / 2) * kx;
          if (Math.sqrt(dx * dx + dy * dy) * METRES_PER_DEGREE * 0.995 >= best) continue;
          for (let k = g.cellStart[c]; k < g.cellStart[c + 1]; k++) {
            const e = g.cellEdges[k];
            if (this.artificial[e] === 1) continue;
            const d = exact ? this.edgeDistanceExact(e, lat, x, best) : this.edgeDistanceLocal(e, lat, x);
            if (d < best) { best = d; bestLat = this.footLat; bestLon = this.footLon; }
          }
        }
      }
    }
    // The plane chose the edge; the great-circle distance to its nearest point is the answer.
    if (Number.isNaN(bestLat)) return maxM;
    return Math.min(maxM, haversineM(lat, x, bestLat, bestLon));
  }

  /**
   * Point-to-edge distance in an equirectangular plane scaled at the mean latitude of the point
   * and the edge (the fastDistanceM approximation); the edge is kept whole across ±180°.
   */
  private edgeDistanceLocal(e: number, lat: number, lon: number): number {
    const xy = this.grid.xy;
    const a = this.grid.edgeStart[e] * 2;
    const kx = Math.cos(((lat + xy[a + 1]) / 2) * RAD);
    const ax = deltaLon(lon, xy[a]) * kx, ay = xy[a + 1] - lat;
    const bx = ax + deltaLon(xy[a], xy[a + 2]) * kx, by = xy[a + 3] - lat;
    const ex = bx - ax, ey = by - ay;
    const len2 = ex * ex + ey * ey;
    let t = len2 > 0 ? -(ax * ex + ay * ey) / len2 : 0;
    if (t < 0) t = 0; else if (t > 1) t = 1;
    const px = ax + t * ex, py = ay + t * ey;
    this.footLat = xy[a + 1] + t * (xy[a + 3] - xy[a + 1]);
    this.footLon = xy[a] + t * deltaLon(xy[a], xy[a + 2]);
    return Math.sqrt(px * px + py * py) * METRES_PER_DEGREE;
  }

  /** Near the poles the local plane bends: take great-circle distances to the edge's points. */
  private edgeDistanceExact(e: number, lat: number, lon: number, bound: number): number {
    const xy = this.grid.xy;
    const a = this.grid.edgeStart[e] * 2;
    const ax = xy[a], ay = xy[a + 1], bx = xy[a + 2], by = xy[a + 3];
    // Neither end nor any point between is nearer than the latitude gap: skip the trigonometry.
    const gap = (ay - lat) * (by - lat) > 0 ? Math.min(Math.abs(ay - lat), Math.abs(by - lat)) * METRES_PER_DEGREE : 0;
    if (gap >= bound) return Infinity;
    let d = haversineM(lat, lon, ay, ax);
    this.footLat = ay; this.footLon = ax;
    const db = haversineM(lat, lon, by, bx);
    if (db < d) { d = db; this.footLat = by; this.footLon = bx; }
    // Interior points of the edge, for long edges (the bundled vertices are ~1 km apart).
    const steps = Math.min(16, Math.floor(Math.max(Math.abs(deltaLon(ax, bx)), Math.abs(by - ay)) / 0.05));
    for (let s = 1; s < steps; s++) {
      const t = s / steps;
      const px = ax + deltaLon(ax, bx) * t, py = ay + (by - ay) * t;
      const h = haversineM(lat, lon, py, px);
      if (h < d) { d = h; this.footLat = py; this.footLon = px; }
    }
    return d;
  }
}
