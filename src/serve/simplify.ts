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
    for (let i = first + 1; i < last; i++) {
      const d = segDist2(xs[i], ys[i], xs[first], ys[first], xs[last], ys[last]);
      if (d > maxD) { maxD = d; idx = i; }
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
 * Simplify a track to at most `maxPoints` (and at tolerance ≥ `toleranceM` metres when given):
 * Douglas–Peucker at the smallest tolerance that meets the budget.
 */
export function simplifyTrack(ps: PositionRecord[], maxPoints: number, toleranceM = 0): PositionRecord[] {
  if (ps.length <= 2 || (ps.length <= maxPoints && toleranceM <= 0)) return ps;
  const lat0 = ps.reduce((s, p) => s + p.lat, 0) / ps.length;
  const k = Math.cos((lat0 * Math.PI) / 180);
  const xs = new Float64Array(ps.length);
  const ys = new Float64Array(ps.length);
  ps.forEach((p, i) => { xs[i] = p.lon * k; ys[i] = p.lat; });
  // At least 1 m: points closer than that to the line add nothing (and float noise ranks above 0).
  const eps = Math.max(toleranceM, 1) / 111_320;
  const rank = dpRanks(xs, ys, (1 / 111_320) ** 2);
  let idx: number[] = [];
  for (let i = 0; i < rank.length; i++) if (rank[i] > eps * eps) idx.push(i);
  if (idx.length > maxPoints) {
    const cut = Float64Array.from(idx.map((i) => rank[i])).sort()[idx.length - maxPoints];
    const above = idx.filter((i) => rank[i] > cut);
    const at = idx.filter((i) => rank[i] === cut).slice(0, maxPoints - above.length);
    idx = [...above, ...at].sort((a, b) => a - b);
  }
  return idx.map((i) => ps[i]);
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
