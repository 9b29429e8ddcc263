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
import { isValidImo, PLACEHOLDER_IMOS } from './mmsi.js';

/** Parameters; sources are sections of shared/research/behaviours.md. */
export const IDENTITY_CHANGE_DEFAULTS = {
  /** Identity fields whose change is reported. §6.1 "name / callsign / destination churn" (destination and draught left out: they change every voyage). */
  fields: ['name', 'callsign', 'imo', 'ship_type'],
  /** Changes of one track within this many minutes are one event. (ours; a msg 5 is sent every 6 min, §0.1) */
  groupMinutes: 30,
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
    emit(g, at);
    return true;
  }

  function add(track: Track, change: IdentityChange, via: 'track' | 'imo', previous?: Record<string, unknown>): void {
    const g = open.get(track);
    if (g !== undefined && g.via === via && change.time - g.start <= groupMs) {
      g.changes.push(change);
      g.end = Math.max(g.end, change.time);
      return;
    }
    if (g !== undefined) flush(g);
    const next: Group = { track, start: change.time, end: change.time, changes: [change], via };
    if (previous !== undefined) next.previous = previous;
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
    add(track, { time: track.first_seen, field: 'mmsi', before: before.mmsi, after: track.mmsi }, 'imo', previous);
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
      const g = open.get(track);
      if (g !== undefined && track.last !== undefined && track.last.time - g.end > groupMs) flush(g);
    },
    identity(track: Track, change: IdentityChange): void {
      if (change.field === 'imo' && typeof change.after === 'number') imoClaim(track, change.after, change.time);
      if (change.before === undefined || !fields.has(change.field)) return;
      add(track, change, 'track');
    },
    tick(now: number): void {
      for (const g of [...open.values()]) if (now - g.end > groupMs) flush(g);
    },
    finish(): void {
      for (const g of [...open.values()]) flush(g);
      open.clear();
    },
  };
}
