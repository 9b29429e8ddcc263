/**
 * `zone_entry`, `zone_exit` and `transit` for every zone in the reference data (bundled straits,
 * seas, territorial seas, EEZs, and the user's zones). Entry and exit use hysteresis (confirmed
 * after `minPositions` fixes or `minMinutes` on the new side) so a track running along a boundary
 * does not flicker. A transit is an observed entry followed by an exit on another side at a
 * steady speed: for straits with gates the direction is `gateA→gateB`, otherwise the compass
 * sense of the displacement (`north→south`). Crossings during a silence are marked.
 * docs/detectors/zones.md documents definition, parameters and limits.
 */
import { wrapLon as geoWrapLon } from '../geo/distance.js';
import { zonesAtWithinOf } from '../geo/refdata.js';
import type { Zone, ZoneKind } from '../geo/types.js';
import type { ZoneBox } from '../geo/zones.js';
import type { Fix, Track } from '../track/types.js';
import type { Detector, DetectorContext } from './detector.js';
import { makeEvent } from './event.js';
import { TrackStates, ensureLength } from './track-states.js';
import { fixEvidence, round, vesselFields } from './movement-util.js';
import { HOUR_MS, NM, bearingDeg, circularMeanLon, compassName, haversineM, lonCos, lonSin, oppositeCompass, wrapLon } from './spatial-grid.js';

/** Zone detector parameters; sources are sections of shared/research/behaviours.md. */
export const ZONE_DEFAULTS = {
  /** Fixes on the new side that confirm an entry or exit. §11: enter after ≥ 2 positions. */
  minPositions: 2,
  /** …or minutes on the new side (with at least two fixes). §11: or ≥ 10 min inside. */
  minMinutes: 10,
  /** A crossing with a silence longer than this across it is marked `crossed_while_dark`, minutes. §11 (ours: 60). */
  darkCrossingMinutes: 60,
  /** Minimum mean speed through the zone for a transit, knots. §11: mean speed ≥ 5 kn and no loiter. */
  minTransitSpeedKnots: 5,
  /** Minimum straight-line displacement entry→exit for a transit of a zone without gates, km. (ours) */
  minTransitDisplacementKm: 5,
  /**
   * Minimum displacement / path length through a zone without gates: a vessel that goes in and
   * comes back out near where it entered (a port call, a loop) did not pass through. (ours)
   */
  minStraightness: 0.5,
  /** Zone kinds for which transits are reported (EEZ crossings are routine passage). (ours) */
  transitKinds: ['strait', 'territorial_sea', 'sea', 'area', 'user'] as ZoneKind[],
  /**
   * Cost bound for high-rate reporting (crossing times are interpolated anyway): a fix is examined
   * when at least `checkIntervalSeconds` after the last examined one and either `checkMoveM` away
   * from it or `checkMaxSeconds` after it. (ours)
   */
  checkIntervalSeconds: 30,
  checkMoveM: 250,
  checkMaxSeconds: 300,
};
export type ZoneParams = typeof ZONE_DEFAULTS;

interface ZoneTrack {
  zone: Zone;
  state: 'pending_in' | 'inside';
  /** First fix inside (entry candidate or confirmed entry). */
  first: Fix;
  count: number;
  /** Last fix outside before the entry, when observed. */
  before: Fix | undefined;
  entryObserved: boolean;
  /** Estimated boundary crossing of the entry (interpolated between the last fix outside and the first inside). */
  entry: { time: number; lat: number; lon: number };
  pathM: number;
  lastInside: Fix;
  /** Exit candidate: first fix outside, and how many outside so far. */
  out: Fix | undefined;
  outCount: number;
}

interface TrackZones {
  track: Track;
  last: Fix | undefined;
  /**
   * Zones the track is in or entering, in order of first sight (a handful at most: a plain array,
   * searched by zone id, is cheaper per fix than a map).
   */
  zones: ZoneTrack[];
  /**
   * Number of this state in creation order: its box (x, y, margin) is boxes[3n .. 3n + 2] and
   * the time, lat and lon of `last` are lasts[3n .. 3n + 2] (read without touching the old fix).
   */
  n: number;
  /** The last zone lookup; it holds within the track's box (see zonesAtWithin), margin 0 = none. */
  here: readonly Zone[];
  /**
   * Set when the last examined fix left `zones` holding exactly the zones of this very `here`
   * array, all inside (each stay's lastInside is then that fix): while the lookup returns the
   * same array (zonesAtWithin hands back `here` for an unchanged answer), a fix only extends
   * each stay.
   */
  steady: readonly Zone[] | undefined;
}

const NO_ZONES: readonly Zone[] = [];

/** The stay in zone `id`, if any. */
function stayOf(zones: readonly ZoneTrack[], id: string): ZoneTrack | undefined {
  for (let k = 0; k < zones.length; k++) if (zones[k].zone.id === id) return zones[k];
  return undefined;
}

/** Whether `here` holds a zone with this id. */
function inZones(here: readonly Zone[], id: string): boolean {
  for (let k = 0; k < here.length; k++) if (here[k].id === id) return true;
  return false;
}

/** Create the zone detector (`zone_entry`, `zone_exit`, `transit`). */
export function createZoneDetector(ctx: DetectorContext, params: Partial<ZoneParams> = {}): Detector {
  const p: ZoneParams = { ...ZONE_DEFAULTS, ...params };
  let tracks = new TrackStates<TrackZones>();
  /** Per state, the box of its last lookup: x, y, margin (plain doubles, no object per track). */
  let boxes = new Float64Array(3 * 256);
  /** Per state, the time, lat and lon of its last examined fix. */
  let lasts = new Float64Array(3 * 256);
  const scratch: ZoneBox = { x: 0, y: 0, margin: 0 };
  const darkMs = p.darkCrossingMinutes * 60_000;
  const checkMs = p.checkIntervalSeconds * 1000;
  const checkMaxMs = p.checkMaxSeconds * 1000;
  // Present when ctx.refdata.zonesAt is createRefData's own (not a wrapper): see zonesAtWithinOf.
  const within = zonesAtWithinOf(ctx.refdata);
  /** The zone set the cached boxes were computed from (see RefData.zonesVersion). */
  let version = ctx.refdata.zonesVersion;

  /**
   * refdata.zonesAt for a track's fix, answered from the track's last lookup while the fix stays
   * inside the box where that answer provably holds (no boundary can be crossed there).
   */
  function zonesOf(t: TrackZones, fix: Fix): readonly Zone[] {
    if (within === undefined) return ctx.refdata.zonesAt(fix.lat, fix.lon);
    if (ctx.refdata.zonesVersion !== version) {
      // Zones were added or removed: no cached box holds any more.
      version = ctx.refdata.zonesVersion;
      boxes.fill(0);
    }
    const b = 3 * t.n;
    const m = boxes[b + 2];
    if (m > 0 && Math.abs(fix.lat - boxes[b + 1]) < m && Math.abs(geoWrapLon(fix.lon) - boxes[b]) < m) return t.here;
    scratch.same = t.here;
    t.here = within(fix.lat, fix.lon, scratch);
    boxes[b] = scratch.x;
    boxes[b + 1] = scratch.y;
    boxes[b + 2] = scratch.margin;
    return t.here;
  }

  const confirmed = (count: number, first: Fix, fix: Fix): boolean => count >= p.minPositions || (count >= 2 && fix.time - first.time >= p.minMinutes * 60_000);

  function zoneFields(z: Zone): Record<string, unknown> {
    return { zone: z.id, zone_name: z.name, zone_kind: z.kind, zone_tags: [...z.tags] };
  }

  function nearestGate(z: Zone, lat: number, lon: number): string | undefined {
    let best: string | undefined;
    let bestD = Infinity;
    for (const g of z.gates ?? []) {
      const d = haversineM(lat, lon, g.lat, g.lon);
      if (d < bestD) {
        bestD = d;
        best = g.name;
      }
    }
    return best;
  }

  /**
   * Where and when the straight line from an outside fix to an inside fix crosses the zone's
   * boundary (bisection on zonesAt), to the second: the event time between two sparse fixes.
   */
  function crossing(zone: Zone, outside: Fix, inside: Fix): { time: number; lat: number; lon: number } {
    const dLon = wrapLon(inside.lon - outside.lon);
    const at = (f: number): { lat: number; lon: number } => ({ lat: outside.lat + f * (inside.lat - outside.lat), lon: wrapLon(outside.lon + f * dLon) });
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < 14 && (hi - lo) * (inside.time - outside.time) > 1000; i++) {
      const mid = (lo + hi) / 2;
      const q = at(mid);
      if (ctx.refdata.zonesAt(q.lat, q.lon).some((z) => z.id === zone.id)) hi = mid;
      else lo = mid;
    }
    const q = at(hi);
    return { time: Math.round((outside.time + hi * (inside.time - outside.time)) / 1000) * 1000, lat: q.lat, lon: q.lon };
  }

  function emitEntry(t: TrackZones, zt: ZoneTrack): void {
    const dark = zt.before !== undefined && zt.first.time - zt.before.time > darkMs;
    if (zt.before) zt.entry = crossing(zt.zone, zt.before, zt.first);
    ctx.emit(
      makeEvent({
        type: 'zone_entry',
        ...vesselFields(t.track),
        start: zt.entry.time,
        end: zt.entry.time,
        lat: zt.entry.lat,
        lon: zt.entry.lon,
        confidence: dark ? 0.7 : 0.95,
        key: zt.zone.id,
        details: {
          ...zoneFields(zt.zone),
          track_id: t.track.track_id,
          first_inside: fixEvidence(zt.first),
          last_outside: zt.before ? fixEvidence(zt.before) : null,
          crossed_while_dark: dark,
          params: { minPositions: p.minPositions, minMinutes: p.minMinutes, darkCrossingMinutes: p.darkCrossingMinutes },
        },
      }),
    );
  }

  function emitExit(t: TrackZones, zt: ZoneTrack, out: Fix): void {
    const dark = out.time - zt.lastInside.time > darkMs;
    const exit = crossing(zt.zone, out, zt.lastInside);
    const durationH = (exit.time - zt.entry.time) / HOUR_MS;
    ctx.emit(
      makeEvent({
        type: 'zone_exit',
        ...vesselFields(t.track),
        start: exit.time,
        end: exit.time,
        lat: exit.lat,
        lon: exit.lon,
        confidence: dark ? 0.7 : 0.95,
        key: zt.zone.id,
        details: {
          ...zoneFields(zt.zone),
          track_id: t.track.track_id,
          first_outside: fixEvidence(out),
          last_inside: fixEvidence(zt.lastInside),
          entry_observed: zt.entryObserved,
          entered: zt.entryObserved ? new Date(zt.entry.time).toISOString() : null,
          hours_inside: zt.entryObserved ? round(durationH, 2) : null,
          crossed_while_dark: dark,
          params: { minPositions: p.minPositions, minMinutes: p.minMinutes, darkCrossingMinutes: p.darkCrossingMinutes },
        },
      }),
    );
    if (!zt.entryObserved || !p.transitKinds.includes(zt.zone.kind)) return;
    // Transit: from the outside point before entry (else first inside) to the first outside point.
    const a = zt.before ?? zt.first;
    const pathM = zt.pathM + haversineM(zt.lastInside.lat, zt.lastInside.lon, out.lat, out.lon) + (zt.before ? haversineM(zt.before.lat, zt.before.lon, zt.first.lat, zt.first.lon) : 0);
    const hours = (out.time - a.time) / HOUR_MS;
    const meanKnots = hours > 0 ? pathM / NM / hours : 0;
    if (meanKnots < p.minTransitSpeedKnots) return;
    let from: string | undefined;
    let to: string | undefined;
    let method: 'gates' | 'compass';
    if (zt.zone.gates && zt.zone.gates.length >= 2) {
      method = 'gates';
      from = nearestGate(zt.zone, a.lat, a.lon);
      to = nearestGate(zt.zone, out.lat, out.lon);
      if (from === undefined || from === to) return;
    } else {
      method = 'compass';
      const displacement = haversineM(a.lat, a.lon, out.lat, out.lon);
      if (displacement < p.minTransitDisplacementKm * 1000 || displacement < p.minStraightness * pathM) return;
      to = compassName(bearingDeg(a.lat, a.lon, out.lat, out.lon));
      from = oppositeCompass(to);
    }
    const lat = (a.lat + out.lat) / 2;
    const lon = circularMeanLon(lonSin(a.lon) + lonSin(out.lon), lonCos(a.lon) + lonCos(out.lon));
    const darkTransit = zt.before !== undefined && (zt.first.time - zt.before.time > darkMs || out.time - zt.lastInside.time > darkMs);
    ctx.emit(
      makeEvent({
        type: 'transit',
        ...vesselFields(t.track),
        start: zt.entry.time,
        end: exit.time,
        lat,
        lon,
        confidence: (method === 'gates' ? 0.9 : 0.75) * (darkTransit ? 0.8 : 1),
        key: zt.zone.id,
        details: {
          ...zoneFields(zt.zone),
          track_id: t.track.track_id,
          direction: `${from}→${to}`,
          from,
          to,
          direction_method: method,
          entry: fixEvidence(zt.first),
          exit: fixEvidence(out),
          duration_hours: round((exit.time - zt.entry.time) / HOUR_MS, 2),
          distance_nm: round(pathM / NM, 2),
          mean_speed_knots: round(meanKnots, 2),
          crossed_while_dark: darkTransit,
          params: { minTransitSpeedKnots: p.minTransitSpeedKnots, minTransitDisplacementKm: p.minTransitDisplacementKm, minStraightness: p.minStraightness },
        },
      }),
    );
  }

  /** An examined fix whose zones differ from the steady case: entries, exits and candidates. */
  function change(t: TrackZones, fix: Fix, here: readonly Zone[], firstFix: boolean): void {
    const zones = t.zones;
    for (const z of here) {
      const zt = stayOf(zones, z.id);
      if (!zt) {
        const created: ZoneTrack = {
          zone: z,
          // Already inside at first sight: the entry was not observed and is not reported.
          state: firstFix ? 'inside' : 'pending_in',
          first: fix,
          count: 1,
          before: t.last,
          entryObserved: !firstFix,
          entry: { time: fix.time, lat: fix.lat, lon: fix.lon },
          pathM: 0,
          lastInside: fix,
          out: undefined,
          outCount: 0,
        };
        zones.push(created);
        if (!firstFix && confirmed(1, fix, fix)) {
          created.state = 'inside';
          emitEntry(t, created);
        }
        continue;
      }
      zt.pathM += haversineM(zt.lastInside.lat, zt.lastInside.lon, fix.lat, fix.lon);
      zt.lastInside = fix;
      zt.out = undefined;
      zt.outCount = 0;
      if (zt.state === 'pending_in') {
        zt.count++;
        if (confirmed(zt.count, zt.first, fix)) {
          zt.state = 'inside';
          emitEntry(t, zt);
        }
      }
    }
    // Stays outside `here`: drop unconfirmed entries, count exits (kept in order, compacted).
    let w = 0;
    for (let k = 0; k < zones.length; k++) {
      const zt = zones[k];
      if (!inZones(here, zt.zone.id)) {
        if (zt.state === 'pending_in') continue;
        if (!zt.out) {
          zt.out = fix;
          zt.outCount = 1;
        } else zt.outCount++;
        if (confirmed(zt.outCount, zt.out, fix)) {
          emitExit(t, zt, zt.out);
          continue;
        }
      }
      zones[w++] = zt;
    }
    zones.length = w;
    t.last = fix;
    // Steady when every stay is confirmed and none is leaving: then each stay was in `here`.
    let steady = true;
    for (const zt of zones) if (zt.state !== 'inside' || zt.out !== undefined) steady = false;
    t.steady = steady ? here : undefined;
  }

  return {
    name: 'zones',
    position(track: Track, fix: Fix): void {
      let t = tracks.get(track);
      if (!t) {
        const n = tracks.size;
        boxes = ensureLength(boxes, 3 * n + 3);
        lasts = ensureLength(lasts, 3 * n + 3);
        t = tracks.add(track, { track, last: undefined, zones: [], n, here: NO_ZONES, steady: undefined });
      }
      t.track = track;
      const firstFix = t.last === undefined;
      const l = 3 * t.n;
      // Distance from the last examined fix, when measured (-1: not yet).
      let moved = -1;
      if (!firstFix) {
        const dt = fix.time - lasts[l];
        if (dt < checkMs) return;
        if (dt < checkMaxMs) {
          moved = haversineM(lasts[l + 1], lasts[l + 2], fix.lat, fix.lon);
          if (moved < p.checkMoveM) return;
        }
      }
      const prevLat = lasts[l + 1];
      const prevLon = lasts[l + 2];
      lasts[l] = fix.time;
      lasts[l + 1] = fix.lat;
      lasts[l + 2] = fix.lon;
      const here = zonesOf(t, fix);
      const zones = t.zones;
      if (here.length === 0 && zones.length === 0) {
        t.last = fix;
        return;
      }
      if (t.steady === here) {
        // Still inside exactly these zones: no entry, exit or candidate can change. Every stay's
        // lastInside is the last examined fix, whose position lasts held.
        const d = moved >= 0 ? moved : haversineM(prevLat, prevLon, fix.lat, fix.lon);
        for (let k = 0; k < zones.length; k++) {
          const zt = zones[k];
          zt.pathM += d;
          zt.lastInside = fix;
        }
        t.last = fix;
        return;
      }
      change(t, fix, here, firstFix);
    },
    finish(): void {
      // Open stays were reported at entry; unconfirmed entries and exits are dropped.
      tracks = new TrackStates<TrackZones>();
      boxes = new Float64Array(3 * 256);
      lasts = new Float64Array(3 * 256);
    },
  };
}
