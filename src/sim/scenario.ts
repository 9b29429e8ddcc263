/**
 * Scenario building: the presets, the ordinary fleet sailing between ports, and the injected
 * behaviours with their ground truth. Pure and deterministic: the same options and seed give
 * the same scenario.
 */
import type { LookoutEvent } from '../detect/event.js';
import { makeEvent } from '../detect/event.js';
import { IdentityPool, KIND_BY_ID, KINDS, type VesselKind } from './fleet.js';
import { LaneGraph, PlanBuilder, STATUS, dedupe, portInbound, portOutbound, planEnd, stateAt } from './motion.js';
import { Rng } from './random.js';
import { destination, distanceM, Polyline, type LatLon } from './sphere.js';
import { EAST_ASIA, BALTIC, type SimPort, type Theatre } from './theatres.js';
import type { IdentityEpoch, SimVessel } from './vessel.js';
import { inShoreCoverage, reportInterval } from './stream.js';

const HOUR = 3_600_000;
const MIN = 60_000;

export interface Preset {
  name: string;
  summary: string;
  theatre: Theatre;
  vessels: number;
  hours: number;
  /** Injected behaviours (false for the false-alarm preset). */
  behaviours: boolean;
  /** Port ids the ordinary fleet sails between (default: every port with weight > 0). */
  ports?: string[];
  /** Random message loss on top of the coverage model. */
  loss: number;
}

export const PRESETS: Record<string, Preset> = {
  'east-asia': {
    name: 'east-asia',
    summary: 'Yellow Sea and East China Sea: DPRK-style transfers (visible and dark), dark and visible calls at Nampo, identity games, Korea and Taiwan Strait transits',
    theatre: EAST_ASIA, vessels: 60, hours: 48, behaviours: true, loss: 0.05,
  },
  baltic: {
    name: 'baltic',
    summary: 'Gulf of Finland and central Baltic: shadow-fleet loitering and transfers east of Gotland, reflagging, calls at Primorsk and Ust-Luga, spoofing near Kaliningrad',
    theatre: BALTIC, vessels: 50, hours: 48, behaviours: true, loss: 0.05,
  },
  'busy-strait': {
    name: 'busy-strait',
    summary: 'Dense legitimate traffic through the Korea Strait with no injected behaviour: measures false alarms',
    theatre: EAST_ASIA, vessels: 150, hours: 24, behaviours: false, loss: 0.05,
    ports: ['KRPUS', 'JPFUK', 'RUVYP', 'CNSHA', 'CNTAO', 'KRINC', 'CNDLC', 'TWKEL'],
  },
};

export interface ScenarioOptions {
  preset: string;
  seed?: number;
  vessels?: number;
  hours?: number;
  /** Scenario start, ms since the epoch (default 2026-03-02T00:00Z). */
  start?: number;
  /** Random message loss 0–1 (default: the preset's). */
  loss?: number;
  /** Land test used to keep berth/anchorage spots in water (refdata.isOnLand when available). */
  isOnLand?: (lat: number, lon: number) => boolean;
}

export interface Scenario {
  preset: Preset;
  seed: number;
  start: number;
  end: number;
  loss: number;
  vessels: SimVessel[];
  /** Ground truth of the injected behaviours (geometric truth is added by computeTruth). */
  behaviourTruth: LookoutEvent[];
}

export const DEFAULT_START = Date.UTC(2026, 2, 2, 0, 0, 0);

interface Ctx {
  rng: Rng;
  theatre: Theatre;
  graph: LaneGraph;
  ports: SimPort[];
  start: number;
  end: number;
  pool: IdentityPool;
  isOnLand: (lat: number, lon: number) => boolean;
  vessels: SimVessel[];
  truth: LookoutEvent[];
}

function portById(theatre: Theatre, id: string): SimPort {
  const p = theatre.ports.find((x) => x.id === id);
  if (!p) throw new Error(`${theatre.id}: unknown port ${id}`);
  return p;
}

/** A water spot within maxM of a point (falls back to the point itself). */
function spotNear(ctx: Ctx, p: LatLon, maxM: number): LatLon {
  for (let i = 0; i < 20; i++) {
    const q = destination(p, ctx.rng.uniform(0, 360), ctx.rng.uniform(0, maxM));
    const mid = { lat: (p.lat + q.lat) / 2, lon: (p.lon + q.lon) / 2 };
    if (!ctx.isOnLand(q.lat, q.lon) && !ctx.isOnLand(mid.lat, mid.lon)) return q;
  }
  return p;
}

function newVessel(ctx: Ctx, kind: VesselKind, flag: string, role: string, opts: { imo?: number; name?: string; mmsi?: number } = {}): SimVessel {
  const { rng, pool } = ctx;
  const length = Math.round(rng.uniform(kind.length[0], kind.length[1]));
  const beam = Math.max(3, Math.round(length * rng.uniform(kind.beamRatio[0], kind.beamRatio[1])));
  const bow = Math.round(length * rng.uniform(0.75, 0.88));
  const port = Math.round(beam / 2);
  const id: IdentityEpoch = {
    from: ctx.start,
    mmsi: opts.mmsi ?? pool.mmsi(flag),
    name: opts.name ?? pool.name(flag),
    callsign: pool.callsign(flag),
    flag,
  };
  if (kind.aisClass === 'A') id.imo = opts.imo ?? pool.imo();
  const v: SimVessel = {
    key: `v${String(ctx.vessels.length + 1).padStart(3, '0')}`,
    kind,
    aisClass: kind.aisClass,
    dims: { to_bow: bow, to_stern: length - bow, to_port: port, to_starboard: beam - port },
    identities: [id],
    draughts: [{ from: ctx.start, value: Math.round(rng.uniform(kind.draught[0], kind.draught[1]) * 10) / 10 }],
    destinations: [],
    legs: [],
    dark: [],
    spoofs: [],
    role,
    phase: rng.int(0, 9999),
  };
  ctx.vessels.push(v);
  return v;
}

function pickKind(rng: Rng, ids?: string[]): VesselKind {
  const kinds = ids ? ids.map((id) => KIND_BY_ID[id]) : KINDS;
  return rng.weighted(kinds, kinds.map((k) => k.weight));
}

function pickFlag(rng: Rng, theatre: Theatre): string {
  return rng.weighted(theatre.flags.map((f) => f[0]), theatre.flags.map((f) => f[1]));
}

/** Points of the sea part of a voyage from one lane node to another. */
function seaPoints(ctx: Ctx, from: string, to: string): LatLon[] {
  return ctx.graph.points(from, to);
}

/** The rest of a polyline from distance d: the point at d, then the later vertices. */
function remainingFrom(points: LatLon[], d: number): LatLon[] {
  const line = new Polyline(points);
  const out = [line.at(d).pos];
  for (let i = 1; i < points.length; i++) if ((line.cumulative[i] ?? 0) > d) out.push(points[i]);
  return dedupe(out);
}

interface VisitTimes {
  gateIn: number;
  berthIn: number;
  berthOut: number;
  gateOut: number;
}

/**
 * Sail from the current position (at lane node `fromNode`) to a port, queue at its anchorage
 * when busy, berth, and sail back out to the port's lane gate. Returns the key times.
 */
function visitPort(ctx: Ctx, v: SimVessel, b: PlanBuilder, fromNode: string, port: SimPort, speed: number, opts: { queueHours?: number; berthHours?: number; draughtChange?: boolean } = {}): VisitTimes {
  const { rng } = ctx;
  const harbour = Math.min(speed, rng.uniform(6, 8));
  if (fromNode !== port.gate) b.sail(seaPoints(ctx, fromNode, port.gate).slice(1), speed);
  const gateIn = b.t;
  v.destinations.push({ from: b.t - 6 * HOUR, value: port.name.toUpperCase().slice(0, 20) });
  b.sail(portInbound(port, ctx.graph).slice(1), harbour);
  const anchor = spotNear(ctx, port.anchorage, 1200);
  const queue = opts.queueHours ?? (rng.chance(0.35) ? rng.uniform(2, 8) : 0);
  if (queue > 0) {
    b.sail([anchor], 4);
    b.stay(queue * HOUR, STATUS.atAnchor, { heading: rng.uniform(0, 360), port: port.id });
  }
  const berth = spotNear(ctx, port.berth, 500);
  b.sail([port.anchorage, berth], 4);
  const berthIn = b.t;
  const stay = (opts.berthHours ?? rng.uniform(v.kind.berthHours[0], v.kind.berthHours[1])) * HOUR;
  b.stay(stay, STATUS.moored, { heading: rng.uniform(0, 360), port: port.id });
  const berthOut = b.t;
  if (opts.draughtChange !== false && v.aisClass === 'A' && rng.chance(0.6)) {
    // Loading or discharging: the crew updates the draught while still alongside.
    const [lo, hi] = v.kind.draught;
    v.draughts.push({ from: berthIn + stay * 0.7, value: Math.round(rng.uniform(lo, hi) * 10) / 10 });
  }
  b.sail(portOutbound(port, ctx.graph).slice(1), harbour);
  return { gateIn, berthIn, berthOut, gateOut: b.t };
}

/** Hours spent inside a port's area on a call, besides queueing and berthing (in and out). */
function harbourHours(ctx: Ctx, port: SimPort): number {
  const inbound = new Polyline(dedupe(portInbound(port, ctx.graph))).length / 1852;
  const toBerth = new Polyline(dedupe([port.anchorage, port.berth])).length / 1852 + 1;
  return 2 * (inbound / 6 + toBerth / 4) + 0.5;
}

/**
 * The stay at a port reached at `gateIn` that fits the scenario: every visit is complete well
 * before the end (so its truth is unambiguous), and a vessel that cannot finish a call sails on.
 */
function fitVisit(ctx: Ctx, v: SimVessel, port: SimPort, gateIn: number): { queueHours: number; berthHours: number } | 'beyond' | undefined {
  if (gateIn > ctx.end + HOUR) return 'beyond';
  const available = (ctx.end - 1.5 * HOUR - gateIn) / HOUR - harbourHours(ctx, port);
  if (available < 2) return undefined;
  const berth = Math.min(ctx.rng.uniform(v.kind.berthHours[0], v.kind.berthHours[1]), available);
  const queue = ctx.rng.chance(0.35) ? Math.min(ctx.rng.uniform(2, 8), available - berth) : 0;
  return { queueHours: queue >= 1 ? queue : 0, berthHours: berth };
}

function seaHours(ctx: Ctx, from: string, to: string, speed: number): number {
  return from === to ? 0 : new Polyline(seaPoints(ctx, from, to)).length / (speed * 1852);
}

/** Continue an ordinary voyage pattern from a lane node until past the end of the scenario. */
function continueVoyages(ctx: Ctx, v: SimVessel, b: PlanBuilder, fromNode: string, lastPort: string | undefined, speed: number): void {
  let node = fromNode;
  let last = lastPort;
  for (let guard = 0; b.t < ctx.end && guard < 100; guard++) {
    const candidates = ctx.ports.filter((p) => p.id !== last && p.weight > 0);
    let chosen: { port: SimPort; fit: { queueHours: number; berthHours: number } | 'beyond' } | undefined;
    for (let tries = 0; tries < 12 && !chosen; tries++) {
      const port = ctx.rng.weighted(candidates, candidates.map((c) => c.weight));
      const fit = fitVisit(ctx, v, port, b.t + seaHours(ctx, node, port.gate, speed) * HOUR);
      if (fit) chosen = { port, fit };
    }
    if (!chosen) {
      // No call fits before the end: keep sailing the lanes, away from port areas.
      const far = ctx.graph.nearestNode(destination(b.pos, ctx.rng.uniform(0, 360), 300_000));
      if (far === node) break;
      b.sail(seaPoints(ctx, node, far).slice(1), speed);
      node = far;
      continue;
    }
    const { port, fit } = chosen;
    if (fit === 'beyond') {
      // Still on the way at the end: sail to the gate (reached after the end).
      if (port.gate !== node) b.sail(seaPoints(ctx, node, port.gate).slice(1), speed);
      v.destinations.push({ from: b.t - 12 * HOUR, value: port.name.toUpperCase().slice(0, 20) });
      break;
    }
    visitPort(ctx, v, b, node, port, speed, fit);
    node = port.gate;
    last = port.id;
  }
}

/** An ordinary vessel: starts at sea on a lane between two ports and trades until the end. */
function ordinaryVessel(ctx: Ctx, kindIds?: string[]): SimVessel {
  const { rng } = ctx;
  const kind = pickKind(rng, kindIds);
  const v = newVessel(ctx, kind, pickFlag(rng, ctx.theatre), 'ordinary');
  const speed = rng.uniform(kind.speed[0], kind.speed[1]);
  const weights = ctx.ports.map((p) => p.weight);
  const origin = rng.weighted(ctx.ports, weights);
  let dest = rng.weighted(ctx.ports, weights);
  for (let i = 0; i < 10 && dest.id === origin.id; i++) dest = rng.weighted(ctx.ports, weights);
  if (dest.id === origin.id) dest = ctx.ports.find((p) => p.id !== origin.id) ?? dest;
  const pts = seaPoints(ctx, origin.gate, dest.gate);
  const line = new Polyline(pts);
  const d = line.length * rng.uniform(0.05, 0.95);
  const rest = remainingFrom(pts, d);
  const b = new PlanBuilder(ctx.start, rest[0]);
  v.destinations.push({ from: ctx.start - HOUR, value: dest.name.toUpperCase().slice(0, 20) });
  // Sail on to the destination's gate, then call there if the call fits, else trade onwards.
  b.sail(rest.slice(1), speed);
  if (b.t < ctx.end) {
    const fit = fitVisit(ctx, v, dest, b.t);
    if (fit && fit !== 'beyond') {
      visitPort(ctx, v, b, dest.gate, dest, speed, fit);
      continueVoyages(ctx, v, b, dest.gate, dest.id, speed);
    } else continueVoyages(ctx, v, b, dest.gate, dest.id, speed);
  }
  v.legs = b.legs;
  return v;
}

/**
 * A vessel that reaches sea point `at` exactly at time `arrive`, coming from some port's lane:
 * it starts at sea on that lane, placed so the timing works out.
 */
function arriveAt(ctx: Ctx, v: SimVessel, at: LatLon, arrive: number, speed: number): PlanBuilder {
  const node = ctx.graph.nearestNode(at);
  const need = ((arrive - ctx.start) / HOUR) * speed * 1852;
  const origins = [...ctx.ports].sort((a, b) => a.id.localeCompare(b.id));
  let best: { pts: LatLon[]; len: number } | undefined;
  for (const p of origins) {
    if (p.gate === node) continue;
    const pts = [...seaPoints(ctx, p.gate, node), at];
    const len = new Polyline(pts).length;
    if (len >= need + 5000 && (!best || len < best.len)) best = { pts, len };
  }
  if (!best) {
    // No lane is long enough: start from the longest and sail slower.
    for (const p of origins) {
      const pts = [...seaPoints(ctx, p.gate, node), at];
      const len = new Polyline(pts).length;
      if (!best || len > best.len) best = { pts, len };
    }
  }
  if (!best) throw new Error('no lane to the rendezvous');
  const d = Math.max(0, best.len - need);
  const rest = remainingFrom(best.pts, d);
  const b = new PlanBuilder(ctx.start, rest[0]);
  const restLen = new Polyline(rest).length;
  const kn = restLen / 1852 / ((arrive - ctx.start) / HOUR);
  b.sail(rest.slice(1), Math.max(kn, 3));
  return b;
}

/** After a behaviour at sea: sail back to the nearest lane node and go on trading. */
function resume(ctx: Ctx, v: SimVessel, b: PlanBuilder, speed: number): void {
  const node = ctx.graph.nearestNode(b.pos);
  b.sail([ctx.graph.node(node)], speed);
  continueVoyages(ctx, v, b, node, undefined, speed);
  v.legs = b.legs;
}

function truth(ctx: Ctx, e: Parameters<typeof makeEvent>[0]): void {
  ctx.truth.push(makeEvent(e));
}

function ident(v: SimVessel, t: number): IdentityEpoch {
  let cur = v.identities[0];
  for (const x of v.identities) if (x.from <= t) cur = x;
  return cur;
}

function vesselFields(v: SimVessel, t: number): { mmsi: number; imo?: number; name?: string } {
  const id = ident(v, t);
  const out: { mmsi: number; imo?: number; name?: string } = { mmsi: id.mmsi, name: id.name };
  if (id.imo !== undefined) out.imo = id.imo;
  return out;
}

/** A random offshore rendezvous point of the theatre. */
function offshorePoint(ctx: Ctx, index: number): LatLon {
  const areas = ctx.theatre.offshore;
  const area = areas[index % areas.length];
  if (!area) throw new Error('theatre without offshore areas');
  return destination(area.centre, ctx.rng.uniform(0, 360), ctx.rng.uniform(0, area.radius_km * 500));
}

const TANKERS = ['crude_tanker', 'product_tanker'];

/** Ship-to-ship transfer with both vessels visible; both also loiter and change draught. */
function encounterVisible(ctx: Ctx, at: LatLon, tMeet: number, hours: number, label: string): void {
  const { rng } = ctx;
  const a = newVessel(ctx, pickKind(rng, TANKERS), pickFlag(rng, ctx.theatre), `${label}: mother tanker`);
  const bv = newVessel(ctx, pickKind(rng, TANKERS), pickFlag(rng, ctx.theatre), `${label}: receiving tanker`);
  const drift = rng.uniform(0, 360);
  const driftKn = rng.uniform(0.3, 0.8);
  const speedA = rng.uniform(11, 13);
  const speedB = rng.uniform(11, 13);
  // A arrives 40 min early and waits; B comes alongside (60 m abeam) and both drift together.
  const pa = arriveAt(ctx, a, at, tMeet - 40 * MIN, speedA);
  pa.stay(40 * MIN + hours * HOUR + 30 * MIN, STATUS.underWay, { driftKnots: driftKn, driftDir: drift, heading: drift });
  const alongside = destination(destination(at, drift, driftKn * 1852 * (40 / 60)), (drift + 90) % 360, 60);
  const pb = arriveAt(ctx, bv, alongside, tMeet, speedB);
  pb.stay(hours * HOUR, STATUS.underWay, { driftKnots: driftKn, driftDir: drift, heading: drift });
  const tEnd = tMeet + hours * HOUR;
  // Cargo moves from A to B: A rises, B settles (metres, as crews report them after the transfer).
  const dA = ident(a, tMeet);
  const dB = ident(bv, tMeet);
  const aBefore = (a.draughts[0] as { value: number }).value;
  const bBefore = (bv.draughts[0] as { value: number }).value;
  const aAfter = Math.round(Math.max(5, aBefore - rng.uniform(2.5, 3.5)) * 10) / 10;
  const bAfter = Math.round(Math.min(20, bBefore + rng.uniform(2.5, 3.5)) * 10) / 10;
  const tA = tEnd + 20 * MIN;
  const tB = tEnd - 30 * MIN;
  a.draughts.push({ from: tA, value: aAfter });
  bv.draughts.push({ from: tB, value: bAfter });
  resume(ctx, bv, pb, speedB);
  resume(ctx, a, pa, speedA);
  truth(ctx, {
    type: 'encounter', mmsi: dA.mmsi, other_mmsi: dB.mmsi, ...(dA.imo !== undefined ? { imo: dA.imo } : {}), name: dA.name,
    start: tMeet, end: tEnd, lat: at.lat, lon: at.lon, confidence: 1,
    details: { behaviour: label, hours, other_name: dB.name },
  });
  truth(ctx, { type: 'loitering', ...vesselFields(a, tMeet), start: tMeet - 40 * MIN, end: tEnd + 30 * MIN, lat: at.lat, lon: at.lon, confidence: 1, details: { behaviour: label } });
  truth(ctx, { type: 'loitering', ...vesselFields(bv, tMeet), start: tMeet, end: tEnd, lat: at.lat, lon: at.lon, confidence: 1, details: { behaviour: label } });
  truth(ctx, { type: 'draught_change', ...vesselFields(a, tA), start: tA, end: tA, lat: at.lat, lon: at.lon, confidence: 1, details: { behaviour: label, before: aBefore, after: aAfter } });
  truth(ctx, { type: 'draught_change', ...vesselFields(bv, tB), start: tB, end: tB, lat: at.lat, lon: at.lon, confidence: 1, details: { behaviour: label, before: bBefore, after: bAfter } });
}

/** Transfer with one party dark: the visible vessel loiters; the other is silent around it (a gap). */
function encounterDark(ctx: Ctx, at: LatLon, tMeet: number, hours: number, label: string, darkFlag: string, darkIdentity?: { name: string; imo: number }): void {
  const { rng } = ctx;
  const visible = newVessel(ctx, pickKind(rng, TANKERS), pickFlag(rng, ctx.theatre), `${label}: visible tanker`);
  const dark = newVessel(ctx, pickKind(rng, ['product_tanker']), darkFlag, `${label}: dark tanker`, darkIdentity ?? {});
  const drift = rng.uniform(0, 360);
  const driftKn = rng.uniform(0.3, 0.8);
  const sv = rng.uniform(11, 13);
  const sd = rng.uniform(10, 12);
  const pv = arriveAt(ctx, visible, at, tMeet - 30 * MIN, sv);
  pv.stay(30 * MIN + hours * HOUR + 30 * MIN, STATUS.underWay, { driftKnots: driftKn, driftDir: drift, heading: drift });
  const alongside = destination(destination(at, drift, driftKn * 1852 * 0.5), (drift + 90) % 360, 60);
  const pd = arriveAt(ctx, dark, alongside, tMeet, sd);
  pd.stay(hours * HOUR, STATUS.underWay, { driftKnots: driftKn, driftDir: drift, heading: drift });
  const off = tMeet - 3 * HOUR;
  const on = tMeet + hours * HOUR + 3 * HOUR;
  dark.dark.push([off, on]);
  resume(ctx, dark, pd, sd);
  resume(ctx, visible, pv, sv);
  truth(ctx, { type: 'loitering', ...vesselFields(visible, tMeet), start: tMeet - 30 * MIN, end: tMeet + hours * HOUR + 30 * MIN, lat: at.lat, lon: at.lon, confidence: 1, details: { behaviour: label } });
  const offPos = stateAt(dark.legs, off);
  truth(ctx, { type: 'gap', ...vesselFields(dark, off), start: off, end: on, lat: offPos.lat, lon: offPos.lon, confidence: 1, details: { behaviour: label, hours: (on - off) / HOUR } });
}

/** Drifting for hours far from shore ("floating storage"), with a draught change: dark loading. */
function loiterer(ctx: Ctx, at: LatLon, t0: number, hours: number, label: string, flag: string): void {
  const { rng } = ctx;
  const v = newVessel(ctx, pickKind(rng, TANKERS), flag, label);
  const speed = rng.uniform(11, 13);
  const b = arriveAt(ctx, v, at, t0, speed);
  const drift = rng.uniform(0, 360);
  b.stay(hours * HOUR, STATUS.underWay, { driftKnots: rng.uniform(0.4, 1.1), driftDir: drift, heading: drift });
  const before = (v.draughts[0] as { value: number }).value;
  const after = Math.round(Math.min(20, before + rng.uniform(3, 4)) * 10) / 10;
  const tD = t0 + hours * HOUR * 0.8;
  v.draughts.push({ from: tD, value: after });
  resume(ctx, v, b, speed);
  truth(ctx, { type: 'loitering', ...vesselFields(v, t0), start: t0, end: t0 + hours * HOUR, lat: at.lat, lon: at.lon, confidence: 1, details: { behaviour: label } });
  const p = stateAt(v.legs, tD);
  truth(ctx, { type: 'draught_change', ...vesselFields(v, tD), start: tD, end: tD, lat: p.lat, lon: p.lon, confidence: 1, details: { behaviour: label, before, after } });
}

/** Going dark at sea in good coverage for `hours`, while carrying on along the lane. */
function goingDark(ctx: Ctx, hours: number, label: string): void {
  const { rng } = ctx;
  for (let attempt = 0; attempt < 20; attempt++) {
    const v = ordinaryVessel(ctx, ['bulk_carrier', 'general_cargo', 'product_tanker']);
    v.role = label;
    // Find an at-sea stretch (moving, outside ports) long enough, well inside the scenario.
    for (const leg of v.legs) {
      if (leg.kind !== 'move') continue;
      const t0 = Math.max(leg.t0 + HOUR, ctx.start + 4 * HOUR);
      const off = t0 + rng.uniform(0, HOUR);
      const on = off + hours * HOUR;
      if (on > ctx.end - 3 * HOUR) continue;
      const s0 = stateAt(v.legs, off);
      const s1 = stateAt(v.legs, on);
      if (s0.speed < 5 || s1.speed < 5 || !inOpenSea(ctx, v, off, on)) continue;
      v.dark.push([off, on]);
      truth(ctx, { type: 'gap', ...vesselFields(v, off), start: off, end: on, lat: s0.lat, lon: s0.lon, confidence: 1, details: { behaviour: label, hours } });
      return;
    }
    ctx.vessels.pop();
  }
}

/** True when the vessel is under way at sea (no port stay) at both ends of [t0, t1]. */
function inOpenSea(ctx: Ctx, v: SimVessel, t0: number, t1: number): boolean {
  for (const t of [t0, t1]) {
    const s = stateAt(v.legs, t);
    for (const p of ctx.theatre.ports) if (distanceM(s, p) < p.radius_m + 15_000) return false;
  }
  return true;
}

/** Visible call at a sanctioned port (the port_visit itself comes from the geometric truth). */
function sanctionedCall(ctx: Ctx, portId: string, label: string, flag: string, dark: boolean): void {
  const { rng } = ctx;
  const port = portById(ctx.theatre, portId);
  const v = newVessel(ctx, pickKind(rng, ['product_tanker', 'general_cargo']), flag, label);
  const speed = rng.uniform(10, 12);
  const gate = ctx.graph.node(port.gate);
  const b = arriveAt(ctx, v, gate, ctx.start + rng.uniform(7, 10) * HOUR, speed);
  const available = (ctx.end - 1.5 * HOUR - b.t) / HOUR - harbourHours(ctx, port);
  const berthHours = Math.max(2, Math.min(rng.uniform(10, 14), available - 3));
  const queueHours = Math.max(0, Math.min(rng.uniform(2, 4), available - berthHours));
  const times = visitPort(ctx, v, b, port.gate, port, speed, { queueHours, berthHours, draughtChange: !dark });
  if (dark) {
    // Off ~2 h before the port area, on again ~2 h after leaving it.
    const off = times.gateIn - 2 * HOUR;
    const on = times.gateOut + 2 * HOUR;
    v.dark.push([off, on]);
    const s = stateAt(b.legs, off);
    truth(ctx, { type: 'gap', ...vesselFields(v, off), start: off, end: on, lat: s.lat, lon: s.lon, confidence: 1, details: { behaviour: label, port: port.id } });
  }
  resume(ctx, v, b, speed);
}

/** Reflagging: dark for 90 minutes at sea, back under a new MMSI, name, call sign and flag, same IMO. */
function reflag(ctx: Ctx, label: string, newFlag: string): void {
  const { rng } = ctx;
  for (let attempt = 0; attempt < 20; attempt++) {
    const v = ordinaryVessel(ctx, TANKERS);
    v.role = label;
    const t0 = ctx.start + rng.uniform(12, 20) * HOUR;
    const t1 = t0 + 1.5 * HOUR;
    if (t1 > ctx.end - 4 * HOUR || !inOpenSea(ctx, v, t0, t1)) {
      ctx.vessels.pop();
      continue;
    }
    const old = v.identities[0];
    const next: IdentityEpoch = { from: t1, mmsi: ctx.pool.mmsi(newFlag), name: ctx.pool.name(newFlag), callsign: ctx.pool.callsign(newFlag), flag: newFlag };
    if (old.imo !== undefined) next.imo = old.imo;
    v.identities.push(next);
    v.dark.push([t0, t1]);
    const s = stateAt(v.legs, t1);
    truth(ctx, {
      type: 'identity_change', mmsi: next.mmsi, ...(next.imo !== undefined ? { imo: next.imo } : {}), name: next.name,
      start: t1, end: t1, lat: s.lat, lon: s.lon, confidence: 1,
      details: { behaviour: label, before: { mmsi: old.mmsi, name: old.name, callsign: old.callsign, flag: old.flag }, after: { mmsi: next.mmsi, name: next.name, callsign: next.callsign, flag: next.flag } },
    });
    return;
  }
}

/** Identity theft: a second hull broadcasting a sanctioned vessel's IMO while the real one is on the air. */
function identityTheft(ctx: Ctx, label: string, real: { name: string; imo: number; flag: string }, cloneFlag: string): void {
  const { rng } = ctx;
  ctx.pool.reserve(undefined, real.imo, real.name);
  const original = ordinaryVessel(ctx, ['product_tanker']);
  original.role = `${label}: the listed vessel`;
  const o = original.identities[0];
  Object.assign(o, { imo: real.imo, name: real.name, flag: real.flag, mmsi: ctx.pool.mmsi(real.flag), callsign: ctx.pool.callsign(real.flag) });
  const clone = ordinaryVessel(ctx, ['product_tanker']);
  clone.role = `${label}: the clone`;
  const c = clone.identities[0];
  Object.assign(c, { imo: real.imo, name: ctx.pool.name(cloneFlag), flag: cloneFlag, mmsi: ctx.pool.mmsi(cloneFlag), callsign: ctx.pool.callsign(cloneFlag) });
  // The clone comes on the air two hours in, while the listed vessel is already broadcasting.
  const on = ctx.start + rng.uniform(2, 3) * HOUR;
  clone.dark.push([ctx.start - HOUR, on]);
  // Detectable once both have claimed the IMO for 30 minutes (docs/detectors/identity_anomaly.md)
  // and for as long as both go on claiming it: the span covers detections delayed by reception
  // (a detector learns an IMO only when it hears a type 5 message).
  const at = on + 30 * MIN;
  const s = stateAt(clone.legs, at);
  truth(ctx, {
    type: 'identity_anomaly', mmsi: c.mmsi, imo: real.imo, name: c.name, start: at, end: ctx.end, lat: s.lat, lon: s.lon, confidence: 1,
    details: { behaviour: label, anomaly: 'imo_claimed_by_two_mmsis', other_mmsi: o.mmsi },
  });
}

/** Two transmitters configured with the same MMSI and identity, far apart, on the air together. */
function sharedMmsi(ctx: Ctx, label: string): void {
  const a = ordinaryVessel(ctx, ['general_cargo']);
  const b = ordinaryVessel(ctx, ['general_cargo']);
  a.role = `${label}: first transmitter`;
  b.role = `${label}: second transmitter`;
  b.identities = a.identities.map((x) => ({ ...x }));
  b.aisClass = a.aisClass;
  b.dims = { ...a.dims };
  // One configuration on both: the same static data all the time (a changing draught or
  // destination would be attributed to whichever track the tracker picks).
  a.draughts = [a.draughts[0]];
  b.draughts = a.draughts.map((x) => ({ ...x }));
  a.destinations = [{ from: ctx.start - HOUR, value: 'FOR ORDERS' }];
  b.destinations = a.destinations.map((x) => ({ ...x }));
  const id = a.identities[0];
  const s = stateAt(a.legs, ctx.start);
  truth(ctx, {
    type: 'shared_mmsi', mmsi: id.mmsi, ...(id.imo !== undefined ? { imo: id.imo } : {}), name: id.name,
    // Reported when the two tracks have been on the air together for an hour (docs/detectors/shared_mmsi.md).
    start: ctx.start, end: ctx.start + HOUR, lat: s.lat, lon: s.lon, confidence: 1, details: { behaviour: label, transmitters: 2, until: new Date(ctx.end).toISOString() },
  });
}

/** Position spoofing: a short jump, a spell on land, or GNSS-interference circles. */
function spoof(ctx: Ctx, kind: 'jump' | 'land', label: string): void {
  const { rng } = ctx;
  for (let attempt = 0; attempt < 60; attempt++) {
    const v = ordinaryVessel(ctx, ['bulk_carrier', 'container', 'general_cargo']);
    v.role = label;
    const t0 = ctx.start + rng.uniform(6, Math.max(7, (ctx.end - ctx.start) / HOUR - 8)) * HOUR;
    // A jump is one or two false fixes (a longer run would look like a second transmitter).
    const dur = kind === 'jump' ? 1.2 * reportInterval(v.aisClass, stateAt(v.legs, t0)) : 20 * MIN;
    const t1 = t0 + dur;
    // Staged where shore stations hear it reliably: the false fixes must reach the feed.
    if (!inOpenSea(ctx, v, t0, t1) || stateAt(v.legs, t0).speed < 5 || !inShoreCoverage(ctx.theatre, stateAt(v.legs, t0))) {
      ctx.vessels.pop();
      continue;
    }
    const s = stateAt(v.legs, t0);
    const site = ctx.theatre.spoofSites[0];
    const centre = kind === 'jump' ? destination(s, rng.uniform(0, 360), rng.uniform(90_000, 140_000)) : (site?.centre ?? s);
    v.spoofs.push({ t0, t1, kind, centre, radiusM: kind === 'land' ? 300 : 0 });
    truth(ctx, { type: 'spoofing', ...vesselFields(v, t0), start: t0, end: t1, lat: centre.lat, lon: centre.lon, confidence: 1, details: { behaviour: label, kind } });
    return;
  }
}

/** GNSS interference: three ships near a coastal site report positions circling a point on land. */
function circles(ctx: Ctx, label: string): void {
  const { rng } = ctx;
  const site = ctx.theatre.spoofSites[0];
  if (!site) return;
  const t0 = ctx.start + rng.uniform(10, 14) * HOUR;
  for (let i = 0; i < 3; i++) {
    const v = newVessel(ctx, pickKind(rng, ['bulk_carrier', 'container', 'product_tanker']), pickFlag(rng, ctx.theatre), `${label}: victim ${i + 1}`);
    const speed = rng.uniform(11, 14);
    const b = arriveAt(ctx, v, site.near, t0 + (10 + 10 * i) * MIN, speed);
    resume(ctx, v, b, speed);
    v.spoofs.push({ t0, t1: t0 + 45 * MIN, kind: 'circle', centre: site.centre, radiusM: 1000 + 50 * i });
    truth(ctx, { type: 'spoofing', ...vesselFields(v, t0), start: t0, end: t0 + 45 * MIN, lat: site.centre.lat, lon: site.centre.lon, confidence: 1, details: { behaviour: label, kind: 'circle', site: site.id } });
  }
}

function injectEastAsia(ctx: Ctx): void {
  const { rng, start } = ctx;
  const span = (ctx.end - ctx.start) / HOUR;
  const mid = (f: number): number => start + Math.max(8, Math.min(span - 14, span * f)) * HOUR;
  // Each behaviour more than once, at different places and times, so that scores are not n = 1.
  encounterVisible(ctx, offshorePoint(ctx, 0), mid(0.25), rng.uniform(6, 8), 'STS transfer, both visible (East China Sea)');
  encounterVisible(ctx, offshorePoint(ctx, 1), mid(0.55), rng.uniform(6, 8), 'STS transfer, both visible (East China Sea)');
  encounterDark(ctx, offshorePoint(ctx, 1), mid(0.3), rng.uniform(6, 7), 'STS transfer with a dark DPRK tanker', 'KP', { name: 'YU JONG 2', imo: 8604917 });
  encounterDark(ctx, offshorePoint(ctx, 2), mid(0.6), rng.uniform(6, 7), 'STS transfer with a dark DPRK tanker', 'KP', { name: 'NAM SAN 8', imo: 8122347 });
  loiterer(ctx, offshorePoint(ctx, 2), mid(0.2), rng.uniform(7, 9), 'floating storage loitering, loads at sea', 'SL');
  loiterer(ctx, offshorePoint(ctx, 0), mid(0.6), rng.uniform(7, 9), 'floating storage loitering, loads at sea', 'TG');
  for (let i = 0; i < 3; i++) goingDark(ctx, rng.uniform(9, 14), 'going dark in good coverage');
  sanctionedCall(ctx, 'KPNAM', 'visible port call at Nampo', 'SL', false);
  sanctionedCall(ctx, 'KPNAM', 'visible port call at Nampo', 'MN', false);
  sanctionedCall(ctx, 'KPNAM', 'dark port call at Nampo', 'TG', true);
  reflag(ctx, 'reflagged under a new MMSI, same IMO', 'CM');
  reflag(ctx, 'reflagged under a new MMSI, same IMO', 'SL');
  identityTheft(ctx, 'identity theft of a UN-listed tanker', { name: 'CHON MA SAN', imo: 8660313, flag: 'KP' }, 'MN');
  identityTheft(ctx, 'identity theft of a UN-listed tanker', { name: 'KUM UN SAN 3', imo: 8705539, flag: 'KP' }, 'TG');
  sharedMmsi(ctx, 'one MMSI on two transmitters');
  sharedMmsi(ctx, 'one MMSI on two transmitters');
  spoof(ctx, 'jump', 'position jump');
  spoof(ctx, 'jump', 'position jump');
  circles(ctx, 'GNSS interference circles off Nanhui');
}

function injectBaltic(ctx: Ctx): void {
  const { rng, start } = ctx;
  const span = (ctx.end - ctx.start) / HOUR;
  const mid = (f: number): number => start + Math.max(8, Math.min(span - 14, span * f)) * HOUR;
  encounterVisible(ctx, offshorePoint(ctx, 0), mid(0.25), rng.uniform(6, 8), 'shadow-fleet STS east of Gotland');
  encounterVisible(ctx, offshorePoint(ctx, 1), mid(0.5), rng.uniform(6, 8), 'shadow-fleet STS in the central Baltic');
  encounterDark(ctx, offshorePoint(ctx, 1), mid(0.25), rng.uniform(6, 7), 'STS with a dark shadow-fleet tanker', 'GA');
  encounterDark(ctx, offshorePoint(ctx, 0), mid(0.55), rng.uniform(6, 7), 'STS with a dark shadow-fleet tanker', 'CM');
  loiterer(ctx, offshorePoint(ctx, 0), mid(0.75), rng.uniform(7, 9), 'shadow-fleet tanker loitering', 'CM');
  loiterer(ctx, offshorePoint(ctx, 1), mid(0.75), rng.uniform(7, 9), 'shadow-fleet tanker loitering', 'GA');
  for (let i = 0; i < 3; i++) goingDark(ctx, rng.uniform(9, 14), 'going dark in good coverage');
  reflag(ctx, 'shadow-fleet reflagging (Gabon to Comoros)', 'KM');
  reflag(ctx, 'shadow-fleet reflagging (to Sierra Leone)', 'SL');
  identityTheft(ctx, 'identity theft of an EU-listed shadow-fleet tanker', { name: 'EAGLE S', imo: 9329760, flag: 'CK' }, 'SL');
  sharedMmsi(ctx, 'one MMSI on two transmitters');
  sharedMmsi(ctx, 'one MMSI on two transmitters');
  spoof(ctx, 'jump', 'position jump');
  spoof(ctx, 'jump', 'position jump');
  spoof(ctx, 'land', 'positions on land near Kaliningrad (GNSS jamming)');
  spoof(ctx, 'land', 'positions on land near Kaliningrad (GNSS jamming)');
}

/** Build a scenario: the preset's fleet and, unless it is the false-alarm preset, its behaviours. */
export function buildScenario(opts: ScenarioOptions): Scenario {
  const preset = PRESETS[opts.preset];
  if (!preset) throw new Error(`unknown preset '${opts.preset}' (presets: ${Object.keys(PRESETS).join(', ')})`);
  const seed = opts.seed ?? 1;
  const hours = opts.hours ?? preset.hours;
  const start = opts.start ?? DEFAULT_START;
  const end = start + hours * HOUR;
  const theatre = preset.theatre;
  const rng = Rng.derive(seed, `scenario:${preset.name}`);
  const ports = (preset.ports ? preset.ports.map((id) => portById(theatre, id)) : theatre.ports).filter((p) => p.weight > 0);
  const ctx: Ctx = {
    rng, theatre, graph: new LaneGraph(theatre), ports, start, end,
    pool: new IdentityPool(Rng.derive(seed, 'identities')),
    isOnLand: opts.isOnLand ?? (() => false),
    vessels: [], truth: [],
  };
  if (preset.behaviours && hours >= 30) {
    if (theatre.id === 'east-asia') injectEastAsia(ctx);
    else injectBaltic(ctx);
  }
  const total = Math.max(opts.vessels ?? preset.vessels, ctx.vessels.length);
  while (ctx.vessels.length < total) ordinaryVessel(ctx);
  for (const v of ctx.vessels) {
    v.draughts.sort((x, y) => x.from - y.from);
    v.destinations.sort((x, y) => x.from - y.from);
    if (planEnd(v.legs) < end) {
      // Pad a plan that finished early (should not happen) with a stay where it ended.
      const b = new PlanBuilder(planEnd(v.legs), stateAt(v.legs, planEnd(v.legs)));
      b.stay(end - b.t + HOUR, STATUS.underWay);
      v.legs.push(...b.legs);
    }
  }
  ctx.truth.sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
  return { preset, seed, start, end, loss: opts.loss ?? preset.loss, vessels: ctx.vessels, behaviourTruth: ctx.truth };
}
