/**
 * `identity_change`: a vessel changes what it says it is: name, call sign, IMO number or ship type
 * on one track (the tracker confirms a new value before it counts, so one garbled message is not a
 * change), or its MMSI, seen as the same valid IMO number reappearing under a new MMSI after the
 * old one fell silent. Reported under the identity after the change (`mmsi` = MMSI now in use),
 * with every before/after pair in `details.changes`. Changes of one track close together in time
 * are one event. docs/detectors/identity_change.md documents definition, parameters and limits.
 */
import type { Fix, IdentityChange, Track } from '../track/types.js';
import type { Detector, DetectorContext } from './detector.js';
import { makeEvent } from './event.js';
import { isValidImo, PLACEHOLDER_IMOS, placeholderRule } from './mmsi.js';
import { normaliseKey } from '../track/identity.js';

/** Parameters; sources are sections of shared/research/behaviours.md. */
export const IDENTITY_CHANGE_DEFAULTS = {
  /** Identity fields whose change is reported. §6.1 "name / callsign / destination churn" (destination and draught left out: they change every voyage). */
  fields: ['name', 'callsign', 'imo', 'ship_type'],
  /** Changes of one track within this many minutes are one event. (ours; a msg 5 is sent every 6 min, §0.1) */
  groupMinutes: 30,
  /**
   * A change is reported only once it has held this long: a value that flips back within the
   * time is not a change but two transmitters on one MMSI (§1.3 Class B units swapped, shared
   * MMSIs). (ours)
   */
  settleMinutes: 120,
  /** A value returning within this many hours marks the track as alternating. (ours) */
  flipWindowHours: 24,
  /** Name/call-sign changes of an alternating track are not reported for this many hours after the last flip. (ours) */
  alternatingQuietHours: 48,
  /** Placeholder MMSIs (identity_anomaly reports them) are used by many vessels: their name changes are not changes. §1.3 */
  skipPlaceholderMmsis: true,
  /** Report an MMSI change when a valid IMO reappears under a new MMSI within this many days. (ours) */
  imoLinkDays: 90,
  /** The old MMSI may still be heard this long after the new one started (reception delays), hours. (ours) */
  mmsiOverlapToleranceHours: 1,
};
export type IdentityChangeParams = typeof IDENTITY_CHANGE_DEFAULTS;

interface Group {
  track: Track;
  start: number;
  end: number;
  changes: IdentityChange[];
  via: 'track' | 'imo';
  previous?: Record<string, unknown>;
  /** For an MMSI change: the track of the old MMSI, which must stay silent until the change is reported. */
  oldTrack?: Track;
}

const iso = (t: number): string => new Date(t).toISOString();

/** Create the `identity_change` detector. */
export function createIdentityChangeDetector(ctx: DetectorContext, params: Partial<IdentityChangeParams> = {}): Detector {
  const p: IdentityChangeParams = { ...IDENTITY_CHANGE_DEFAULTS, ...params };
  const fields = new Set(p.fields);
  const groupMs = p.groupMinutes * 60_000;
  const linkMs = p.imoLinkDays * 86_400_000;
  const toleranceMs = p.mmsiOverlapToleranceHours * 3_600_000;
  /** Open groups by track (one per track at most); emitted when they can no longer grow. */
  const open = new Map<Track, Group>();
  /** The last track that claimed each valid IMO. */
  const byImo = new Map<number, Track>();
  const settleMs = p.settleMinutes * 60_000;
  const flipMs = p.flipWindowHours * 3_600_000;
  const quietMs = p.alternatingQuietHours * 3_600_000;
  /** Per track: recent values of each field (key → last time held), for flip-back detection. */
  const recent = new Map<Track, Map<string, number>>();
  /** Per alternating track: time of its last flip. */
  const alternating = new Map<Track, number>();
  const placeholder = new Map<number, boolean>();
  const isPlaceholder = (mmsi: number): boolean => {
    let v = placeholder.get(mmsi);
    if (v === undefined) {
      v = placeholderRule(mmsi) !== undefined;
      placeholder.set(mmsi, v);
    }
    return v;
  };
  const valueKey = (field: string, v: string | number | undefined): string => `${field}=${typeof v === 'string' ? normaliseKey(v) : String(v)}`;

  /** Remember that the track held `before` until `time`; true when `after` is a value it held recently. */
  function flipsBack(track: Track, change: IdentityChange): boolean {
    let values = recent.get(track);
    if (values === undefined) {
      values = new Map();
      recent.set(track, values);
    }
    values.set(valueKey(change.field, change.before), change.time);
    const seen = values.get(valueKey(change.field, change.after));
    if (values.size > 16) {
      const oldest = [...values.entries()].sort((a, b) => a[1] - b[1])[0];
      if (oldest !== undefined) values.delete(oldest[0]);
    }
    return seen !== undefined && change.time - seen <= flipMs;
  }

  function emit(g: Group, at: Fix): void {
    const t = g.track;
    const changed = [...new Set(g.changes.map((c) => c.field))];
    // Several fields at once (name and call sign, or a new MMSI) is a deliberate re-identification.
    const confidence = g.via === 'imo' ? 0.85 : changed.length >= 2 ? 0.8 : changed[0] === 'name' ? 0.6 : 0.5;
    const details: Record<string, unknown> = {
      track_id: t.track_id,
      via: g.via,
      fields: changed,
      changes: g.changes.map((c) => ({ field: c.field, before: c.before ?? null, after: c.after ?? null, time: iso(c.time) })),
      params: { ...p },
    };
    if (g.previous !== undefined) details['previous'] = g.previous;
    ctx.emit(
      makeEvent({
        type: 'identity_change',
        mmsi: t.mmsi,
        imo: t.identity.imo,
        name: t.identity.name,
        start: g.start,
        end: g.end,
        lat: at.lat,
        lon: at.lon,
        confidence,
        details,
        key: `${t.track_id}|${g.via}`,
      }),
    );
  }

  function flush(g: Group): boolean {
    const at = g.track.last;
    if (at === undefined) return false; // no position yet: wait for one
    open.delete(g.track);
    // The old MMSI heard again after the new one started: two vessels at once, not a change.
    if (g.oldTrack !== undefined && g.oldTrack.last_seen > g.track.first_seen + toleranceMs) return true;
    emit(g, at);
    return true;
  }

  function add(track: Track, change: IdentityChange, via: 'track' | 'imo', previous?: Record<string, unknown>, oldTrack?: Track): void {
    const g = open.get(track);
    if (g !== undefined && g.via === via && change.time - g.start <= groupMs) {
      g.changes.push(change);
      g.end = Math.max(g.end, change.time);
      return;
    }
    if (g !== undefined) flush(g);
    const next: Group = { track, start: change.time, end: change.time, changes: [change], via };
    if (previous !== undefined) next.previous = previous;
    if (oldTrack !== undefined) next.oldTrack = oldTrack;
    open.set(track, next);
  }

  /** A valid IMO newly claimed by `track`: an MMSI change when another MMSI held it and went quiet. */
  function imoClaim(track: Track, imo: number, time: number): void {
    if (!isValidImo(imo) || PLACEHOLDER_IMOS.includes(imo)) return;
    const before = byImo.get(imo);
    byImo.set(imo, track);
    if (before === undefined || before.mmsi === track.mmsi) return;
    // Both heard at once is a conflict (identity_anomaly), not a change.
    if (before.last_seen > track.first_seen + toleranceMs) return;
    if (time - before.last_seen > linkMs) return;
    const previous: Record<string, unknown> = { mmsi: before.mmsi, track_id: before.track_id, last_seen: iso(before.last_seen) };
    if (before.identity.name !== undefined) previous['name'] = before.identity.name;
    if (before.identity.callsign !== undefined) previous['callsign'] = before.identity.callsign;
    if (before.identity.flag !== undefined) previous['flag'] = before.identity.flag;
    add(track, { time: track.first_seen, field: 'mmsi', before: before.mmsi, after: track.mmsi }, 'imo', previous, before);
    if (before.identity.flag !== track.identity.flag) {
      add(track, { time: track.first_seen, field: 'flag', before: before.identity.flag, after: track.identity.flag }, 'imo');
    }
    for (const f of ['name', 'callsign'] as const) {
      const a = before.identity[f];
      const b = track.identity[f];
      if (a !== undefined && b !== undefined && a !== b) add(track, { time: track.first_seen, field: f, before: a, after: b }, 'imo');
    }
  }

  return {
    name: 'identity_change',
    position(track: Track): void {
      if (open.size === 0) return; // the usual case: no change waiting to be grouped
      const g = open.get(track);
      if (g !== undefined && track.last !== undefined && track.last.time - g.end > Math.max(groupMs, settleMs)) flush(g);
    },
    identity(track: Track, change: IdentityChange): void {
      if (change.field === 'imo' && typeof change.after === 'number') imoClaim(track, change.after, change.time);
      if (change.before === undefined || !fields.has(change.field)) return;
      if (p.skipPlaceholderMmsis && isPlaceholder(track.mmsi)) return;
      if (flipsBack(track, change)) {
        // Two transmitters taking turns: drop the unreported change and keep quiet for a while.
        alternating.set(track, change.time);
        const g = open.get(track);
        if (g !== undefined && g.via === 'track') open.delete(track);
        return;
      }
      const flipped = alternating.get(track);
      if (flipped !== undefined && change.time - flipped <= quietMs) return;
      add(track, change, 'track');
    },
    tick(now: number): void {
      for (const g of [...open.values()]) if (now - g.end > Math.max(groupMs, settleMs)) flush(g);
    },
    finish(): void {
      for (const g of [...open.values()]) flush(g);
      open.clear();
    },
  };
}
