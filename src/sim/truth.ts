/**
 * Geometric ground truth: the port visits, zone entries and exits and transits that a correct
 * detector with the documented defaults (docs/detectors) reports for the simulated tracks,
 * computed from the true positions at the moments each transponder reports, against the same
 * reference data `lookout analyze` will use (bundled plus the scenario's ports and zones).
 */
import type { LookoutEvent } from '../detect/event.js';
import { makeEvent } from '../detect/event.js';
import type { Port, RefData, Zone } from '../geo/types.js';
import type { Scenario } from './scenario.js';
import { distanceM, NM } from './sphere.js';
import { transmissions } from './stream.js';
import { valueAt, type IdentityEpoch, type SimVessel } from './vessel.js';
import { stateAt } from './motion.js';

/** The detector defaults the truth follows (docs/detectors/port-visit.md, zones.md). */
export const TRUTH_RULES = {
  /** Port visit: stopped at or below this speed, knots. */
  stopKnots: 0.2,
  /** Port visit: leaves beyond this multiple of the port radius. */
  exitRadiusFactor: 4 / 3,
  /** Port visit: shorter stays are not visits, minutes. */
  minStayMinutes: 30,
  /** Zones: fixes on the new side that confirm a crossing. */
  confirmPositions: 2,
  /** Transit: minimum mean speed, knots. */
  transitKnots: 5,
  /** Transit of a zone without gates: minimum displacement, km. */
  transitDisplacementKm: 5,
  /** Zones: a silence longer than this across a boundary is a crossing while dark, minutes. */
  darkCrossingMinutes: 60,
  /** Draught change: a port visit ending this many hours before explains the change (docs/detectors/draught_change.md). */
  draughtPortGraceHours: 24,
  /** Zones: membership is checked at most this often per track, seconds. */
  zoneCheckSeconds: 30,
  /** Transit of a zone without gates: displacement at least this share of the path inside. */
  transitStraightness: 0.5,
  /** Zone kinds with transits. */
  transitKinds: ['strait', 'territorial_sea', 'sea', 'area', 'user'],
};

interface TFix {
  time: number;
  lat: number;
  lon: number;
  speed: number;
}

interface ZoneRun {
  zone: Zone;
  pending: boolean;
  first: TFix;
  count: number;
  before: TFix | undefined;
  observed: boolean;
  pathM: number;
  lastInside: TFix;
  out: TFix | undefined;
  outCount: number;
}

interface TrackState {
  id: IdentityEpoch;
  vessel: SimVessel;
  /** Last fix whose zone membership was evaluated. */
  zoneLast: TFix | undefined;
  last: TFix | undefined;
  visit: { entry: TFix; last: TFix; ports: Map<string, { port: Port; stoppedMs: number; ms: number }>; stopped: boolean; stops: number } | undefined;
  zones: Map<string, ZoneRun>;
}

function fields(id: IdentityEpoch): { mmsi: number; imo?: number; name?: string } {
  const out: { mmsi: number; imo?: number; name?: string } = { mmsi: id.mmsi, name: id.name };
  if (id.imo !== undefined) out.imo = id.imo;
  return out;
}

/** Port visits, zone entries/exits and transits of every simulated track. */
export function geometricTruth(sc: Scenario, refdata: Pick<RefData, 'portsAt' | 'zonesAt'>): LookoutEvent[] {
  const R = TRUTH_RULES;
  const out: LookoutEvent[] = [];
  const tracks = new Map<string, TrackState>();

  const closeVisit = (s: TrackState, exit: TFix | undefined): void => {
    const v = s.visit;
    s.visit = undefined;
    if (!v || v.stops === 0) return;
    const end = exit ? exit.time : v.last.time;
    if (end - v.entry.time < R.minStayMinutes * 60_000) return;
    let best: { port: Port; stoppedMs: number; ms: number } | undefined;
    for (const t of v.ports.values()) if (!best || t.stoppedMs > best.stoppedMs || (t.stoppedMs === best.stoppedMs && t.ms > best.ms)) best = t;
    if (!best) return;
    out.push(makeEvent({
      type: 'port_visit', ...fields(s.id), start: v.entry.time, end, lat: best.port.lat, lon: best.port.lon, confidence: 1,
      key: best.port.id,
      details: { port: best.port.id, port_name: best.port.name, sanctioned: best.port.tags.includes('sanctioned'), truth: 'geometric' },
    }));
  };

  /**
   * When the transponder was silent across a boundary (> 60 min between the fixes either side),
   * the crossing's time is the true one from the vessel's plan, not the next fix's.
   */
  const crossing = (s: TrackState, z: Zone, before: TFix | undefined, after: TFix, inside: boolean): TFix => {
    if (!before || after.time - before.time <= R.darkCrossingMinutes * 60_000) return after;
    for (let t = after.time - 60_000; t > before.time; t -= 60_000) {
      const p = stateAt(s.vessel.legs, t);
      const isIn = refdata.zonesAt(p.lat, p.lon).some((x) => x.id === z.id);
      if (isIn !== inside) {
        const q = stateAt(s.vessel.legs, t + 60_000);
        return { time: t + 60_000, lat: q.lat, lon: q.lon, speed: q.speed };
      }
    }
    return after;
  };

  const zoneEvent = (s: TrackState, type: 'zone_entry' | 'zone_exit', z: Zone, f: TFix): void => {
    out.push(makeEvent({ type, ...fields(s.id), start: f.time, end: f.time, lat: f.lat, lon: f.lon, confidence: 1, key: z.id, details: { zone: z.id, zone_name: z.name, truth: 'geometric' } }));
  };

  const nearestGate = (z: Zone, f: TFix): string | undefined => {
    let best: string | undefined;
    let bd = Infinity;
    for (const g of z.gates ?? []) {
      const d = distanceM(f, g);
      if (d < bd) { bd = d; best = g.name; }
    }
    return best;
  };

  const exitZone = (s: TrackState, zr: ZoneRun, o: TFix): void => {
    const crossedOut = crossing(s, zr.zone, zr.lastInside, o, false);
    zoneEvent(s, 'zone_exit', zr.zone, crossedOut);
    if (!zr.observed || !R.transitKinds.includes(zr.zone.kind)) return;
    const a = zr.before ?? zr.first;
    const pathM = zr.pathM + distanceM(zr.lastInside, o) + (zr.before ? distanceM(zr.before, zr.first) : 0);
    const hours = (o.time - a.time) / 3_600_000;
    if (hours <= 0 || pathM / NM / hours < R.transitKnots) return;
    let from: string | undefined;
    let to: string | undefined;
    if (zr.zone.gates && zr.zone.gates.length >= 2) {
      from = nearestGate(zr.zone, a);
      to = nearestGate(zr.zone, o);
      if (from === undefined || from === to) return;
    } else if (distanceM(a, o) < R.transitDisplacementKm * 1000 || distanceM(a, o) < R.transitStraightness * pathM) return;
    out.push(makeEvent({
      type: 'transit', ...fields(s.id), start: crossing(s, zr.zone, zr.before, zr.first, true).time, end: crossedOut.time, lat: (a.lat + o.lat) / 2, lon: (a.lon + o.lon) / 2, confidence: 1, key: zr.zone.id,
      details: { zone: zr.zone.id, zone_name: zr.zone.name, ...(from !== undefined ? { from, to } : {}), truth: 'geometric' },
    }));
  };

  for (const tx of transmissions(sc, 0)) {
    const m = tx.message;
    if (m.type !== 1 && m.type !== 18) continue;
    const id = valueAt(tx.vessel.identities, tx.time) as IdentityEpoch;
    const key = `${tx.vessel.key}|${id.mmsi}`;
    let s = tracks.get(key);
    if (!s) {
      s = { id, vessel: tx.vessel, zoneLast: undefined, last: undefined, visit: undefined, zones: new Map() };
      tracks.set(key, s);
    }
    const f: TFix = { time: tx.time, lat: tx.truth.lat, lon: tx.truth.lon, speed: typeof m.speed === 'number' ? m.speed : tx.truth.speed };

    // Port visits (docs/detectors/port-visit.md).
    const ports = refdata.portsAt(f.lat, f.lon);
    if (!s.visit) {
      if (ports.length) {
        s.visit = { entry: f, last: f, ports: new Map(), stopped: false, stops: 0 };
        for (const p of ports) s.visit.ports.set(p.id, { port: p, stoppedMs: 0, ms: 0 });
      }
    } else {
      const v = s.visit;
      for (const p of ports) if (!v.ports.has(p.id)) v.ports.set(p.id, { port: p, stoppedMs: 0, ms: 0 });
      let holding: Port | undefined = ports[0];
      if (!holding) {
        let bestRatio = Infinity;
        for (const t of v.ports.values()) {
          const r = distanceM(f, t.port) / (t.port.radius_m * R.exitRadiusFactor);
          if (r <= 1 && r < bestRatio) { bestRatio = r; holding = t.port; }
        }
      }
      if (!holding) closeVisit(s, f);
      else {
        const dt = f.time - v.last.time;
        const t = v.ports.get(holding.id);
        if (t) {
          t.ms += dt;
          if (v.stopped) t.stoppedMs += dt;
        }
      }
    }
    if (s.visit) {
      const v = s.visit;
      if (!v.stopped && f.speed <= R.stopKnots) { v.stopped = true; v.stops++; }
      else if (v.stopped && f.speed >= 0.5) v.stopped = false;
      v.last = f;
    }

    // Zones (docs/detectors/zones.md), checked at most every zoneCheckSeconds.
    const zoneFirst = s.zoneLast === undefined;
    if (!zoneFirst && f.time - (s.zoneLast as TFix).time < R.zoneCheckSeconds * 1000) {
      s.last = f;
      continue;
    }
    const zoneBefore = s.zoneLast;
    s.zoneLast = f;
    const here = new Set<string>();
    for (const z of refdata.zonesAt(f.lat, f.lon)) {
      here.add(z.id);
      const zr = s.zones.get(z.id);
      if (!zr) {
        const run: ZoneRun = { zone: z, pending: !zoneFirst, first: f, count: 1, before: zoneBefore, observed: !zoneFirst, pathM: 0, lastInside: f, out: undefined, outCount: 0 };
        s.zones.set(z.id, run);
        continue;
      }
      zr.pathM += distanceM(zr.lastInside, f);
      zr.lastInside = f;
      zr.out = undefined;
      zr.outCount = 0;
      if (zr.pending && ++zr.count >= R.confirmPositions) {
        zr.pending = false;
        zoneEvent(s, 'zone_entry', zr.zone, crossing(s, zr.zone, zr.before, zr.first, true));
      }
    }
    for (const [zid, zr] of s.zones) {
      if (here.has(zid)) continue;
      if (zr.pending) {
        s.zones.delete(zid);
        continue;
      }
      if (!zr.out) { zr.out = f; zr.outCount = 1; }
      else zr.outCount++;
      if (zr.outCount >= R.confirmPositions) {
        s.zones.delete(zid);
        exitZone(s, zr, zr.out);
      }
    }
    s.last = f;
  }
  for (const s of tracks.values()) closeVisit(s, undefined);
  return out;
}

/** All ground truth of a scenario: injected behaviours plus geometric truth, sorted by start. */
export function scenarioTruth(sc: Scenario, refdata: Pick<RefData, 'portsAt' | 'zonesAt'>): LookoutEvent[] {
  const geo = geometricTruth(sc, refdata);
  // A draught change near a port call is explained by it: not an event (the detector's rule).
  const grace = TRUTH_RULES.draughtPortGraceHours * 3_600_000;
  // The injected changes all follow a stop at sea, which the detector takes as the explanation
  // whatever port call comes later; a port call in the hours before still explains them.
  const explained = (e: LookoutEvent): boolean =>
    e.type === 'draught_change' &&
    geo.some((v) => v.type === 'port_visit' && v.mmsi === e.mmsi && Date.parse(v.start) <= Date.parse(e.start) && Date.parse(e.start) <= Date.parse(v.end) + grace);
  const all = [...sc.behaviourTruth.filter((e) => !explained(e)), ...geo];
  all.sort((a, b) => a.start.localeCompare(b.start) || a.type.localeCompare(b.type) || a.mmsi - b.mmsi || a.id.localeCompare(b.id));
  return all;
}
