/**
 * Vessel motion: a plan is a list of timed legs (moving along a polyline at constant speed, or
 * staying put at anchor, at a berth or drifting), built from the lane graph of a theatre.
 * `stateAt` gives the true position, speed, course and navigational status at any time.
 */
import { angleDiff, bearingDeg, destination, distanceM, NM, Polyline, type LatLon } from './sphere.js';
import type { SimPort, Theatre } from './theatres.js';

/** Navigational status codes (ITU-R M.1371). */
export const STATUS = { underWay: 0, atAnchor: 1, moored: 5, notDefined: 15 } as const;

export interface MoveLeg {
  kind: 'move';
  t0: number;
  t1: number;
  line: Polyline;
  d0: number;
  d1: number;
}

export interface StayLeg {
  kind: 'stay';
  t0: number;
  t1: number;
  pos: LatLon;
  status: number;
  /** Drift while staying: metres per second and direction (degrees); 0 for anchored/moored. */
  driftMs: number;
  driftDir: number;
  heading: number;
  /** Port id when the stay is in a port (anchorage or berth). */
  port?: string;
}

export type Leg = MoveLeg | StayLeg;

export interface TrueState {
  lat: number;
  lon: number;
  /** Knots. */
  speed: number;
  course: number;
  heading: number;
  status: number;
  turning: boolean;
}

const KN = NM / 3600;

/** Position of a stay leg at time t (drifting stays move slowly in one direction). */
function stayPos(leg: StayLeg, t: number): LatLon {
  if (leg.driftMs <= 0) return leg.pos;
  return destination(leg.pos, leg.driftDir, leg.driftMs * ((t - leg.t0) / 1000));
}

/** The true state of a vessel following `legs` at time t (clamped to the plan's span). */
export function stateAt(legs: readonly Leg[], t: number): TrueState {
  let lo = 0;
  let hi = legs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((legs[mid]).t0 <= t) lo = mid;
    else hi = mid - 1;
  }
  const leg = legs[lo];
  if (leg.kind === 'stay') {
    const p = stayPos(leg, Math.min(Math.max(t, leg.t0), leg.t1));
    const speed = leg.driftMs / KN;
    return { lat: p.lat, lon: p.lon, speed, course: leg.driftMs > 0 ? leg.driftDir : leg.heading, heading: leg.heading, status: leg.status, turning: false };
  }
  const span = leg.t1 - leg.t0;
  const f = span > 0 ? Math.min(1, Math.max(0, (t - leg.t0) / span)) : 1;
  const d = leg.d0 + (leg.d1 - leg.d0) * f;
  const { pos } = leg.line.at(d);
  const { course, turning } = leg.line.courseAt(d, 700);
  const speed = span > 0 ? (leg.d1 - leg.d0) / (span / 1000) / KN : 0;
  return { lat: pos.lat, lon: pos.lon, speed, course, heading: course, status: STATUS.underWay, turning };
}

/** The plan's end time. */
export function planEnd(legs: readonly Leg[]): number {
  return legs.length ? (legs[legs.length - 1]).t1 : 0;
}

/** Shortest paths over a theatre's lane graph (Dijkstra; graphs are tiny). */
export class LaneGraph {
  private readonly adj = new Map<string, { to: string; w: number }[]>();

  constructor(private readonly theatre: Theatre) {
    for (const [a, b] of theatre.edges) {
      const pa = theatre.nodes[a];
      const pb = theatre.nodes[b];
      if (!pa || !pb) throw new Error(`lane edge ${a}-${b}: unknown node`);
      const w = distanceM(pa, pb);
      this.push(a, b, w);
      this.push(b, a, w);
    }
  }

  private push(a: string, b: string, w: number): void {
    let list = this.adj.get(a);
    if (!list) this.adj.set(a, (list = []));
    list.push({ to: b, w });
  }

  node(id: string): LatLon {
    const p = this.theatre.nodes[id];
    if (!p) throw new Error(`unknown lane node ${id}`);
    return p;
  }

  /** Node ids of the shortest path from a to b (inclusive), or undefined when unreachable. */
  path(a: string, b: string): string[] | undefined {
    const dist = new Map<string, number>([[a, 0]]);
    const prev = new Map<string, string>();
    const open = new Set<string>([a]);
    while (open.size) {
      let best: string | undefined;
      let bd = Infinity;
      for (const n of open) {
        const d = dist.get(n) ?? Infinity;
        if (d < bd) { bd = d; best = n; }
      }
      if (best === undefined) break;
      open.delete(best);
      if (best === b) break;
      for (const { to, w } of this.adj.get(best) ?? []) {
        const nd = bd + w;
        if (nd < (dist.get(to) ?? Infinity)) {
          dist.set(to, nd);
          prev.set(to, best);
          open.add(to);
        }
      }
    }
    if (!dist.has(b)) return undefined;
    const out = [b];
    while (out[0] !== a) out.unshift(prev.get(out[0]) as string);
    return out;
  }

  /** The lane node nearest to a point. */
  nearestNode(p: LatLon): string {
    let best = '';
    let bd = Infinity;
    for (const [id, q] of Object.entries(this.theatre.nodes)) {
      const d = distanceM(p, q);
      if (d < bd) { bd = d; best = id; }
    }
    return best;
  }

  /** Lane points between two nodes (inclusive). */
  points(a: string, b: string): LatLon[] {
    const ids = this.path(a, b);
    if (!ids) throw new Error(`no lane from ${a} to ${b}`);
    return ids.map((id) => this.node(id));
  }
}

/** Points from the berth of a port out to its lane gate (through the anchorage and approach). */
export function portOutbound(port: SimPort, graph: LaneGraph): LatLon[] {
  return [port.berth, port.anchorage, ...[...port.approach].reverse(), graph.node(port.gate)];
}

/** Points from a port's lane gate in to its anchorage. */
export function portInbound(port: SimPort, graph: LaneGraph): LatLon[] {
  return [graph.node(port.gate), ...port.approach, port.anchorage];
}

/** Drop consecutive duplicate points (a polyline needs distinct vertices for courses). */
export function dedupe(points: LatLon[]): LatLon[] {
  const out: LatLon[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (!last || distanceM(last, p) > 1) out.push(p);
  }
  return out;
}

/** Builds a plan leg by leg, keeping the clock. */
export class PlanBuilder {
  readonly legs: Leg[] = [];
  constructor(public t: number, public pos: LatLon) {}

  /** Sail along points (the first should be the current position) at `knots`. */
  sail(points: LatLon[], knots: number, fromDistance = 0): this {
    const pts = dedupe([this.pos, ...points]);
    if (pts.length < 2) return this;
    const line = new Polyline(pts);
    const d0 = Math.min(fromDistance, line.length);
    const dur = ((line.length - d0) / (knots * KN)) * 1000;
    this.legs.push({ kind: 'move', t0: this.t, t1: this.t + dur, line, d0, d1: line.length });
    this.t += dur;
    this.pos = pts[pts.length - 1];
    return this;
  }

  /** Stay at the current position for `ms`. */
  stay(ms: number, status: number, opts: { driftKnots?: number; driftDir?: number; heading?: number; port?: string } = {}): this {
    const driftMs = (opts.driftKnots ?? 0) * KN;
    const leg: StayLeg = {
      kind: 'stay', t0: this.t, t1: this.t + ms, pos: this.pos, status, driftMs,
      driftDir: opts.driftDir ?? 0, heading: opts.heading ?? opts.driftDir ?? 0,
    };
    if (opts.port !== undefined) leg.port = opts.port;
    this.legs.push(leg);
    this.t += ms;
    if (driftMs > 0) this.pos = stayPos(leg, this.t);
    return this;
  }
}

/** Course change between consecutive legs of a point list, for sanity checks. */
export function maxTurn(points: LatLon[]): number {
  let m = 0;
  for (let i = 2; i < points.length; i++) {
    const a = bearingDeg(points[i - 2], points[i - 1]);
    const b = bearingDeg(points[i - 1], points[i]);
    m = Math.max(m, Math.abs(angleDiff(a, b)));
  }
  return m;
}
