/**
 * `identity_anomaly`: identifiers that cannot be right (behaviours.md §6.1): placeholder MMSIs,
 * MMSIs whose MID is unallocated or whose digit pattern is not a ship's, an MMSI country that
 * differs from the flag the data source declares, IMO numbers that fail the check digit or are
 * fillers, and one IMO number claimed by two MMSIs active at the same time. One event per MMSI
 * and kind (per IMO pair for conflicts), at the vessel's first position.
 * docs/detectors/identity_anomaly.md documents definition, parameters and limits.
 */
import type { Fix, IdentityChange, Track } from '../track/types.js';
import type { Detector, DetectorContext } from './detector.js';
import { makeEvent } from './event.js';
import { TrackStates } from './track-states.js';
import { classifyMmsi, isValidImo, midCountry, PLACEHOLDER_IMOS, PLACEHOLDER_MMSIS, placeholderRule } from './mmsi.js';

/** Parameters; sources are sections of shared/research/behaviours.md. */
export const IDENTITY_ANOMALY_DEFAULTS = {
  /** MMSIs that are placeholders by definition. §1.3, §6.2 (GFW excludes 0, 111111111, 888888888). */
  placeholderMmsis: [...PLACEHOLDER_MMSIS],
  /** A digit repeated this many times in a row makes a placeholder (666666601). (ours) */
  minRepeatedDigits: 7,
  /** IMO numbers used as fillers. §6.2 "IMO 0 or 1234567 placeholders". */
  placeholderImos: [...PLACEHOLDER_IMOS],
  /** Minutes two MMSIs claiming one IMO must both be active to be "at once". §6.1 identity clone (value ours). */
  imoConflictOverlapMinutes: 30,
  /** Report the MID-country vs declared-flag check (needs a source that declares a flag). §6.1 FLAG_MISMATCH. */
  checkDeclaredFlag: true,
};
export type IdentityAnomalyParams = typeof IDENTITY_ANOMALY_DEFAULTS;

interface Finding {
  kind: string;
  confidence: number;
  time: number;
  evidence: Record<string, unknown>;
  key: string;
}

const iso = (t: number): string => new Date(t).toISOString();

/** Create the `identity_anomaly` detector. */
export function createIdentityAnomalyDetector(ctx: DetectorContext, params: Partial<IdentityAnomalyParams> = {}): Detector {
  const p: IdentityAnomalyParams = { ...IDENTITY_ANOMALY_DEFAULTS, ...params };
  const overlapMs = p.imoConflictOverlapMinutes * 60_000;
  /** MMSIs already judged on their number (once per MMSI, whatever its tracks). */
  const judged = new Set<number>();
  /** Tracks whose MMSI is known to be judged (an array read per fix instead of a set lookup). */
  const judgedTracks = new TrackStates<true>();
  /** Findings already reported, by key. */
  const reported = new Set<string>();
  /** Findings waiting for the track's first position. */
  const waiting = new Map<Track, Finding[]>();
  /** Tracks claiming each IMO (distinct MMSIs only matter). */
  const claims = new Map<number, Track[]>();
  /** IMOs with two or more claimant tracks: while none, no fix needs a conflict check. */
  let contested = 0;
  /**
   * Per track, the other tracks whose conflict over `imo` (the track's IMO when they were found)
   * is reported already: its key never leaves `reported`, so they are skipped without building it.
   */
  const concluded = new TrackStates<{ imo: number; others: Track[] }>();

  function report(track: Track, f: Finding, at: Fix): void {
    if (reported.has(f.key)) return;
    reported.add(f.key);
    ctx.emit(
      makeEvent({
        type: 'identity_anomaly',
        mmsi: track.mmsi,
        imo: track.identity.imo,
        name: track.identity.name,
        start: f.time,
        end: f.time,
        lat: at.lat,
        lon: at.lon,
        confidence: f.confidence,
        details: { kind: f.kind, track_id: track.track_id, ...f.evidence, params: { ...p } },
        key: f.key,
      }),
    );
  }

  function raise(track: Track, f: Finding): void {
    if (reported.has(f.key)) return;
    if (track.last !== undefined) return report(track, f, track.last);
    const list = waiting.get(track) ?? [];
    if (!list.some((x) => x.key === f.key)) list.push(f);
    waiting.set(track, list);
  }

  function judgeMmsi(track: Track, time: number): void {
    if (judgedTracks.get(track) !== undefined) return;
    judgedTracks.add(track, true);
    if (judged.has(track.mmsi)) return;
    judged.add(track.mmsi);
    const mmsi = track.mmsi;
    const { kind, mid } = classifyMmsi(mmsi);
    const rule = placeholderRule(mmsi, p.placeholderMmsis, p.minRepeatedDigits);
    if (rule !== undefined) {
      // One finding per number: a placeholder's pattern and MID say nothing more.
      raise(track, { kind: 'placeholder_mmsi', confidence: 0.9, time, key: `${mmsi}|placeholder`, evidence: { rule, mmsi_kind: kind, mid: mid ?? null } });
    } else if (kind !== 'ship') {
      raise(track, {
        kind: 'mmsi_not_ship',
        confidence: 0.7,
        time,
        key: `${mmsi}|format`,
        evidence: { mmsi_kind: kind, digits: String(mmsi).length, note: 'position reports from an MMSI whose pattern is not a ship station (ITU-R M.585)' },
      });
    } else if (midCountry(mid) === undefined) {
      raise(track, { kind: 'mid_unallocated', confidence: 0.85, time, key: `${mmsi}|mid`, evidence: { mid: mid ?? null } });
    }
  }

  function judgeImo(track: Track, imo: number, time: number): void {
    if (p.placeholderImos.includes(imo)) {
      raise(track, { kind: 'imo_placeholder', confidence: 0.7, time, key: `${track.mmsi}|imo_placeholder|${imo}`, evidence: { imo_reported: imo } });
      return;
    }
    if (!isValidImo(imo)) {
      raise(track, {
        kind: 'invalid_imo',
        confidence: 0.8,
        time,
        key: `${track.mmsi}|invalid_imo|${imo}`,
        evidence: { imo_reported: imo, reason: imo < 1_000_000 || imo > 9_999_999 ? 'not_7_digits' : 'check_digit' },
      });
      return;
    }
    const list = claims.get(imo) ?? [];
    if (!list.includes(track)) {
      list.push(track);
      if (list.length === 2) contested++;
    }
    claims.set(imo, list);
  }

  /** One IMO claimed by two MMSIs heard over the same time span. */
  function checkConflict(track: Track, fix: Fix): void {
    if (contested === 0) return;
    const imo = track.identity.imo;
    if (imo === undefined) return;
    const list = claims.get(imo);
    if (list === undefined || list.length < 2) return;
    let done = concluded.get(track);
    if (done !== undefined && done.imo !== imo) {
      done.imo = imo;
      done.others.length = 0;
    }
    for (const other of list) {
      if (other === track || other.mmsi === track.mmsi || other.identity.imo !== imo) continue;
      if (done !== undefined && done.others.includes(other)) continue;
      const start = Math.max(track.first_seen, other.first_seen);
      const end = Math.min(fix.time, other.last_seen);
      if (end - start < overlapMs) continue;
      const [a, b] = track.mmsi < other.mmsi ? [track.mmsi, other.mmsi] : [other.mmsi, track.mmsi];
      const evidence: Record<string, unknown> = {
        imo_reported: imo,
        other_mmsi: other.mmsi,
        other_track_id: other.track_id,
        overlap_start: iso(start),
        overlap_end: iso(end),
      };
      if (other.identity.name !== undefined) evidence['other_name'] = other.identity.name;
      if (other.last !== undefined) evidence['other_last_position'] = { lat: other.last.lat, lon: other.last.lon, time: iso(other.last.time) };
      const key = `imo_conflict|${imo}|${a}|${b}`;
      raise(track, { kind: 'imo_conflict', confidence: 0.8, time: fix.time, key, evidence });
      if (reported.has(key)) (done ??= concluded.add(track, { imo, others: [] })).others.push(other);
    }
  }

  return {
    name: 'identity_anomaly',
    position(track: Track, fix: Fix): void {
      judgeMmsi(track, fix.time);
      const pending = waiting.size === 0 ? undefined : waiting.get(track);
      if (pending !== undefined) {
        waiting.delete(track);
        for (const f of pending) report(track, f, fix);
      }
      checkConflict(track, fix);
    },
    identity(track: Track, change: IdentityChange): void {
      judgeMmsi(track, change.time);
      if (change.field === 'imo' && typeof change.after === 'number') judgeImo(track, change.after, change.time);
      if (p.checkDeclaredFlag && track.identity.declared_flag !== undefined && track.identity.flag !== undefined) {
        const declared = track.identity.declared_flag;
        if (declared !== track.identity.flag) {
          raise(track, {
            kind: 'flag_mismatch',
            confidence: 0.6,
            time: change.time,
            key: `${track.mmsi}|flag|${declared}`,
            evidence: { mmsi_flag: track.identity.flag, declared_flag: declared },
          });
        }
      }
    },
    finish(): void {
      waiting.clear();
    },
  };
}
