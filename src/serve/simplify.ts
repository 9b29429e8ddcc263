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

/** Indices kept by Douglas–Peucker at tolerance `eps` (degrees), always including both ends. */
export function douglasPeucker(xs: Float64Array, ys: Float64Array, eps: number): number[] {
  const n = xs.length;
  if (n <= 2) return Array.from({ length: n }, (_, i) => i);
  const keep = new Uint8Array(n);
  keep[0] = keep[n - 1] = 1;
  const eps2 = eps * eps;
  const stack: number[] = [0, n - 1];
  while (stack.length) {
    const last = stack.pop()!;
    const first = stack.pop()!;
    let maxD = -1;
    let idx = -1;
    for (let i = first + 1; i < last; i++) {
      const d = segDist2(xs[i], ys[i], xs[first], ys[first], xs[last], ys[last]);
      if (d > maxD) { maxD = d; idx = i; }
    }
    if (maxD > eps2) {
      keep[idx] = 1;
      stack.push(first, idx, idx, last);
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(i);
  return out;
}

/**
 * Simplify a track to at most `maxPoints` (and at tolerance ≥ `toleranceM` metres when given):
 * the smallest Douglas–Peucker tolerance, found by doubling, that meets the budget.
 */
export function simplifyTrack(ps: PositionRecord[], maxPoints: number, toleranceM = 0): PositionRecord[] {
  if (ps.length <= 2 || (ps.length <= maxPoints && toleranceM <= 0)) return ps;
  const lat0 = ps.reduce((s, p) => s + p.lat, 0) / ps.length;
  const k = Math.cos((lat0 * Math.PI) / 180);
  const xs = new Float64Array(ps.length);
  const ys = new Float64Array(ps.length);
  ps.forEach((p, i) => { xs[i] = p.lon * k; ys[i] = p.lat; });
  let eps = Math.max(toleranceM / 111_320, 1e-6);
  let idx = douglasPeucker(xs, ys, eps);
  while (idx.length > maxPoints && eps < 180) {
    eps *= 2;
    idx = douglasPeucker(xs, ys, eps);
  }
  if (idx.length > maxPoints) {
    // Degenerate input (e.g. many points on one spot): even decimation, ends kept.
    const step = (idx.length - 1) / (maxPoints - 1);
    idx = Array.from({ length: maxPoints }, (_, i) => idx[Math.round(i * step)]);
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
