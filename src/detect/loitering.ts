/**
 * `loitering`: one vessel moving slowly for a long time outside port (a possible meeting with a
 * vessel that does not broadcast, waiting for orders, drifting over infrastructure). A streaming
 * version of Global Fishing Watch's pipe-loitering: messages are bucketed by clock hour, each
 * hour's implied speed is its distance over its time, and consecutive slow hours form a run.
 * A run long enough and outside port areas is reported with its context: `offshore` (GFW's
 * product: ≥ 20 nm from shore), `nearshore`, or `anchorage` (at-anchor status or near a port:
 * an anchorage queue, not a transfer).
 * docs/detectors/loitering.md documents definition, parameters and limits.
 */
import type { Fix, Track } from '../track/types.js';
import type { Detector, DetectorContext } from './detector.js';
import { makeEvent } from './event.js';
import { TrackStates } from './track-states.js';
import { clamp01, fixEvidence, round, vesselFields } from './movement-util.js';
import { HOUR_MS, NM, circularMeanLon, haversineM, lonCos, lonSin } from './spatial-grid.js';

/** Loitering parameters; sources are sections of shared/research/behaviours.md. */
export const LOITERING_DEFAULTS = {
  /** An hour is slow below this average implied speed, knots. §4.1 step 1: < 2 kn. */
  maxSpeedKnots: 2,
  /** Minimum run duration, hours. §4.1 step 5: ≥ 4 h (8 h in Miller 2018). */
  minDurationHours: 4,
  /** Average distance from shore for the `offshore` context, nm. §4.1 step 4: ≥ 20 nm. */
  minShoreDistanceNm: 20,
  /** A port within this distance of the run makes it an `anchorage` wait, metres. §4.3 (anchorages outside ports); value ours. */
  anchoragePortDistanceM: 20_000,
  /** Silence longer than this ends a run (the gap detector reports it), hours. §13 raw gap 6 h. */
  maxSilenceHours: 6,
  /** Fixes closer than this are not used for distance (thins high-rate jitter), seconds. §0.1: GFW thins to 1/min. */
  minSegmentSeconds: 60,
  /** Skip runs whose mean position is inside a port area (port_visit covers them). (ours) */
  excludePorts: true,
  /** Report runs near shore / in anchorages (with their context) as well as offshore ones. (ours) */
  reportNearshore: true,
  reportAnchorage: true,
};
export type LoiteringParams = typeof LOITERING_DEFAULTS;

interface Hour {
  index: number;
  /** The fix that starts this hour's first segment (the last message of the preceding hour). */
  firstFix: Fix;
  metres: number;
  ms: number;
  lastFix: Fix;
  sumLat: number;
  sumSin: number;
  sumCos: number;
  n: number;
  anchored: number;
  statuses: number;
}

interface Run {
  start: number;
  startFix: Fix;
  end: number;
  endFix: Fix;
  hours: number;
  metres: number;
  ms: number;
  shoreWeighted: number;
  sumLat: number;
  sumSin: number;
  sumCos: number;
  n: number;
  anchored: number;
  statuses: number;
}

interface LoiterState {
  track: Track;
  /** Last fix used for distance (thinned). */
  prev: Fix | undefined;
  /** The clock hour being summed, if `hourOpen` (one object per track, reused hour after hour). */
  hour: Hour | undefined;
  hourOpen: boolean;
  run: Run | undefined;
}

const isAnchoredStatus = (s: number | undefined): boolean => s === 1 || s === 5;

/** Create the `loitering` detector. */
export function createLoiteringDetector(ctx: DetectorContext, params: Partial<LoiteringParams> = {}): Detector {
  const p: LoiteringParams = { ...LOITERING_DEFAULTS, ...params };
  const states = new TrackStates<LoiterState>();
  let lastSweepSlot = -Infinity;

  function closeRun(s: LoiterState): void {
    const r = s.run;
    s.run = undefined;
    if (!r || r.n === 0) return;
    const durationH = (r.end - r.start) / HOUR_MS;
    if (durationH < p.minDurationHours) return;
    const { refdata } = ctx;
    const lat = r.sumLat / r.n;
    const lon = circularMeanLon(r.sumSin, r.sumCos);
    const ports = refdata.portsAt(lat, lon);
    if (p.excludePorts && ports.length > 0) return;
    const shoreNm = r.shoreWeighted / r.hours;
    const near = refdata.nearestPort(lat, lon, p.anchoragePortDistanceM);
    const anchoredFraction = r.statuses > 0 ? r.anchored / r.statuses : 0;
    let context: 'offshore' | 'nearshore' | 'anchorage';
    if (anchoredFraction > 0.5 || near) context = 'anchorage';
    else if (shoreNm < p.minShoreDistanceNm) context = 'nearshore';
    else context = 'offshore';
    if (context === 'anchorage' && !p.reportAnchorage) return;
    if (context === 'nearshore' && !p.reportNearshore) return;
    const base = context === 'offshore' ? 0.7 : context === 'nearshore' ? 0.5 : 0.3;
    const confidence = base + 0.3 * Math.min(1, (durationH - p.minDurationHours) / (2 * p.minDurationHours));
    const avgKnots = r.ms > 0 ? r.metres / NM / (r.ms / HOUR_MS) : 0;
    ctx.emit(
      makeEvent({
        type: 'loitering',
        ...vesselFields(s.track),
        start: r.start,
        end: r.end,
        lat,
        lon,
        confidence: clamp01(confidence),
        key: s.track.track_id,
        details: {
          track_id: s.track.track_id,
          context,
          duration_hours: round(durationH, 2),
          slow_hours: r.hours,
          distance_nm: round(r.metres / NM, 2),
          avg_speed_knots: round(avgKnots, 2),
          avg_shore_distance_nm: round(shoreNm, 1),
          anchored_status_fraction: round(anchoredFraction, 2),
          nearest_port: near ? { id: near.port.id, name: near.port.name, distance_km: round(near.distance_m / 1000, 1) } : null,
          start_position: fixEvidence(r.startFix),
          end_position: fixEvidence(r.endFix),
          ship_type: s.track.identity.ship_type ?? null,
          params: {
            maxSpeedKnots: p.maxSpeedKnots,
            minDurationHours: p.minDurationHours,
            minShoreDistanceNm: p.minShoreDistanceNm,
            anchoragePortDistanceM: p.anchoragePortDistanceM,
          },
        },
      }),
    );
  }

  function closeHour(s: LoiterState): void {
    const h = s.hour;
    if (!s.hourOpen || !h) return;
    s.hourOpen = false;
    if (h.n === 0) return;
    const knots = h.ms > 0 ? h.metres / NM / (h.ms / HOUR_MS) : 0;
    if (knots >= p.maxSpeedKnots) {
      closeRun(s);
      return;
    }
    const lat = h.sumLat / h.n;
    const lon = circularMeanLon(h.sumSin, h.sumCos);
    const shoreNm = ctx.refdata.distanceToShoreKm(lat, lon, 1000) / 1.852;
    if (!s.run) {
      s.run = { start: h.firstFix.time, startFix: h.firstFix, end: h.lastFix.time, endFix: h.lastFix, hours: 0, metres: 0, ms: 0, shoreWeighted: 0, sumLat: 0, sumSin: 0, sumCos: 0, n: 0, anchored: 0, statuses: 0 };
    }
    const r = s.run;
    r.end = h.lastFix.time;
    r.endFix = h.lastFix;
    r.hours++;
    r.metres += h.metres;
    r.ms += h.ms;
    r.shoreWeighted += shoreNm;
    r.sumLat += h.sumLat;
    r.sumSin += h.sumSin;
    r.sumCos += h.sumCos;
    r.n += h.n;
    r.anchored += h.anchored;
    r.statuses += h.statuses;
  }

  return {
    name: 'loitering',
    position(track: Track, fix: Fix): void {
      let s = states.get(track);
      if (!s) s = states.add(track, { track, prev: undefined, hour: undefined, hourOpen: false, run: undefined });
      s.track = track;
      const prev = s.prev;
      if (!prev) {
        s.prev = fix;
        return;
      }
      const dt = fix.time - prev.time;
      if (dt > p.maxSilenceHours * HOUR_MS) {
        closeHour(s);
        closeRun(s);
        s.prev = fix;
        return;
      }
      if (dt < p.minSegmentSeconds * 1000) return;
      const index = Math.floor(fix.time / HOUR_MS);
      if (s.hourOpen && s.hour?.index !== index) closeHour(s);
      let h = s.hour;
      if (!s.hourOpen || !h) {
        // A run's first hour also includes the last message of the preceding hour (GFW §4.1 step 2).
        if (!h) h = s.hour = { index, firstFix: prev, metres: 0, ms: 0, lastFix: fix, sumLat: 0, sumSin: 0, sumCos: 0, n: 0, anchored: 0, statuses: 0 };
        else {
          h.index = index;
          h.firstFix = prev;
          h.metres = 0;
          h.ms = 0;
          h.lastFix = fix;
          h.sumLat = 0;
          h.sumSin = 0;
          h.sumCos = 0;
          h.n = 0;
          h.anchored = 0;
          h.statuses = 0;
        }
        s.hourOpen = true;
      }
      h.metres += haversineM(prev.lat, prev.lon, fix.lat, fix.lon);
      h.ms += dt;
      h.sumLat += fix.lat;
      h.sumSin += lonSin(fix.lon);
      h.sumCos += lonCos(fix.lon);
      h.n++;
      if (fix.status !== undefined) {
        h.statuses++;
        if (isAnchoredStatus(fix.status)) h.anchored++;
      }
      h.lastFix = fix;
      s.prev = fix;
    },
    tick(t: number): void {
      // Once per stream hour: a run whose track has been silent too long is final now.
      const slot = Math.floor(t / HOUR_MS);
      if (slot <= lastSweepSlot) return;
      lastSweepSlot = slot;
      const limit = slot * HOUR_MS - p.maxSilenceHours * HOUR_MS;
      for (const s of states.all) {
        if ((s.run || s.hourOpen) && s.prev && s.prev.time < limit) {
          closeHour(s);
          closeRun(s);
        }
      }
    },
    finish(): void {
      for (const s of states.all) {
        closeHour(s);
        closeRun(s);
      }
    },
  };
}
