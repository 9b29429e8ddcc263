/**
 * A uniform grid over polygon edges in planar lon/lat: each cell lists the edges whose bounding
 * box touches it and knows whether its centre lies inside the polygons (even-odd rule). A
 * point-in-polygon query then only looks at the edges of one cell: the point's status is the
 * centre's status flipped once per edge crossed on an L-shaped path from the point to the centre.
 * The same cell lists answer nearest-edge searches (distance to shore).
 */

/** Rings as flat coordinate arrays: ring k is [x0, y0, x1, y1, …], closed or not. */
export type FlatRings = readonly ArrayLike<number>[];

/** Clearance kept between a stableMargin box and the edges, coordinate units (far above rounding). */
const EDGE_SLACK = 1e-9;

/**
 * How often (mod 2) edge (ax, ay)–(bx, by) crosses contains' path from a point to its cell's
 * centre: the horizontal leg at row y over columns (x0, x1], then the vertical leg at column xc
 * over rows (y0, y1].
 */
function legCrossings(ax: number, ay: number, bx: number, by: number, y: number, xc: number, x0: number, x1: number, y0: number, y1: number): number {
  let n = 0;
  if ((ay > y) !== (by > y)) {
    const cx = ax + ((y - ay) / (by - ay)) * (bx - ax);
    if (cx > x0 && cx <= x1) n ^= 1;
  }
  if ((ax > xc) !== (bx > xc)) {
    const cy = ay + ((xc - ax) / (bx - ax)) * (by - ay);
    if (cy > y0 && cy <= y1) n ^= 1;
  }
  return n;
}

export interface EdgeGridOptions {
  /** Grid extent; defaults to the rings' bounding box. */
  bbox?: readonly [number, number, number, number];
  /** Cell size in degrees (x and y); default chosen from the edge count. */
  cellSize?: number;
  /** Longitudes wrap around (a global grid): neighbour searches cross ±180. */
  wrapX?: boolean;
}

export class EdgeGrid {
  /** Vertex coordinates [x, y, …] of all rings, each ring closed (last vertex = first). */
  readonly xy: Float64Array;
  /** Edge e runs from vertex edgeStart[e] to edgeStart[e] + 1. */
  readonly edgeStart: Uint32Array;
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
  readonly cell: number;
  readonly nx: number;
  readonly ny: number;
  readonly wrapX: boolean;
  /** CSR: edges of cell c are cellEdges[cellStart[c] .. cellStart[c + 1]). */
  readonly cellStart: Uint32Array;
  readonly cellEdges: Uint32Array;
  /** 1 when the centre of the cell lies inside. */
  readonly centreInside: Uint8Array;
  /** stableMargin's point and answer for locate. */
  private readonly scratch = new Float64Array(3);

  constructor(rings: FlatRings, opts: EdgeGridOptions = {}) {
    // Copy rings into one closed-ring vertex array.
    let nv = 0;
    for (const r of rings) nv += r.length / 2 + 1;
    const xy = new Float64Array(nv * 2);
    const starts: number[] = [];
    let v = 0;
    let bx0 = Infinity, by0 = Infinity, bx1 = -Infinity, by1 = -Infinity;
    for (const r of rings) {
      const n = r.length / 2;
      if (n < 3) continue;
      const closed = r[0] === r[r.length - 2] && r[1] === r[r.length - 1];
      const first = v;
      for (let i = 0; i < n; i++) {
        const x = r[2 * i], y = r[2 * i + 1];
        xy[2 * v] = x; xy[2 * v + 1] = y;
        if (x < bx0) bx0 = x; if (x > bx1) bx1 = x;
        if (y < by0) by0 = y; if (y > by1) by1 = y;
        if (i > 0) starts.push(v - 1);
        v++;
      }
      if (!closed) {
        xy[2 * v] = xy[2 * first]; xy[2 * v + 1] = xy[2 * first + 1];
        starts.push(v - 1);
        v++;
      }
    }
    this.xy = xy.subarray(0, v * 2);
    this.edgeStart = Uint32Array.from(starts);
    this.wrapX = opts.wrapX ?? false;
    const bbox = opts.bbox ?? (Number.isFinite(bx0) ? [bx0, by0, bx1, by1] as const : [0, 0, 1, 1] as const);
    const w = Math.max(bbox[2] - bbox[0], 1e-9);
    const h = Math.max(bbox[3] - bbox[1], 1e-9);
    // Default: four cells per edge (edges bunch along coasts), within 1..2^18 cells.
    const cells = Math.min(1 << 18, Math.max(1, this.edgeStart.length * 4));
    const cell = opts.cellSize ?? Math.sqrt((w * h) / cells);
    this.cell = cell;
    this.minX = bbox[0];
    this.minY = bbox[1];
    this.nx = Math.max(1, Math.ceil(w / cell));
    this.ny = Math.max(1, Math.ceil(h / cell));
    this.maxX = this.minX + this.nx * cell;
    this.maxY = this.minY + this.ny * cell;

    const { nx, ny } = this;
    const ne = this.edgeStart.length;
    const counts = new Uint32Array(nx * ny + 1);
    const range = (e: number, out: Int32Array): void => {
      const a = this.edgeStart[e] * 2;
      const ax = xy[a], ay = xy[a + 1], bx = xy[a + 2], by = xy[a + 3];
      out[0] = this.col(Math.min(ax, bx));
      out[1] = this.col(Math.max(ax, bx));
      out[2] = this.row(Math.min(ay, by));
      out[3] = this.row(Math.max(ay, by));
    };
    const rr = new Int32Array(4);
    for (let e = 0; e < ne; e++) {
      range(e, rr);
      for (let j = rr[2]; j <= rr[3]; j++) for (let i = rr[0]; i <= rr[1]; i++) counts[j * nx + i + 1]++;
    }
    for (let c = 0; c < nx * ny; c++) counts[c + 1] += counts[c];
    this.cellStart = counts;
    const fill = counts.slice(0, nx * ny);
    const cellEdges = new Uint32Array(counts[nx * ny]);
    for (let e = 0; e < ne; e++) {
      range(e, rr);
      for (let j = rr[2]; j <= rr[3]; j++) for (let i = rr[0]; i <= rr[1]; i++) cellEdges[fill[j * nx + i]++] = e;
    }
    this.cellEdges = cellEdges;
    this.centreInside = this.scanCentres();
  }

  /** Column of x, clamped into the grid. */
  col(x: number): number {
    const i = Math.floor((x - this.minX) / this.cell);
    return i < 0 ? 0 : i >= this.nx ? this.nx - 1 : i;
  }

  /** Row of y, clamped into the grid. */
  row(y: number): number {
    const j = Math.floor((y - this.minY) / this.cell);
    return j < 0 ? 0 : j >= this.ny ? this.ny - 1 : j;
  }

  /** Even-odd scanline along each row's centre line: which cell centres are inside. */
  private scanCentres(): Uint8Array {
    const { nx, ny, xy, cellStart, cellEdges, edgeStart } = this;
    const inside = new Uint8Array(nx * ny);
    const crossings = new Uint32Array(nx);
    for (let j = 0; j < ny; j++) {
      const yc = this.minY + (j + 0.5) * this.cell;
      crossings.fill(0);
      // Crossings left of each centre: count per cell those left of its centre, carry the rest.
      const leftOfCentre = new Uint32Array(nx);
      for (let i = 0; i < nx; i++) {
        const c = j * nx + i;
        const xc = this.minX + (i + 0.5) * this.cell;
        for (let k = cellStart[c]; k < cellStart[c + 1]; k++) {
          const a = edgeStart[cellEdges[k]] * 2;
          const ay = xy[a + 1], by = xy[a + 3];
          if ((ay > yc) === (by > yc)) continue;
          const ax = xy[a], bx = xy[a + 2];
          const x = ax + ((yc - ay) / (by - ay)) * (bx - ax);
          // Count each crossing once, in the cell it falls in (clamped to this edge's columns).
          let ci = this.col(x);
          const lo = this.col(Math.min(ax, bx)), hi = this.col(Math.max(ax, bx));
          if (ci < lo) ci = lo; else if (ci > hi) ci = hi;
          if (ci !== i) continue;
          crossings[i]++;
          if (x < xc) leftOfCentre[i]++;
        }
      }
      let parity = 0;
      for (let i = 0; i < nx; i++) {
        inside[j * nx + i] = (parity + leftOfCentre[i]) & 1;
        parity = (parity + crossings[i]) & 1;
      }
    }
    return inside;
  }

  /**
   * When (x, y) lies in a cell no edge touches (every point of the cell has the same `contains`
   * answer): the distance to the nearest side of that cell, in coordinate units; else 0.
   */
  emptyCellMargin(x: number, y: number): number {
    if (!(x >= this.minX && x <= this.maxX && y >= this.minY && y <= this.maxY)) return 0;
    const i = this.col(x), j = this.row(y);
    const c = j * this.nx + i;
    if (this.cellStart[c] !== this.cellStart[c + 1]) return 0;
    const x0 = this.minX + i * this.cell;
    const y0 = this.minY + j * this.cell;
    const m = Math.min(x - x0, x0 + this.cell - x, y - y0, y0 + this.cell - y);
    return m > 0 ? m : 0;
  }

  /**
   * A margin m (coordinate units) such that every point (x', y') with |x' − x| < m and
   * |y' − y| < m gets the same `contains` answer as (x, y); 0 when no such margin is known.
   * The box stays in the point's cell, so `contains` walks the same edges to the same centre
   * (xc, yc) for all its points, and the answer can only differ where a path from a point to
   * the centre changes which edges it crosses. It keeps SLACK clear of every edge of the cell
   * (so no point of it is on or near an edge: the horizontal leg meets the same edges), and
   * the vertical line x = xc over the box's rows keeps SLACK clear of every edge (so no leg's
   * corner (xc, y') is on or near an edge, and the vertical legs meet the same edges). In an
   * edge-free cell this is emptyCellMargin.
   */
  stableMargin(x: number, y: number): number {
    // Computed by locate, which walks the cell's edges once for both questions.
    const q = this.scratch;
    q[0] = x;
    q[1] = y;
    this.locate(q);
    return q[2];
  }

  /**
   * contains(x, y) and stableMargin(x, y) in one pass over the cell's edges, with the same
   * arithmetic: the point in q[0] (x) and q[1] (y), the margin written to q[2], containment
   * returned. No double crosses the call (a call that is not inlined boxes each one).
   */
  locate(q: Float64Array): boolean {
    const x = q[0], y = q[1];
    if (!(x >= this.minX && x <= this.maxX && y >= this.minY && y <= this.maxY)) {
      q[2] = 0;
      return false;
    }
    const i = this.col(x), j = this.row(y);
    const c = j * this.nx + i;
    const cell = this.cell;
    const x0 = this.minX + i * cell;
    const y0 = this.minY + j * cell;
    let m = Math.min(x - x0, x0 + cell - x, y - y0, y0 + cell - y);
    let inside = this.centreInside[c];
    const s = this.cellStart[c], t = this.cellStart[c + 1];
    if (s === t || !(m > 0)) {
      q[2] = m > 0 ? m : 0;
      if (s === t) return inside === 1;
      m = 0;
    }
    // stableMargin's centre line, and contains' centre (written as each of them computes it).
    const xm = x0 + 0.5 * cell;
    const xc = this.minX + (i + 0.5) * this.cell;
    const yc = this.minY + (j + 0.5) * this.cell;
    const { xy, cellEdges, edgeStart } = this;
    const lx0 = Math.min(x, xc), lx1 = Math.max(x, xc);
    const ly0 = Math.min(y, yc), ly1 = Math.max(y, yc);
    for (let k = s; k < t; k++) {
      const a = edgeStart[cellEdges[k]] * 2;
      const ax = xy[a], ay = xy[a + 1], bx = xy[a + 2], by = xy[a + 3];
      if (m > 0) {
        // The margin (stableMargin's definition): clear of this edge, and along x = xm of its rows.
        const dx = bx - ax, dy = by - ay;
        const len2 = dx * dx + dy * dy;
        let u = len2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / len2 : 0;
        u = u < 0 ? 0 : u > 1 ? 1 : u;
        const ex = ax + u * dx - x, ey = ay + u * dy - y;
        const d = Math.sqrt(ex * ex + ey * ey) * Math.SQRT1_2 - EDGE_SLACK;
        if (d < m) m = d;
        if (Math.min(ax, bx) - EDGE_SLACK <= xm && Math.max(ax, bx) + EDGE_SLACK >= xm) {
          let ya = ay, yb = by;
          if (Math.abs(dx) * 1000 >= Math.abs(dy)) {
            let ta = (xm - EDGE_SLACK - ax) / dx, tb = (xm + EDGE_SLACK - ax) / dx;
            ta = ta < 0 ? 0 : ta > 1 ? 1 : ta;
            tb = tb < 0 ? 0 : tb > 1 ? 1 : tb;
            ya = ay + ta * dy;
            yb = ay + tb * dy;
          }
          const lo = Math.min(ya, yb) - EDGE_SLACK, hi = Math.max(ya, yb) + EDGE_SLACK;
          const gap = y < lo ? lo - y : y > hi ? y - hi : 0;
          if (gap < m) m = gap;
        }
        if (!(m > 0)) m = 0;
      }
      // contains' step for this edge.
      inside ^= legCrossings(ax, ay, bx, by, y, xc, lx0, lx1, ly0, ly1);
    }
    q[2] = m;
    return inside === 1;
  }

  /** True when (x, y) lies inside the rings (even-odd); false outside the grid. */
  contains(x: number, y: number): boolean {
    if (!(x >= this.minX && x <= this.maxX && y >= this.minY && y <= this.maxY)) return false;
    const i = this.col(x), j = this.row(y);
    const c = j * this.nx + i;
    let inside = this.centreInside[c];
    const s = this.cellStart[c], t = this.cellStart[c + 1];
    if (s === t) return inside === 1;
    const xc = this.minX + (i + 0.5) * this.cell;
    const yc = this.minY + (j + 0.5) * this.cell;
    const { xy, cellEdges, edgeStart } = this;
    const x0 = Math.min(x, xc), x1 = Math.max(x, xc);
    const y0 = Math.min(y, yc), y1 = Math.max(y, yc);
    for (let k = s; k < t; k++) {
      const a = edgeStart[cellEdges[k]] * 2;
      const ax = xy[a], ay = xy[a + 1], bx = xy[a + 2], by = xy[a + 3];
      inside ^= legCrossings(ax, ay, bx, by, y, xc, x0, x1, y0, y1);
    }
    return inside === 1;
  }
}

/** Plain even-odd ray test over flat rings (reference implementation and small polygons). */
export function ringsContain(rings: FlatRings, x: number, y: number): boolean {
  let inside = false;
  for (const r of rings) {
    const n = r.length / 2;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const xi = r[2 * i], yi = r[2 * i + 1], xj = r[2 * j], yj = r[2 * j + 1];
      if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}
