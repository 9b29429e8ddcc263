/**
 * `draught_change`: the reported draught (message 5) changes by a meaningful amount while the
 * vessel is away from port: loading or unloading at sea. A change must persist (a value reverted
 * within `persistHours` is a typing slip), must not be explained by a port call within
 * `portGraceHours` before or after it (crews update draught when leaving or approaching port),
 * and is reported with the context that makes it suspicious: a stop or an AIS gap just before.
 * docs/detectors/draught_change.md documents definition, parameters and limits.
 */
import type { Port } from '../geo/types.js';
import type { Fix, IdentityChange, Track } from '../track/types.js';
import type { Detector, DetectorContext } from './detector.js';
import { makeEvent } from './event.js';
import { TrackStates } from './track-states.js';
import { clamp01, fixEvidence, round, vesselFields } from './movement-util.js';
import { HOUR_MS, NM, haversineM, portCentres, type PortCentre } from './spatial-grid.js';

/** Draught change parameters; sources are sections of shared/research/behaviours.md. */
export const DRAUGHT_CHANGE_DEFAULTS = {
  /** Minimum change, metres. §9 and §13: ≥ 0.5 m (alt. 1.0 m). */
  minChangeM: 0.5,
  /** The new value must persist this long, hours. §9: persists ≥ 1 h. */
  persistHours: 1,
  /** A port visit within this many hours before or after explains the change. §9: context within ±24 h. */
  portGraceHours: 24,
  /** Metres from a port centre still counted as "at port" (approaches, anchorages). §3.1 step 5: 10 km. (reused) */
  minPortDistanceM: 10_000,
  /** Below this speed, knots, the vessel counts as stopped (loading needs a stop). §4.1: 2 kn. */
  stoppedSpeedKnots: 2,
  /** A silence at least this long just before the change is reported as a gap, hours. §2.2: 6 h. */
  gapHours: 6,
  /** How often each track's port status is sampled, minutes (cost bound). (ours) */
  portCheckMinutes: 5,
};
export type DraughtChangeParams = typeof DRAUGHT_CHANGE_DEFAULTS;

/** Radius of the port search that bounds a cached port status, metres beyond the largest reach. */
const PORT_QUERY_M = 10_000;

/** A slow period of the track (a possible loading stop). */
interface Stop {
  start: number;
  /** Last slow fix; `ended` once the track moves again. */
  lastSlow: number;
  ended: boolean;
  lat: number;
  lon: number;
}

/** The latest silence of at least an hour. */
interface Silence {
  off: Fix;
  on: number;
}

interface Pending {
  before: number;
  after: number;
  time: number;
  fix: Fix;
  confirmed: boolean;
  stop: Stop | undefined;
  silence: Silence | undefined;
  speed: number | undefined;
}

interface DraughtState {
  track: Track;
  last: Fix | undefined;
  lastPortCheck: number;
  /**
   * Last sampled port status (`atPort`) and how far from (portLat, portLon) it provably holds
   * (`portMarginM`; 0: no cached status). See `portStatus`.
   */
  portAnswer: boolean;
  portLat: number;
  portLon: number;
  portMarginM: number;
  lastInPort: number;
  stop: Stop | undefined;
  silence: Silence | undefined;
  pending: Pending | undefined;
}

/** Create the `draught_change` detector. */
export function createDraughtChangeDetector(ctx: DetectorContext, params: Partial<DraughtChangeParams> = {}): Detector {
  const p: DraughtChangeParams = { ...DRAUGHT_CHANGE_DEFAULTS, ...params };
  const states = new TrackStates<DraughtState>();
  /** Latest stream time seen. In a typed array: a double in a closure variable is boxed anew at every store (each fix). */
  const now = new Float64Array([-Infinity]);

  function state(track: Track): DraughtState {
    let s = states.get(track);
    if (!s) s = states.add(track, { track, last: undefined, lastPortCheck: -Infinity, portAnswer: false, portLat: 0, portLon: 0, portMarginM: 0, lastInPort: -Infinity, stop: undefined, silence: undefined, pending: undefined });
    s.track = track;
    return s;
  }

  function atPort(lat: number, lon: number): boolean {
    return ctx.refdata.portsAt(lat, lon).length > 0 || ctx.refdata.nearestPort(lat, lon, p.minPortDistanceM) !== undefined;
  }

  // atPort(q) holds exactly when some port X has haversine(q, X) ≤ reach(X) = max(radius(X),
  // minPortDistanceM) (portsAt: inside the circle; nearestPort: centre within the distance).
  const reachOf = (port: Port): number => Math.max(port.radius_m, p.minPortDistanceM);
  const maxReach = ctx.refdata.ports.reduce((m, port) => Math.max(m, reachOf(port)), 0);
  const found: PortCentre[] = [];
  const foundD: number[] = [];

  /**
   * atPort for a track's sampled fix, answered from its last sample when the vessel has moved less
   * than that sample's margin: the distance the answer provably holds (triangle inequality) —
   * for "at port", how far inside the reach of its deepest port; otherwise the distance to the
   * nearest reach edge among ports within PORT_QUERY_M + maxReach (every other edge is farther
   * than PORT_QUERY_M); less a metre for rounding.
   */
  function portStatus(s: DraughtState, lat: number, lon: number): boolean {
    if (s.portMarginM > 0 && haversineM(s.portLat, s.portLon, lat, lon) < s.portMarginM) return s.portAnswer;
    const answer = atPort(lat, lon);
    const n = portCentres(ctx.refdata.ports).nearInto(lat, lon, PORT_QUERY_M + maxReach, found, foundD);
    let inside = 0;
    let outside = PORT_QUERY_M;
    for (let i = 0; i < n; i++) {
      const g = foundD[i] - reachOf(found[i].port);
      if (g <= 0) inside = Math.max(inside, -g);
      else outside = Math.min(outside, g);
    }
    // Only a margin consistent with the answer is kept (a boundary case is simply not cached).
    const margin = (answer ? inside : inside > 0 ? 0 : outside) - 1;
    s.portAnswer = answer;
    s.portLat = lat;
    s.portLon = lon;
    s.portMarginM = margin > 0 ? margin : 0;
    return answer;
  }

  function emit(s: DraughtState, c: Pending, checkedHours: number): void {
    const delta = c.after - c.before;
    const stop = c.stop;
    const silence = c.silence;
    // Loading happens during the stop (or the silence) before the new value is first reported.
    const at = stop ?? c.fix;
    const shoreNm = ctx.refdata.distanceToShoreKm(at.lat, at.lon, 1000) / 1.852;
    const near = ctx.refdata.nearestPort(at.lat, at.lon, 200_000);
    let confidence = 0.45 + 0.25 * Math.min(1, Math.abs(delta) / 3);
    if (stop || silence) confidence += 0.2;
    if (!stop && !silence && checkedHours < p.portGraceHours) confidence *= 0.85;
    const start = silence ? silence.off.time : stop ? stop.start : c.time;
    ctx.emit(
      makeEvent({
        type: 'draught_change',
        ...vesselFields(s.track),
        start,
        end: c.time,
        lat: at.lat,
        lon: at.lon,
        confidence: clamp01(confidence),
        key: s.track.track_id,
        details: {
          track_id: s.track.track_id,
          before_m: c.before,
          after_m: c.after,
          change_m: round(delta, 1),
          direction: delta > 0 ? 'loading' : 'discharging',
          reported_at: new Date(c.time).toISOString(),
          position: fixEvidence(c.fix),
          speed_knots: c.speed ?? null,
          context: silence ? 'after_gap' : stop ? 'after_stop' : 'underway',
          stop: stop
            ? {
                start: new Date(stop.start).toISOString(),
                end: new Date(stop.lastSlow).toISOString(),
                hours: round((stop.lastSlow - stop.start) / HOUR_MS, 2),
                lat: round(stop.lat, 6),
                lon: round(stop.lon, 6),
              }
            : null,
          gap_before_hours: silence ? round((silence.on - silence.off.time) / HOUR_MS, 2) : null,
          gap_off: silence ? fixEvidence(silence.off) : null,
          shore_distance_nm: round(shoreNm, 1),
          nearest_port: near ? { id: near.port.id, name: near.port.name, distance_km: round(near.distance_m / 1000, 1) } : null,
          port_checked_hours: round(checkedHours, 1),
          ship_type: s.track.identity.ship_type ?? null,
          params: { minChangeM: p.minChangeM, persistHours: p.persistHours, portGraceHours: p.portGraceHours, minPortDistanceM: p.minPortDistanceM },
        },
      }),
    );
  }

  /**
   * Advance a pending change: confirm it after persistHours. A change right after a stop or a gap
   * at sea is reported once confirmed (the stop explains it better than any later port call); an
   * underway change waits portGraceHours for a port call that would explain it.
   */
  function advance(s: DraughtState, t: number, final: boolean): void {
    const c = s.pending;
    if (!c) return;
    const explainedAtSea = c.stop !== undefined || c.silence !== undefined;
    if (!explainedAtSea && s.lastInPort >= c.time) {
      s.pending = undefined; // the port call that follows explains it
      return;
    }
    if (!c.confirmed && t - c.time >= p.persistHours * HOUR_MS) c.confirmed = true;
    const lookAheadDone = explainedAtSea || t - c.time >= p.portGraceHours * HOUR_MS;
    if (c.confirmed && (final || lookAheadDone)) {
      s.pending = undefined;
      emit(s, c, explainedAtSea ? 0 : Math.min(p.portGraceHours, (t - c.time) / HOUR_MS));
    } else if (final) s.pending = undefined;
  }

  return {
    name: 'draught_change',
    position(track: Track, fix: Fix): void {
      if (fix.time > now[0]) now[0] = fix.time;
      const s = state(track);
      const last = s.last;
      if (last && fix.time - last.time >= HOUR_MS) s.silence = { off: last, on: fix.time };
      let speed = fix.speed;
      if (speed === undefined && last && fix.time - last.time >= 60_000) {
        speed = haversineM(last.lat, last.lon, fix.lat, fix.lon) / NM / ((fix.time - last.time) / HOUR_MS);
      }
      if (speed !== undefined) {
        if (speed < p.stoppedSpeedKnots) {
          if (!s.stop || s.stop.ended) {
            const start = last && fix.time - last.time < p.gapHours * HOUR_MS ? last.time : fix.time;
            s.stop = { start, lastSlow: fix.time, ended: false, lat: fix.lat, lon: fix.lon };
          } else {
            s.stop.lastSlow = fix.time;
            s.stop.lat = fix.lat;
            s.stop.lon = fix.lon;
          }
        } else if (s.stop) s.stop.ended = true;
      }
      if (fix.time - s.lastPortCheck >= p.portCheckMinutes * 60_000) {
        s.lastPortCheck = fix.time;
        if (portStatus(s, fix.lat, fix.lon)) s.lastInPort = fix.time;
      }
      s.last = fix;
      // Only with a change pending (a double passed to a call not inlined is boxed: 16 B a fix).
      if (s.pending !== undefined) advance(s, fix.time, false);
    },
    identity(track: Track, change: IdentityChange): void {
      if (change.field !== 'draught') return;
      if (change.time > now[0]) now[0] = change.time;
      const s = state(track);
      const before = typeof change.before === 'number' ? change.before : undefined;
      const after = typeof change.after === 'number' ? change.after : undefined;
      if (after === undefined || before === undefined) return;
      const c = s.pending;
      if (c && !c.confirmed) {
        // Reverted within the persistence window: a slip, not a change. Otherwise keep the first "before".
        if (Math.abs(after - c.before) < p.minChangeM) s.pending = undefined;
        else c.after = after;
        return;
      }
      if (c) advance(s, change.time, true);
      if (Math.abs(after - before) < p.minChangeM) return;
      // A factor-of-ten jump (8.5 ↔ 85 → 25.5 cap) is a typing error, not cargo.
      if (Math.abs(after - before * 10) < 0.11 || Math.abs(after * 10 - before) < 0.11) return;
      const fix = s.last ?? track.last;
      if (!fix) return;
      // The context as of the change: a stop of ≥ 1 h that ended at most gapHours before it, or a
      // silence of ≥ gapHours that ended at most gapHours before it.
      const recentMs = p.gapHours * HOUR_MS;
      const st = s.stop;
      const stop = st && st.lastSlow - st.start >= HOUR_MS && change.time - st.lastSlow <= recentMs ? { ...st } : undefined;
      const si = s.silence;
      const silence = si && si.on - si.off.time >= recentMs && change.time - si.on <= recentMs ? si : undefined;
      if (atPort(fix.lat, fix.lon) || (stop && atPort(stop.lat, stop.lon))) {
        s.lastInPort = change.time;
        return;
      }
      // A port call within portGraceHours before explains it (crews update draught late).
      if (s.lastInPort >= change.time - p.portGraceHours * HOUR_MS) return;
      s.pending = { before, after, time: change.time, fix, confirmed: false, stop, silence, speed: fix.speed };
    },
    tick(t: number): void {
      if (t > now[0]) now[0] = t;
    },
    finish(): void {
      for (const s of states.all) advance(s, now[0], true);
    },
  };
}
