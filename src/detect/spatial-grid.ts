/**
 * Small spatial helpers shared by the movement detectors: great-circle geometry, a mutable
 * hash grid of the latest position per track (cross-vessel proximity), and a coarse grid of
 * message counts per cell and hour (reception density for the gap detector).
 * Pure and portable: no node:* imports.
 */
import type { Port } from '../geo/types.js';

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;
/** Metres per nautical mile. */
export const NM = 1852;
export const HOUR_MS = 3_600_000;

/** Great-circle distance in metres (haversine; correct across the antimeridian). */
export function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  // The same finite point twice (a moored vessel's repeated fix): exactly what the formula gives, without the trigonometry.
  if (lat1 === lat2 && lon1 === lon2 && lat1 - lat1 === 0 && lon1 - lon1 === 0) return 0;
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** haversineM with cos(lat1) given (the same value bit for bit): one point against many. */
function haversineFromM(lat1: number, cosLat1: number, lon1: number, lat2: number, lon2: number): number {
  if (lat1 === lat2 && lon1 === lon2 && lat1 - lat1 === 0 && lon1 - lon1 === 0) return 0;
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + cosLat1 * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** haversineM(p.lat, p.lon, q.lat, q.lon), the same value bit for bit, from two objects (see PointGrid.candidatesInto on boxing). */
export function haversineBetweenM(p: { lat: number; lon: number }, q: { lat: number; lon: number }): number {
  return haversineM(p.lat, p.lon, q.lat, q.lon);
}

/** Metres of great circle per degree of arc. */
export const M_PER_DEG = EARTH_RADIUS_M * RAD;

/** Initial bearing from point 1 to point 2, degrees true in [0, 360). */
export function bearingDeg(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const p1 = lat1 * RAD;
  const p2 = lat2 * RAD;
  const dl = (lon2 - lon1) * RAD;
  const y = Math.sin(dl) * Math.cos(p2);
  const x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl);
  return ((Math.atan2(y, x) / RAD) % 360 + 360) % 360;
}

/** Wrap a longitude into [-180, 180). */
export function wrapLon(lon: number): number {
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}

/** The point reached from (lat, lon) after `distanceM` on `bearing` degrees (dead reckoning). */
export function destination(lat: number, lon: number, bearing: number, distanceM: number): { lat: number; lon: number } {
  const d = distanceM / EARTH_RADIUS_M;
  const b = bearing * RAD;
  const p1 = lat * RAD;
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
  const l2 = lon * RAD + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
  return { lat: p2 / RAD, lon: wrapLon(l2 / RAD) };
}

/** `destination` written into `out` (no allocation); the same numbers bit for bit. */
export function destinationInto(lat: number, lon: number, bearing: number, distanceM: number, out: { lat: number; lon: number }): void {
  const d = distanceM / EARTH_RADIUS_M;
  const b = bearing * RAD;
  const p1 = lat * RAD;
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
  const l2 = lon * RAD + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
  out.lat = p2 / RAD;
  out.lon = wrapLon(l2 / RAD);
}

/** Mean of longitudes on the circle (a pair straddling 180° averages to ±180, not 0). */
export function circularMeanLon(sumSin: number, sumCos: number): number {
  return wrapLon(Math.atan2(sumSin, sumCos) / RAD);
}
export const lonSin = (lon: number): number => Math.sin(lon * RAD);
export const lonCos = (lon: number): number => Math.cos(lon * RAD);

/** Eight-point compass name of a bearing ("north", "north-east", …). */
export function compassName(bearing: number): string {
  const names = ['north', 'north-east', 'east', 'south-east', 'south', 'south-west', 'west', 'north-west'];
  return names[Math.round((((bearing % 360) + 360) % 360) / 45) % 8];
}

/** The opposite of a compass name from `compassName`. */
export function oppositeCompass(name: string): string {
  const names = ['north', 'north-east', 'east', 'south-east', 'south', 'south-west', 'west', 'north-west'];
  const i = names.indexOf(name);
  return i < 0 ? name : (names[(i + 4) % 8]);
}

/** What the point grid stores: a position, and the grid's own cell bookkeeping. */
export interface GridItem {
  lat: number;
  lon: number;
  /** Cell index, maintained by the grid (-1 when not in it). */
  cell: number;
}

/**
 * One occupied cell of a PointGrid: item, key, item, key… in insertion order, in one array
 * (created by a literal, so a cell of one item holds exactly two slots: most cells hold one).
 */
type GridCell<T> = (T | string)[];

/**
 * A mutable hash grid holding one item per key (the latest position of each track). Items carry
 * their own position and cell index, so moving one costs no allocation and memory is one array
 * slot per key. Cells are `cellDeg` square in degrees; longitude cells wrap at the antimeridian
 * so neighbours across 180° are found. A cell keeps its items in insertion order in plain arrays
 * (scanned without an iterator); removing one (a move to another cell) searches its cell.
 */
export class PointGrid<T extends GridItem> {
  private readonly cells = new Map<number, GridCell<T>>();
  private readonly lonCells: number;
  private count = 0;
  /** nearInto's query point, handed to candidatesInto. */
  private readonly query: GridItem = { lat: 0, lon: 0, cell: -1 };

  constructor(private readonly cellDeg = 0.02) {
    this.lonCells = Math.round(360 / cellDeg);
  }

  private cellIndex(row: number, col: number): number {
    const c = ((col % this.lonCells) + this.lonCells) % this.lonCells;
    return row * this.lonCells + c;
  }

  private rowCol(lat: number, lon: number): [number, number] {
    return [Math.floor((lat + 90) / this.cellDeg), Math.floor((wrapLon(lon) + 180) / this.cellDeg)];
  }

  /** Insert `item` under `key`, or move it after its lat/lon changed. */
  set(key: string, item: T): void {
    const idx = this.cellIndex(Math.floor((item.lat + 90) / this.cellDeg), Math.floor((wrapLon(item.lon) + 180) / this.cellDeg));
    if (item.cell === idx) return;
    if (item.cell >= 0) this.remove(item, item.cell);
    else this.count++;
    const cell = this.cells.get(idx);
    if (cell === undefined) this.cells.set(idx, [item, key]);
    else cell.push(item, key);
    item.cell = idx;
  }

  private remove(item: T, idx: number): void {
    const cell = this.cells.get(idx);
    if (cell === undefined) return;
    // Keys are strings, so the item's own index is even.
    const i = cell.indexOf(item);
    if (i >= 0) cell.splice(i, 2);
    if (cell.length === 0) this.cells.delete(idx);
  }

  /** Remove `key`'s item. */
  delete(_key: string, item: T): void {
    if (item.cell < 0) return;
    this.remove(item, item.cell);
    item.cell = -1;
    this.count--;
  }

  get size(): number {
    return this.count;
  }

  /**
   * Every item within `radiusM` of (lat, lon), unsorted, written to `items` and `distances`
   * (reused buffers, no allocation); returns how many. Same set and distances as `near`.
   */
  nearInto(lat: number, lon: number, radiusM: number, items: T[], distances: number[]): number {
    const q = this.query;
    q.lat = lat;
    q.lon = lon;
    const n = this.candidatesInto(q, radiusM, items);
    const cosQuery = Math.cos(lat * RAD);
    let kept = 0;
    for (let k = 0; k < n; k++) {
      const item = items[k];
      const d = haversineFromM(lat, cosQuery, lon, item.lat, item.lon);
      if (d <= radiusM) {
        items[kept] = item;
        distances[kept] = d;
        kept++;
      }
    }
    return kept;
  }

  /**
   * Every item in the cells within `radiusM` of q that passes the latitude filter, unsorted,
   * written to `items`; returns how many. No distance is computed: a superset of the items within
   * the radius (nearInto keeps those), for callers that rule most candidates out by cheaper tests
   * before any trigonometry. The query point comes as an object: a call that is not inlined would
   * box double arguments (a heap number each).
   */
  candidatesInto(q: GridItem, radiusM: number, items: T[]): number {
    const lat = q.lat;
    const cellDeg = this.cellDeg;
    const r0 = Math.floor((lat + 90) / cellDeg);
    const c0 = Math.floor((wrapLon(q.lon) + 180) / cellDeg);
    const dr = Math.ceil(radiusM / 111_000 / cellDeg);
    const cosLat = Math.max(0.01, Math.cos(Math.min(89.9, Math.abs(lat) + dr * cellDeg) * RAD));
    const dc = Math.min(Math.ceil(this.lonCells / 2), Math.ceil(radiusM / (111_000 * cosLat) / cellDeg));
    // A great-circle distance is at least the latitude difference (R·|Δφ|): items farther than
    // the radius in latitude alone are left out (margin for rounding).
    const maxDLat = (radiusM / EARTH_RADIUS_M / RAD) * (1 + 1e-9);
    // Columns wrap only when the window spans the whole circle; then a cell may repeat.
    const wraps = 2 * dc + 1 > this.lonCells;
    const seen = wraps ? new Set<number>() : undefined;
    const lonCells = this.lonCells;
    const cells = this.cells;
    let n = 0;
    for (let r = r0 - dr; r <= r0 + dr; r++) {
      // A row whose latitude band lies wholly beyond maxDLat holds no item the filter below would keep.
      const south = r * cellDeg - 90;
      const north = south + cellDeg;
      if (south - lat > maxDLat * 1.0001 || lat - north > maxDLat * 1.0001) continue;
      const rowBase = r * lonCells;
      for (let c = c0 - dc; c <= c0 + dc; c++) {
        let idx: number;
        if (seen !== undefined) {
          idx = this.cellIndex(r, c);
          if (seen.has(idx)) continue;
          seen.add(idx);
        } else idx = rowBase + (c < 0 ? c + lonCells : c >= lonCells ? c - lonCells : c);
        const cell = cells.get(idx);
        if (cell === undefined) continue;
        for (let k = 0; k < cell.length; k += 2) {
          const item = cell[k] as T;
          if (Math.abs(item.lat - lat) > maxDLat) continue;
          items[n++] = item;
        }
      }
    }
    return n;
  }

  /** Every item within `radiusM` of (lat, lon), with its distance, in key order (deterministic). */
  near(lat: number, lon: number, radiusM: number): { key: string; item: T; distance_m: number }[] {
    const [r0, c0] = this.rowCol(lat, lon);
    const dr = Math.ceil(radiusM / 111_000 / this.cellDeg);
    const cosLat = Math.max(0.01, Math.cos(Math.min(89.9, Math.abs(lat) + dr * this.cellDeg) * RAD));
    const dc = Math.min(Math.ceil(this.lonCells / 2), Math.ceil(radiusM / (111_000 * cosLat) / this.cellDeg));
    const out: { key: string; item: T; distance_m: number }[] = [];
    const seen = new Set<number>();
    for (let r = r0 - dr; r <= r0 + dr; r++) {
      for (let c = c0 - dc; c <= c0 + dc; c++) {
        const idx = this.cellIndex(r, c);
        if (seen.has(idx)) continue;
        seen.add(idx);
        const cell = this.cells.get(idx);
        if (!cell) continue;
        for (let k = 0; k < cell.length; k += 2) {
          const item = cell[k] as T;
          const d = haversineM(lat, lon, item.lat, item.lon);
          if (d <= radiusM) out.push({ key: cell[k + 1] as string, item, distance_m: d });
        }
      }
    }
    out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return out;
  }
}

/** A port centre in a `portCentres` grid. */
export interface PortCentre extends GridItem {
  port: Port;
}

const centreGrids = new WeakMap<readonly Port[], PointGrid<PortCentre>>();

/** A grid of the ports' centres (built once per port list, shared by the detectors). */
export function portCentres(ports: readonly Port[]): PointGrid<PortCentre> {
  let grid = centreGrids.get(ports);
  if (grid === undefined) {
    grid = new PointGrid<PortCentre>(0.5);
    for (let i = 0; i < ports.length; i++) grid.set(String(i), { lat: ports[i].lat, lon: ports[i].lon, cell: -1, port: ports[i] });
    centreGrids.set(ports, grid);
  }
  return grid;
}
