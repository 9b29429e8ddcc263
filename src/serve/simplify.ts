/** Track simplification for long ranges: Douglas–Peucker with a tolerance found to meet a point budget. */
import type { PositionRecord } from '../store/store.js';

/** Squared distance, in degrees² (longitude scaled by cos latitude), from p to segment ab. */
function segDist2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  let dx = bx - ax;
  let dy = by - ay;
  if (dx !== 0 || dy !== 0) {
    const t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy);
    if (t > 1) { ax = bx; ay = by; } else if (t > 0) { ax += dx * t; ay += dy * t; }
  }
  dx = px - ax;
  dy = py - ay;
  return dx * dx + dy * dy;
}

/**
 * Douglas–Peucker's ranking: one pass with tolerance 0 that records, for every point, the
 * distance (squared) at which it was kept. Keeping the `k` largest gives the simplification at the
 * tolerance that admits k points, without running the algorithm once per tolerance.
 */
function dpRanks(xs: Float64Array, ys: Float64Array, floor2: number): Float64Array {
  const n = xs.length;
  const rank = new Float64Array(n);
  rank[0] = rank[n - 1] = Infinity;
  const stack: number[] = [0, n - 1];
  while (stack.length) {
    const last = stack.pop()!;
    const first = stack.pop()!;
    if (last - first < 2) continue;
    let maxD = -1;
    let idx = -1;
    const ax = xs[first];
    const ay = ys[first];
    const bx = xs[last];
    const by = ys[last];
    const sx = bx - ax;
    const sy = by - ay;
    const len2 = sx * sx + sy * sy;
    if (len2 === 0) {
      for (let i = first + 1; i < last; i++) {
        const d = segDist2(xs[i], ys[i], ax, ay, bx, by);
        if (d > maxD) { maxD = d; idx = i; }
      }
    } else {
      // segDist2 with the segment's terms hoisted out of the loop (the same arithmetic, so the same ranks).
      for (let i = first + 1; i < last; i++) {
        const px = xs[i];
        const py = ys[i];
        const t = ((px - ax) * sx + (py - ay) * sy) / len2;
        let qx = ax;
        let qy = ay;
        if (t > 1) { qx = bx; qy = by; } else if (t > 0) { qx = ax + sx * t; qy = ay + sy * t; }
        const ex = px - qx;
        const ey = py - qy;
        const d = ex * ex + ey * ey;
        if (d > maxD) { maxD = d; idx = i; }
      }
    }
    // A range that is straight within the floor is not split further: its points rank 0 (this also
    // keeps long straight runs from degrading the recursion to quadratic time).
    if (maxD <= floor2) continue;
    // A point is never ranked above the point that split its range (keeps the result nested).
    rank[idx] = Math.min(maxD, Math.min(rank[first], rank[last]));
    stack.push(first, idx, idx, last);
  }
  return rank;
}

/**
 * Douglas–Peucker on points [start, end) of coordinate columns: the indices kept (ascending,
 * absolute) at the smallest tolerance that meets `maxPoints` (and ≥ `toleranceM` metres when given).
 */
export function simplifyIndices(lon: ArrayLike<number>, lat: ArrayLike<number>, start: number, end: number, maxPoints: number, toleranceM = 0): number[] {
  const n = end - start;
  if (n <= 2 || (n <= maxPoints && toleranceM <= 0)) return Array.from({ length: Math.max(0, n) }, (_, i) => start + i);
  let sum = 0;
  for (let i = start; i < end; i++) sum += lat[i];
  const k = Math.cos(((sum / n) * Math.PI) / 180);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) { xs[i] = lon[start + i] * k; ys[i] = lat[start + i]; }
  // At least 1 m: points closer than that to the line add nothing (and float noise ranks above 0).
  const eps = Math.max(toleranceM, 1) / 111_320;
  const rank = dpRanks(xs, ys, (1 / 111_320) ** 2);
  let idx: number[] = [];
  for (let i = 0; i < rank.length; i++) if (rank[i] > eps * eps) idx.push(i);
  if (idx.length > maxPoints) {
    const ranks = new Float64Array(idx.length);
    for (let i = 0; i < idx.length; i++) ranks[i] = rank[idx[i]];
    const cut = ranks.sort()[idx.length - maxPoints];
    // Every point ranked above the cut, and the earliest of those ranked at it up to the budget, in order.
    let above = 0;
    for (const i of idx) if (rank[i] > cut) above++;
    let atLeft = maxPoints - above;
    const kept: number[] = [];
    for (const i of idx) {
      const r = rank[i];
      if (r > cut) kept.push(i);
      else if (r === cut && atLeft > 0) { kept.push(i); atLeft--; }
    }
    idx = kept;
  }
  for (let i = 0; i < idx.length; i++) idx[i] += start;
  return idx;
}

/**
 * Simplify a track to at most `maxPoints` (and at tolerance ≥ `toleranceM` metres when given):
 * Douglas–Peucker at the smallest tolerance that meets the budget.
 */
export function simplifyTrack(ps: PositionRecord[], maxPoints: number, toleranceM = 0): PositionRecord[] {
  if (ps.length <= 2 || (ps.length <= maxPoints && toleranceM <= 0)) return ps;
  const lon = new Float64Array(ps.length);
  const lat = new Float64Array(ps.length);
  ps.forEach((p, i) => { lon[i] = p.lon; lat[i] = p.lat; });
  return simplifyIndices(lon, lat, 0, ps.length, maxPoints, toleranceM).map((i) => ps[i]);
}

/** Split columns of times and longitudes into [start, end) pieces, as {@link segmentTrack} does. */
export function segmentRanges(time: ArrayLike<number>, lon: ArrayLike<number>, n: number, gapMs: number): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 1; i < n; i++) {
    if (time[i] - time[i - 1] > gapMs || Math.abs(lon[i] - lon[i - 1]) > 180) {
      out.push([start, i]);
      start = i;
    }
  }
  if (n > 0) out.push([start, n]);
  return out;
}

/** Split a track wherever consecutive fixes are more than `gapMs` apart or jump across the antimeridian. */
export function segmentTrack(ps: PositionRecord[], gapMs: number): PositionRecord[][] {
  const out: PositionRecord[][] = [];
  let cur: PositionRecord[] = [];
  for (const p of ps) {
    const prev = cur[cur.length - 1];
    if (prev && (p.time - prev.time > gapMs || Math.abs(p.lon - prev.lon) > 180)) {
      out.push(cur);
      cur = [];
    }
    cur.push(p);
  }
  if (cur.length) out.push(cur);
  return out;
}
