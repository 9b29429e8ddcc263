/**
 * `gap`: a track goes silent ("going dark"). Raised when the next fix arrives (closed gap) or,
 * optionally, at end of input (open gap). The evidence separates switching off from poor
 * reception: distance from shore at both ends, how many other vessels were heard around the
 * gap's ends during its hours (reception density), the vessel's own reporting before it went
 * silent, its AIS class, and the implied speed across the gap.
 * docs/detectors/gap.md documents definition, parameters and limits.
 */
import type { Fix, Track } from '../track/types.js';
import type { Detector, DetectorContext } from './detector.js';
import { makeEvent } from './event.js';
import { clamp01, fixEvidence, round, vesselFields } from './movement-util.js';
import { ReceptionGrid } from './reception-grid.js';
import { HOUR_MS, NM, haversineM } from './spatial-grid.js';
import { TrackStates, ensureLength } from './track-states.js';

/** Gap detector parameters; sources are sections of shared/research/behaviours.md. */
export const GAP_DEFAULTS = {
  /** Hours of silence that make a gap. §2.2: 6 h, GFW pipe-gaps default and published product. */
  minGapHours: 6,
  /** Hours from which a gap can be "likely disabling". §2.3: ≥ 12 h (satellite revisit period). */
  disablingMinHours: 12,
  /** Nautical miles from shore beyond which terrestrial coverage ends. §2.3: > 50 nm. */
  offshoreNm: 50,
  /** Own positions in the window before OFF that show regular reporting. §2.3: ≥ 14 in 12 h. */
  minPriorPositions: 14,
  /** Hours before OFF counted for `prior_positions`. §2.3: 12 h. */
  priorWindowHours: 12,
  /** Reception grid cell size, degrees. §2.3: GFW's reception model uses 1° cells. */
  receptionCellDeg: 1,
  /** Hours of reception history kept (bounds memory; longer gaps are judged on their last hours). (ours) */
  receptionRetainHours: 72,
  /**
   * Share of the gap's hours in which other vessels were heard around its ends, from which the
   * silence is judged deliberate rather than a coverage hole. §2.4 (Windward: compare with
   * neighbours' reception) and §2.6 "neighbour reception index"; the 0.5 value is ours.
   */
  minReceptionFraction: 0.5,
  /**
   * Share of the gap's hours with others heard from which the satellite-revisit argument for
   * `disablingMinHours` no longer holds: the gap can be "likely disabling" from `minGapHours`. (ours)
   */
  strongReceptionFraction: 0.9,
  /** Implied speed across the gap above which the two ends are unlikely to be one ship. §7.1: 25–30 kn. */
  maxPlausibleSpeedKnots: 30,
  /** Skip gaps whose both ends lie in a port area: in-port switch-off is normal. §2.4 (GFW PORT_GAP). */
  ignoreInPort: true,
  /** Report still-open gaps at end of input (no ON fix yet). §2.1 "open gap"; off by default (ours). */
  reportOpenGaps: false,
};
export type GapParams = typeof GAP_DEFAULTS;

interface GapTrackState {
  track: Track;
  last: Fix;
  /**
   * Where this track's ring of own positions per clock hour starts in the detector's `rings`
   * array: [hour, positions, satellite positions] triples, one per clock hour, indexed by hour.
   */
  ring: number;
}

/** True when the station name contains "sat" in any case (/sat/i without a regular expression per fix). */
function isSatellite(station: string | undefined): boolean {
  if (station === undefined) return false;
  for (let i = 0; i + 2 < station.length; i++) {
    if ((station.charCodeAt(i) | 0x20) === 0x73 && (station.charCodeAt(i + 1) | 0x20) === 0x61 && (station.charCodeAt(i + 2) | 0x20) === 0x74) return true;
  }
  return false;
}

/** Create the `gap` detector. */
export function createGapDetector(ctx: DetectorContext, params: Partial<GapParams> = {}): Detector {
  const p: GapParams = { ...GAP_DEFAULTS, ...params };
  const minGapMs = p.minGapHours * HOUR_MS;
  const ringSize = Math.max(1, Math.ceil(p.priorWindowHours)) + 1;
  const reception = new ReceptionGrid(p.receptionCellDeg, p.receptionRetainHours);
  const tracks = new TrackStates<GapTrackState>();
  // Every track's ring in one typed array (3 × ringSize numbers per track, in order of first
  // fix): a fix touches one block of memory, not a typed-array object of its own.
  const stride = 3 * ringSize;
  let rings = new Int32Array(1024 * stride).fill(-1);
  let now = -Infinity;

  function newRing(): number {
    const at = tracks.size * stride;
    rings = ensureLength(rings, at + stride, -1);
    return at;
  }

  function priorCounts(s: GapTrackState, offTime: number): { all: number; sat: number } {
    const offHour = Math.floor(offTime / HOUR_MS);
    let all = 0;
    let sat = 0;
    for (let i = 0; i < ringSize; i++) {
      const h = rings[s.ring + 3 * i];
      if (h <= offHour && h > offHour - ringSize) {
        all += rings[s.ring + 3 * i + 1];
        sat += rings[s.ring + 3 * i + 2];
      }
    }
    return { all, sat };
  }

  function emitGap(s: GapTrackState, off: Fix, on: Fix | undefined, end: number): void {
    const { refdata } = ctx;
    const hours = (end - off.time) / HOUR_MS;
    const offPorts = refdata.portsAt(off.lat, off.lon);
    const onPorts = on ? refdata.portsAt(on.lat, on.lon) : [];
    if (p.ignoreInPort && on && offPorts.length > 0 && onPorts.length > 0) return;

    const distanceM = on ? haversineM(off.lat, off.lon, on.lat, on.lon) : undefined;
    const impliedKnots = distanceM !== undefined && hours > 0 ? distanceM / NM / hours : undefined;
    const offShoreNm = refdata.distanceToShoreKm(off.lat, off.lon, 1000) / 1.852;
    const onShoreNm = on ? refdata.distanceToShoreKm(on.lat, on.lon, 1000) / 1.852 : undefined;
    const ends = on ? [off, on] : [off];
    const dens = reception.density(ends, off.time, end, s.track.mmsi);
    const fraction = dens.hours > 0 ? dens.hours_heard / dens.hours : 0;
    const prior = priorCounts(s, off.time);
    const cls = s.track.identity.class;

    const flags: string[] = [];
    const implausible = impliedKnots !== undefined && impliedKnots > p.maxPlausibleSpeedKnots;
    if (implausible) flags.push('implied_speed_implausible');
    const othersHeard = fraction >= p.minReceptionFraction;
    if (!othersHeard) flags.push('coverage_hole_likely');
    if (cls === 'B') flags.push('class_b');
    if (prior.all > 0 && prior.sat === prior.all) flags.push('satellite_only_before');
    if (offPorts.length > 0 || onPorts.length > 0) flags.push('port_at_one_end');
    if (!on) flags.push('open');

    let assessment: string;
    if (implausible) assessment = 'different_transmitters_or_spoofing';
    else if (!othersHeard) assessment = 'poor_reception';
    else if ((hours >= p.disablingMinHours || fraction >= p.strongReceptionFraction) && prior.all >= p.minPriorPositions) {
      assessment = offShoreNm > p.offshoreNm ? 'likely_disabling' : 'likely_disabling_nearshore';
    }
    else assessment = 'unexplained';

    // Confidence that the silence was the vessel's doing (ours): neighbours heard, long, regular before.
    let confidence = 0.35 + 0.3 * fraction;
    if (hours >= p.disablingMinHours) confidence += 0.15;
    if (prior.all >= p.minPriorPositions) confidence += 0.1;
    if (dens.hours > 0 && dens.hours_heard === 0) confidence *= 0.6;
    if (cls === 'B') confidence *= 0.8;
    if (implausible) confidence *= 0.5;
    if (!on) confidence *= 0.8;

    const details: Record<string, unknown> = {
      track_id: s.track.track_id,
      hours: round(hours, 2),
      assessment,
      flags,
      off: fixEvidence(off),
      on: on ? fixEvidence(on) : null,
      open: !on,
      distance_km: distanceM !== undefined ? round(distanceM / 1000, 2) : null,
      implied_speed_knots: impliedKnots !== undefined ? round(impliedKnots, 2) : null,
      off_shore_distance_nm: round(offShoreNm, 1),
      on_shore_distance_nm: onShoreNm !== undefined ? round(onShoreNm, 1) : null,
      off_port: offPorts[0]?.id ?? null,
      on_port: onPorts[0]?.id ?? null,
      ais_class: cls ?? null,
      prior_positions: prior.all,
      prior_satellite_positions: prior.sat,
      last_station: off.station ?? null,
      reception: {
        cell_deg: p.receptionCellDeg,
        hours_examined: dens.hours,
        hours_heard: dens.hours_heard,
        fraction: round(fraction, 3),
        messages: dens.messages,
        messages_per_hour: dens.hours > 0 ? round(dens.messages / dens.hours, 1) : 0,
      },
      params: {
        minGapHours: p.minGapHours,
        disablingMinHours: p.disablingMinHours,
        offshoreNm: p.offshoreNm,
        minPriorPositions: p.minPriorPositions,
        minReceptionFraction: p.minReceptionFraction,
        strongReceptionFraction: p.strongReceptionFraction,
        maxPlausibleSpeedKnots: p.maxPlausibleSpeedKnots,
      },
    };
    ctx.emit(
      makeEvent({
        type: 'gap',
        ...vesselFields(s.track),
        start: off.time,
        end,
        lat: off.lat,
        lon: off.lon,
        confidence: clamp01(confidence),
        details,
        key: s.track.track_id,
      }),
    );
  }

  return {
    name: 'gap',
    position(track: Track, fix: Fix): void {
      if (fix.time > now) now = fix.time;
      reception.add(fix.lat, fix.lon, fix.time, track.mmsi);
      let s = tracks.get(track);
      if (!s) {
        s = tracks.add(track, { track, last: fix, ring: newRing() });
      } else {
        s.track = track;
        if (fix.time - s.last.time >= minGapMs) emitGap(s, s.last, fix, fix.time);
      }
      const hour = Math.floor(fix.time / HOUR_MS);
      const r = rings;
      const i = s.ring + 3 * (((hour % ringSize) + ringSize) % ringSize);
      if (r[i] !== hour) {
        r[i] = hour;
        r[i + 1] = 0;
        r[i + 2] = 0;
      }
      r[i + 1]++;
      if (isSatellite(fix.station)) r[i + 2]++;
      s.last = fix;
    },
    tick(t: number): void {
      if (t > now) now = t;
    },
    finish(): void {
      if (!p.reportOpenGaps) return;
      for (const s of tracks.all) {
        if (now - s.last.time >= minGapMs) emitGap(s, s.last, undefined, now);
      }
    },
  };
}
