/**
 * Zone membership: a coarse 2° bucket grid picks the zones whose bounding box covers the point,
 * then each zone's own edge grid decides. Rings that cross the antimeridian without being split
 * are unwrapped (longitudes past ±180), and queries test the point's longitude ±360 as well.
 */
import type { PolygonCoords, Ring, Zone } from './types.js';
import { EdgeGrid } from './edge-grid.js';
import { wrapLon } from './distance.js';

const BUCKET_DEG = 2;
const BUCKETS_X = 360 / BUCKET_DEG;
const BUCKETS_Y = 180 / BUCKET_DEG;

/** The polygons of a zone geometry as a list (a Polygon is a list of one). */
export function zonePolygons(zone: Pick<Zone, 'geometry'>): PolygonCoords[] {
  const g = zone.geometry;
  return g.type === 'Polygon' ? [g.coordinates as PolygonCoords] : (g.coordinates as PolygonCoords[]);
}

/**
 * A ring as flat [x, y, …], unwrapped so that no edge jumps more than 180° of longitude; an
 * edge running along a parallel from one side of ±180° to the other is kept as written.
 */
export function flattenRing(ring: Ring): Float64Array {
  const f = new Float64Array(ring.length * 2);
  let offset = 0;
  for (let i = 0; i < ring.length; i++) {
    const x = ring[i][0];
    if (i > 0) {
      const prev = ring[i - 1][0];
      const alongAntimeridian = Math.abs(prev) === 180 && Math.abs(x) === 180;
      if (!alongAntimeridian) {
        if (x - prev > 180) offset -= 360;
        else if (x - prev < -180) offset += 360;
      }
    }
    f[2 * i] = x + offset;
    f[2 * i + 1] = ring[i][1];
  }
  return f;
}

/** Where a zonesAtWithin answer holds (see there). */
export interface ZoneBox {
  x: number;
  y: number;
  margin: number;
  /**
   * The caller's previous answer, if any: when the new answer holds the same zones in the same
   * order, zonesAtWithin returns this very array (not a copy), so the caller sees it unchanged.
   */
  same?: readonly Zone[];
}

interface IndexedZone {
  zone: Zone;
  rings: Float64Array[];
  /** Built on the first query that reaches this part (most parts are never asked about). */
  grid: EdgeGrid | undefined;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

export class ZoneIndex {
  readonly zones: readonly Zone[];
  private readonly indexed: IndexedZone[] = [];
  private readonly buckets: number[][];
  /** zonesAtWithin's answer while it is built (copied out only when it differs from box.same). */
  private readonly found: Zone[] = [];
  /** EdgeGrid.locate's point and margin (doubles passed without boxing). */
  private readonly query = new Float64Array(3);

  constructor(zones: readonly Zone[]) {
    this.zones = zones;
    this.buckets = Array.from({ length: BUCKETS_X * BUCKETS_Y }, () => []);
    // One index entry per polygon part: parts of one zone can lie oceans apart, and tight
    // boxes keep the candidates per query few.
    zones.forEach((zone) => {
      for (const poly of zonePolygons(zone)) {
        const rings = poly.map(flattenRing);
        let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
        for (const r of rings) {
          for (let k = 0; k < r.length; k += 2) {
            if (r[k] < minX) minX = r[k]; if (r[k] > maxX) maxX = r[k];
            if (r[k + 1] < minY) minY = r[k + 1]; if (r[k + 1] > maxY) maxY = r[k + 1];
          }
        }
        if (!(minX <= maxX)) continue;
        const iz: IndexedZone = { zone, rings, grid: undefined, minX, maxX, minY, maxY };
        const zi = this.indexed.length;
        this.indexed.push(iz);
        const j0 = bucketRow(iz.minY), j1 = bucketRow(iz.maxY);
        const wide = iz.maxX - iz.minX >= 360;
        const i0 = wide ? 0 : Math.floor((iz.minX + 180) / BUCKET_DEG);
        const i1 = wide ? BUCKETS_X - 1 : Math.floor((iz.maxX + 180) / BUCKET_DEG);
        for (let j = j0; j <= j1; j++) {
          for (let ii = i0; ii <= i1; ii++) {
            const i = ((ii % BUCKETS_X) + BUCKETS_X) % BUCKETS_X;
            const b = this.buckets[j * BUCKETS_X + i];
            if (b[b.length - 1] !== zi) b.push(zi);
          }
        }
      }
    });
  }

  /** Zones containing the point, in the order they were given. */
  zonesAt(lat: number, lon: number): Zone[] {
    if (!(lat >= -90 && lat <= 90) || !Number.isFinite(lon)) return [];
    const x = wrapLon(lon);
    // A pole is one point: nudge it inside so that a zone reaching the pole contains it.
    if (lat === 90) lat = 90 - 1e-9; else if (lat === -90) lat = -90 + 1e-9;
    const col = Math.min(BUCKETS_X - 1, Math.floor((x + 180) / BUCKET_DEG));
    const out: Zone[] = [];
    for (const zi of this.buckets[bucketRow(lat) * BUCKETS_X + col]) {
      const iz = this.indexed[zi];
      if (lat < iz.minY || lat > iz.maxY) continue;
      if ((this.inZone(iz, x, lat) || this.inZone(iz, x + 360, lat) || this.inZone(iz, x - 360, lat)) && !out.includes(iz.zone)) out.push(iz.zone);
    }
    return out;
  }

  /**
   * zonesAt, and in `box` the point's wrapped longitude (`x`), its latitude (`y`) and a margin in
   * degrees: every point whose wrapped longitude and latitude both lie strictly within `margin`
   * of x and y gets the same answer from zonesAt (same 2° bucket, same side of every candidate's
   * bounding box, and within EdgeGrid.stableMargin in every candidate's edge grid: same cell,
   * clear of its edges). The margin is 0 when no such box is known (the point on or next to a
   * boundary): such points are not cached. Off the poles, an answer equal to `box.same` is that array.
   */
  zonesAtWithin(lat: number, lon: number, box: ZoneBox): Zone[] {
    box.margin = 0;
    box.x = lon;
    box.y = lat;
    if (!(lat > -90 && lat < 90) || !Number.isFinite(lon)) return this.zonesAt(lat, lon);
    const x = wrapLon(lon);
    box.x = x;
    const col = Math.min(BUCKETS_X - 1, Math.floor((x + 180) / BUCKET_DEG));
    const row = bucketRow(lat);
    const bx = col * BUCKET_DEG - 180;
    const by = row * BUCKET_DEG - 90;
    let m = Math.min(x - bx, bx + BUCKET_DEG - x, lat - by, by + BUCKET_DEG - lat);
    const out = this.found;
    out.length = 0;
    for (const zi of this.buckets[row * BUCKETS_X + col]) {
      const iz = this.indexed[zi];
      if (lat < iz.minY || lat > iz.maxY) {
        m = Math.min(m, lat < iz.minY ? iz.minY - lat : lat - iz.maxY);
        continue;
      }
      m = Math.min(m, lat - iz.minY, iz.maxY - lat);
      let inside = false;
      for (let k = 0; k < 3; k++) {
        const xv = k === 0 ? x : k === 1 ? x + 360 : x - 360;
        if (!(xv >= iz.minX && xv <= iz.maxX)) {
          m = Math.min(m, xv < iz.minX ? iz.minX - xv : xv - iz.maxX);
          continue;
        }
        m = Math.min(m, xv - iz.minX, iz.maxX - xv);
        iz.grid ??= new EdgeGrid(iz.rings);
        const q = this.query;
        q[0] = xv;
        q[1] = lat;
        const within = iz.grid.locate(q);
        m = Math.min(m, q[2]);
        if (within) {
          inside = true;
          break;
        }
      }
      if (inside && !out.includes(iz.zone)) out.push(iz.zone);
    }
    // Allowance for rounding at cell and box edges.
    m -= 1e-9;
    box.margin = m > 0 ? m : 0;
    const same = box.same;
    if (same !== undefined && same.length === out.length) {
      let k = 0;
      while (k < out.length && out[k] === same[k]) k++;
      // The caller's own array, which it treats as read-only.
      if (k === out.length) return same as Zone[];
    }
    return out.slice();
  }

  private inZone(iz: IndexedZone, x: number, y: number): boolean {
    if (!(x >= iz.minX && x <= iz.maxX)) return false;
    iz.grid ??= new EdgeGrid(iz.rings);
    return iz.grid.contains(x, y);
  }
}

function bucketRow(lat: number): number {
  const j = Math.floor((lat + 90) / BUCKET_DEG);
  return j < 0 ? 0 : j >= BUCKETS_Y ? BUCKETS_Y - 1 : j;
}
