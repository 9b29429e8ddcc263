/**
 * `port_visit`: one stay in a port, from entry to exit. Global Fishing Watch's per-vessel state
 * machine with hysteresis: a vessel enters when a port's area contains it and leaves only when it
 * is beyond `exitRadiusFactor` × the radius of every port met during the visit, so one stay is one
 * visit even where port definitions overlap. The port named is the best match (refdata.portsAt
 * order) where the vessel spent most time stopped. GFW's confidence levels (entry, exit, stop,
 * in-port silence) become the event confidence; `sanctioned` / `high_risk` come from port tags.
 * docs/detectors/port_visit.md documents definition, parameters and limits.
 */
import type { Port } from '../geo/types.js';
import type { Fix, Track } from '../track/types.js';
import type { Detector, DetectorContext } from './detector.js';
import { makeEvent } from './event.js';
import { TrackStates } from './track-states.js';
import { fixEvidence, round, vesselFields } from './movement-util.js';
import { HOUR_MS, NM, PointGrid, haversineM, type GridItem } from './spatial-grid.js';

/** Port visit parameters; sources are sections of shared/research/behaviours.md. */
export const PORT_VISIT_DEFAULTS = {
  /**
   * Exit radius as a multiple of the port's entry radius. §5.1: GFW enters within 3 km and leaves
   * beyond 4 km of an anchorage (hysteresis), i.e. 4/3.
   */
  exitRadiusFactor: 4 / 3,
  /** Stopped at or below this speed, knots. §5.1: ≤ 0.2 kn. */
  stopSpeedKnots: 0.2,
  /** Moving again at or above this speed, knots. §5.1: ≥ 0.5 kn. */
  moveSpeedKnots: 0.5,
  /** Silence in port that counts as a port gap, hours. §5.1: ≥ 4 h. */
  portGapHours: 4,
  /** Minimum GFW confidence level (1–4) to report. §5.1: products use ≥ 2. */
  minConfidenceLevel: 2,
  /** Minimum stay, minutes: shorter touches of a port area are not visits. (ours) */
  minStayMinutes: 30,
  /**
   * Away from ports, the next port check waits until a vessel at this speed could have reached
   * the nearest port area (cost bound; faster craft may be seen entering late), knots. (ours)
   */
  maxApproachSpeedKnots: 40,
  /** Fixes closer in time than this to the last examined fix are skipped (cost bound), seconds. (ours) */
  checkIntervalSeconds: 30,
};
export type PortVisitParams = typeof PORT_VISIT_DEFAULTS;

interface PortTally {
  port: Port;
  ms: number;
  stoppedMs: number;
}

interface Visit {
  /** The tally last returned by `tally` (most fixes of a visit name the same port). */
  lastTally: PortTally | undefined;
  entryObserved: boolean;
  entryFix: Fix;
  lastInside: Fix;
  ports: Map<string, PortTally>;
  stopped: boolean;
  stops: number;
  stoppedMs: number;
  gaps: number;
  maxSilenceMs: number;
  sumLat: number;
  sumLon: number;
  n: number;
  stopSumLat: number;
  stopSumLon: number;
  stopN: number;
}

interface PortState {
  track: Track;
  last: Fix | undefined;
  visit: Visit | undefined;
  /**
   * This state's slot: twice Track.index for a tracker's track (found from the track alone), an
   * odd number for a hand-built one. times[8n] is the time of `last` (-Infinity: none),
   * times[8n + 1] the next check (away from ports: no port area can be reached before it),
   * times[8n + 2 .. 8n + 4] where nextCheckTime last measured the nearest port centre (lat, lon)
   * and that distance (Infinity: none yet): a later fix within maxRadius − that distance of it
   * has a centre within maxRadius too, and times[8n + 5 .. 8n + 7] the port lookup cache (below).
   */
  n: number;
  /**
   * Last port lookup that found no port or exactly one (`sole`): within times[8n + 7] metres of
   * (times[8n + 5], times[8n + 6]) (lat, lon) the lookup cannot answer anything else (see
   * `soleMargin`, `emptyMargin`); times[8n + 7] = 0: no such lookup. In `times`, not as fields:
   * a double field is a separate heap number, one more memory access per fix.
   */
  sole: Port | undefined;
}

/** A port centre in the detector's own grid (overlap search). */
interface PortItem extends GridItem {
  port: Port;
}

/** Radius of the port search that bounds the empty-lookup cache, metres beyond the largest port radius. */
const EMPTY_QUERY_M = 10_000;

/** Rounding allowance of the single-port cache, metres. */
const SLACK_M = 1;

/** Numbers per slot in a port_visit detector's `times` (see PortState.n): one cache line. */
const SLOT = 8;

/** How far around a vessel the skip-ahead looks for ports, metres. */
const LOOKAHEAD_M = 50_000;

/**
 * `times` grown to hold at least `length` numbers (doubling), each new slot set to
 * [-Infinity, -Infinity, 0, 0, Infinity, 0, 0, 0] (no fix yet, check at once, no port centre
 * measured, no cached lookup).
 */
function grown(times: Float64Array, length: number): Float64Array {
  let n = Math.max(SLOT, times.length);
  while (n < length) n *= 2;
  const t = new Float64Array(n);
  t.set(times);
  for (let k = times.length; k + SLOT <= n; k += SLOT) {
    t[k] = -Infinity;
    t[k + 1] = -Infinity;
    t[k + 4] = Infinity;
  }
  return t;
}

/** Create the `port_visit` detector. */
export function createPortVisitDetector(ctx: DetectorContext, params: Partial<PortVisitParams> = {}): Detector {
  const p: PortVisitParams = { ...PORT_VISIT_DEFAULTS, ...params };
  const states = new TrackStates<PortState>();
  /** Per slot (SLOT numbers), its last examined time, next check and lookup caches (see PortState.n). */
  let times = grown(new Float64Array(0), SLOT * 256);
  /** Tracks without Track.index seen so far (their slots are the odd numbers). */
  let unindexed = 0;
  const checkMs = p.checkIntervalSeconds * 1000;
  const maxRadius = ctx.refdata.ports.reduce((m, port) => Math.max(m, port.radius_m), 0);
  const approachMps = (p.maxApproachSpeedKnots * NM) / 3600;
  // Port areas are circles and portsAt returns exactly the ports with haversine(point, centre) ≤
  // radius. Per port, the ports whose circles overlap it (found on first use): only those can
  // also contain a point inside it.
  const overlapping = new Map<Port, Port[]>();
  let centres: PointGrid<PortItem> | undefined;
  const found: PortItem[] = [];
  const foundD: number[] = [];
  function buildCentres(): void {
    const grid = new PointGrid<PortItem>(0.5);
    ctx.refdata.ports.forEach((x, i) => grid.set(String(i), { lat: x.lat, lon: x.lon, cell: -1, port: x }));
    centres = grid;
  }
  function overlapsOf(port: Port): Port[] {
    let list = overlapping.get(port);
    if (list === undefined) {
      if (centres === undefined) buildCentres();
      list = [];
      const n = (centres as PointGrid<PortItem>).nearInto(port.lat, port.lon, port.radius_m + maxRadius + SLACK_M, found, foundD);
      for (let i = 0; i < n; i++) {
        const other = found[i].port;
        if (other !== port && foundD[i] <= port.radius_m + other.radius_m + SLACK_M) list.push(other);
      }
      overlapping.set(port, list);
    }
    return list;
  }
  /**
   * How far a vessel at (lat, lon), inside `port` and no other, can move while the lookup still
   * answers `port` alone: to its edge, or to the edge of an overlapping port (triangle inequality),
   * less a metre for rounding.
   */
  function soleMargin(port: Port, lat: number, lon: number): number {
    let m = port.radius_m - haversineM(lat, lon, port.lat, port.lon);
    for (const other of overlapsOf(port)) m = Math.min(m, haversineM(lat, lon, other.lat, other.lon) - other.radius_m);
    return m - SLACK_M;
  }
  /**
   * How far a vessel at (lat, lon), inside no port area, can move and still be inside none: to
   * the nearest edge among ports within EMPTY_QUERY_M + maxRadius (any other port's edge is
   * farther than EMPTY_QUERY_M), less a metre for rounding.
   */
  function emptyMargin(lat: number, lon: number): number {
    if (centres === undefined) buildCentres();
    const grid = centres as PointGrid<PortItem>;
    let m = EMPTY_QUERY_M;
    const n = grid.nearInto(lat, lon, EMPTY_QUERY_M + maxRadius, found, foundD);
    for (let i = 0; i < n; i++) m = Math.min(m, foundD[i] - found[i].port.radius_m);
    return m - SLACK_M;
  }
  const one: Port[] = [];
  const none: readonly Port[] = [];
  /** refdata.portsAt, answered from the track's last single-port lookup when it provably cannot differ. */
  function portsAt(s: PortState, fix: Fix): readonly Port[] {
    const i = SLOT * s.n;
    const m = times[i + 7];
    if (m > 0 && haversineM(times[i + 5], times[i + 6], fix.lat, fix.lon) < m) {
      if (s.sole === undefined) return none;
      one[0] = s.sole;
      return one;
    }
    const inPorts = ctx.refdata.portsAt(fix.lat, fix.lon);
    times[i + 7] = 0;
    if (inPorts.length <= 1) {
      const margin = inPorts.length === 0 ? emptyMargin(fix.lat, fix.lon) : soleMargin(inPorts[0], fix.lat, fix.lon);
      if (margin > 0) {
        s.sole = inPorts[0];
        times[i + 5] = fix.lat;
        times[i + 6] = fix.lon;
        times[i + 7] = margin;
      }
    }
    return inPorts;
  }

  /** When the vessel at (lat, lon) could first reach a port area, at the approach speed. */
  function nextCheckTime(s: PortState, fix: Fix): number {
    // Some centre within maxRadius (triangle inequality from the last measurement, a metre
    // allowed for rounding): the clearance is ≤ 0 and the answer is now, without a search.
    const i = SLOT * s.n;
    if (times[i + 4] + haversineM(times[i + 2], times[i + 3], fix.lat, fix.lon) + SLACK_M <= maxRadius) return fix.time;
    const near = ctx.refdata.nearestPort(fix.lat, fix.lon, LOOKAHEAD_M + maxRadius);
    times[i + 2] = fix.lat;
    times[i + 3] = fix.lon;
    times[i + 4] = near ? near.distance_m : Infinity;
    const clearance = (near ? near.distance_m : LOOKAHEAD_M + maxRadius) - maxRadius;
    return fix.time + Math.max(0, clearance / approachMps) * 1000;
  }

  function tally(v: Visit, port: Port): PortTally {
    const last = v.lastTally;
    if (last !== undefined && last.port === port) return last;
    let t = v.ports.get(port.id);
    if (!t) {
      t = { port, ms: 0, stoppedMs: 0 };
      v.ports.set(port.id, t);
    }
    v.lastTally = t;
    return t;
  }

  /** The visit's port nearest (relative to its exit radius) that still holds the point, if any. */
  function holdingPort(v: Visit, fix: Fix): Port | undefined {
    let best: Port | undefined;
    let bestRatio = Infinity;
    for (const t of v.ports.values()) {
      const ratio = haversineM(fix.lat, fix.lon, t.port.lat, t.port.lon) / (t.port.radius_m * p.exitRadiusFactor);
      if (ratio <= 1 && ratio < bestRatio) {
        best = t.port;
        bestRatio = ratio;
      }
    }
    return best;
  }

  function closeVisit(s: PortState, exitFix: Fix | undefined): void {
    const v = s.visit;
    s.visit = undefined;
    if (!v) return;
    const end = exitFix ? (exitFix.time - v.lastInside.time >= p.portGapHours * HOUR_MS ? v.lastInside.time : exitFix.time) : v.lastInside.time;
    const durationMs = end - v.entryFix.time;
    if (durationMs < p.minStayMinutes * 60_000) return;
    const stopOrGap = v.stops > 0 || v.gaps > 0;
    const entry = v.entryObserved;
    const exit = exitFix !== undefined;
    const level = stopOrGap ? (entry && exit ? 4 : entry || exit ? 3 : 2) : 1;
    if (level < p.minConfidenceLevel) return;
    // Best port: most time stopped, else most time in its area; ties keep the first met.
    let chosen: PortTally | undefined;
    for (const t of v.ports.values()) {
      if (!chosen || t.stoppedMs > chosen.stoppedMs || (t.stoppedMs === chosen.stoppedMs && t.ms > chosen.ms)) chosen = t;
    }
    if (!chosen) return;
    const port = chosen.port;
    const lat = v.stopN > 0 ? v.stopSumLat / v.stopN : v.sumLat / v.n;
    const lon = v.stopN > 0 ? v.stopSumLon / v.stopN : v.sumLon / v.n;
    const tags = port.tags;
    ctx.emit(
      makeEvent({
        type: 'port_visit',
        ...vesselFields(s.track),
        start: v.entryFix.time,
        end,
        lat,
        lon,
        confidence: level / 4,
        key: `${s.track.track_id}|${port.id}`,
        details: {
          track_id: s.track.track_id,
          port: port.id,
          port_name: port.name,
          country: port.country ?? null,
          unlocode: port.unlocode ?? null,
          port_tags: [...tags],
          port_source: port.source,
          sanctioned: tags.includes('sanctioned'),
          high_risk: tags.includes('high_risk') || tags.includes('sanctioned'),
          other_ports: [...v.ports.keys()].filter((id) => id !== port.id),
          duration_hours: round(durationMs / HOUR_MS, 2),
          stopped_hours: round(v.stoppedMs / HOUR_MS, 2),
          stops: v.stops,
          port_gaps: v.gaps,
          max_silence_hours: round(v.maxSilenceMs / HOUR_MS, 2),
          entry_observed: entry,
          exit_observed: exit,
          entry: fixEvidence(v.entryFix),
          exit: exitFix ? fixEvidence(exitFix) : null,
          gfw_confidence: level,
          draught: s.track.identity.draught ?? null,
          params: {
            exitRadiusFactor: round(p.exitRadiusFactor, 3),
            stopSpeedKnots: p.stopSpeedKnots,
            moveSpeedKnots: p.moveSpeedKnots,
            portGapHours: p.portGapHours,
            minConfidenceLevel: p.minConfidenceLevel,
            minStayMinutes: p.minStayMinutes,
          },
        },
      }),
    );
  }

  return {
    name: 'port_visit',
    position(track: Track, fix: Fix): void {
      // A tracker's track: its slot is known without its state, and a fix too close to the last
      // examined one is dropped before the state is read (one memory access, not two).
      const ix = track.index;
      if (ix !== undefined && 2 * SLOT * ix < times.length && fix.time - times[2 * SLOT * ix] < checkMs) return;
      let s = states.get(track);
      if (!s) {
        const n = ix !== undefined ? 2 * ix : 2 * unindexed++ + 1;
        if (SLOT * n + SLOT > times.length) times = grown(times, SLOT * n + SLOT);
        s = states.add(track, { track, last: undefined, visit: undefined, n, sole: undefined });
      }
      // Hand-built tracks may come as new objects; a tracker's track is always the same one.
      if (ix === undefined) s.track = track;
      const i = SLOT * s.n;
      const prevTime = times[i];
      if (fix.time - prevTime < checkMs) return;
      const last = s.last;
      s.last = fix;
      times[i] = fix.time;
      if (!s.visit && fix.time < times[i + 1]) return;
      const inPorts = portsAt(s, fix);
      let v = s.visit;
      if (!v) {
        if (inPorts.length === 0) {
          times[i + 1] = nextCheckTime(s, fix);
          return;
        }
        v = {
          lastTally: undefined,
          entryObserved: last !== undefined,
          entryFix: fix,
          lastInside: fix,
          ports: new Map(),
          stopped: false,
          stops: 0,
          stoppedMs: 0,
          gaps: 0,
          maxSilenceMs: 0,
          sumLat: 0,
          sumLon: 0,
          n: 0,
          stopSumLat: 0,
          stopSumLon: 0,
          stopN: 0,
        };
        s.visit = v;
        for (const port of inPorts) tally(v, port);
      } else {
        for (const port of inPorts) tally(v, port);
        const holding = inPorts[0] ?? holdingPort(v, fix);
        if (!holding) {
          closeVisit(s, fix);
          return;
        }
        // v.lastInside is the last examined fix (each examined fix of a visit ends it or becomes
        // its lastInside): its time is prevTime, without reading the old fix (a cache miss).
        const dt = fix.time - prevTime;
        if (dt >= p.portGapHours * HOUR_MS) v.gaps++;
        if (dt > v.maxSilenceMs) v.maxSilenceMs = dt;
        const t = tally(v, holding);
        t.ms += dt;
        if (v.stopped) {
          t.stoppedMs += dt;
          v.stoppedMs += dt;
        }
      }
      // Stop state machine with hysteresis; implied speed when the fix has no SOG.
      let speed = fix.speed;
      if (speed === undefined && last && fix.time - last.time >= 60_000) {
        speed = haversineM(last.lat, last.lon, fix.lat, fix.lon) / NM / ((fix.time - last.time) / HOUR_MS);
      }
      if (speed !== undefined) {
        if (!v.stopped && speed <= p.stopSpeedKnots) {
          v.stopped = true;
          v.stops++;
        } else if (v.stopped && speed >= p.moveSpeedKnots) v.stopped = false;
      }
      v.sumLat += fix.lat;
      v.sumLon += fix.lon;
      v.n++;
      if (v.stopped) {
        v.stopSumLat += fix.lat;
        v.stopSumLon += fix.lon;
        v.stopN++;
      }
      v.lastInside = fix;
    },
    finish(): void {
      for (const s of states.all) closeVisit(s, undefined);
    },
  };
}
