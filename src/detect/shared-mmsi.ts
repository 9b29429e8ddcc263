/**
 * `shared_mmsi`: one MMSI used by several transmitters at once. The tracker's segmenter splits such
 * an MMSI into tracks that cannot be one ship (behaviours.md §1); this detector reports the MMSI
 * when two of its tracks are each established (enough positions) and active over the same hours.
 * One event per MMSI and newly confirmed track: the first names two tracks, later ones one more.
 * docs/detectors/shared_mmsi.md documents definition, parameters and limits.
 */
import { haversineM, METRES_PER_NM } from '../geo/distance.js';
import type { Fix, Track, TrackOrigin } from '../track/types.js';
import type { Detector, DetectorContext } from './detector.js';
import { makeEvent } from './event.js';

/** Parameters; sources are sections of shared/research/behaviours.md. */
export const SHARED_MMSI_DEFAULTS = {
  /** Positions each track needs to count as a transmitter rather than noise. §1.2 "each ≥ N positions" (N ours). */
  minTrackFixes: 5,
  /** Hours the two tracks must be active at the same time. §1.2: overlap ≥ 1 h. */
  minOverlapHours: 1,
};
export type SharedMmsiParams = typeof SHARED_MMSI_DEFAULTS;

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

function trackEvidence(t: Track): Record<string, unknown> {
  const e: Record<string, unknown> = {
    track_id: t.track_id,
    positions: t.fixes,
    first_seen: new Date(t.first_seen).toISOString(),
    last_seen: new Date(t.last_seen).toISOString(),
  };
  if (t.last !== undefined) e['last_position'] = { lat: round(t.last.lat, 5), lon: round(t.last.lon, 5) };
  if (t.identity.name !== undefined) e['name'] = t.identity.name;
  if (t.identity.imo !== undefined) e['imo'] = t.identity.imo;
  if (t.identity.callsign !== undefined) e['callsign'] = t.identity.callsign;
  return e;
}

const splitEvidence = (o: TrackOrigin | undefined): Record<string, unknown> | null =>
  o === undefined ? null : { ...o, time: new Date(o.time).toISOString() };

/** Create the `shared_mmsi` detector. */
export function createSharedMmsiDetector(ctx: DetectorContext, params: Partial<SharedMmsiParams> = {}): Detector {
  const p: SharedMmsiParams = { ...SHARED_MMSI_DEFAULTS, ...params };
  const overlapMs = p.minOverlapHours * 3_600_000;
  /** Per shared MMSI: the tracks already reported. */
  const reported = new Map<number, Set<string>>();

  function position(track: Track, fix: Fix): void {
    const peers = track.peers;
    if (peers === undefined || peers.length < 2 || track.fixes < p.minTrackFixes) return;
    const done = reported.get(track.mmsi);
    if (done?.has(track.track_id)) return;
    for (const other of peers) {
      if (other === track || other.fixes < p.minTrackFixes || other.last === undefined) continue;
      const start = Math.max(track.first_seen, other.first_seen);
      const end = Math.min(fix.time, other.last.time);
      if (end - start < overlapMs) continue;
      const set = done ?? new Set<string>();
      const first = set.size === 0;
      set.add(track.track_id);
      set.add(other.track_id);
      reported.set(track.mmsi, set);
      const distanceNm = haversineM(fix.lat, fix.lon, other.last.lat, other.last.lon) / METRES_PER_NM;
      const hours = Math.abs(fix.time - other.last.time) / 3_600_000;
      const impliedSpeed = distanceNm / Math.max(hours, 1 / 3600);
      const namesDiffer =
        track.identity.name !== undefined && other.identity.name !== undefined && track.identity.name !== other.identity.name;
      ctx.emit(
        makeEvent({
          type: 'shared_mmsi',
          mmsi: track.mmsi,
          imo: track.identity.imo,
          name: track.identity.name,
          start,
          end: fix.time,
          lat: fix.lat,
          lon: fix.lon,
          // Far apart at the same time, or two names: two ships beyond doubt.
          confidence: impliedSpeed > 100 || namesDiffer ? 0.95 : 0.7,
          details: {
            track_id: track.track_id,
            other_track_id: other.track_id,
            first_for_mmsi: first,
            concurrent_tracks: peers.length,
            overlap_hours: round((end - start) / 3_600_000, 2),
            distance_nm: round(distanceNm, 2),
            implied_speed_kn: round(impliedSpeed, 1),
            names_differ: namesDiffer,
            tracks: [trackEvidence(track), trackEvidence(other)],
            split: splitEvidence(track.origin ?? other.origin),
            params: { ...p },
          },
          key: `${track.track_id}|${other.track_id}`,
        }),
      );
      return;
    }
  }

  return { name: 'shared_mmsi', position, finish() {} };
}
