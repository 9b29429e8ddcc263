/**
 * Sanctions screening wired into the picture: a detector that screens every track when it is
 * first seen and again whenever its identity (IMO, name, call sign, flag, MMSI) changes, and
 * raises `sanctions_hit` for each listed entity it matches. An IMO hit is a full-confidence
 * match; partial identity (a listed ship's former name on another IMO, a listed MMSI/call sign
 * alone, a name only) raises the event with the lower confidence of its score, as "review".
 */
import type { Detector, DetectorContext } from '../detect/detector.js';
import { makeEvent } from '../detect/event.js';
import { TrackStates } from '../detect/track-states.js';
import type { Fix, IdentityChange, Track } from '../track/types.js';
import type { MatchQuery, MatchResult } from '../screen/matcher.js';

/** What the detector needs from a screener (the Screener class satisfies it). */
export interface VesselScreener {
  match(query: MatchQuery): MatchResult[];
}

const SCREENED_FIELDS = new Set(['imo', 'name', 'callsign', 'flag', 'mmsi']);

/** The screening query for a track's current identity. */
export function trackQuery(track: Track): MatchQuery {
  const id = track.identity;
  const props: Record<string, string[]> = { mmsi: [String(track.mmsi)] };
  if (id.imo) props['imoNumber'] = [String(id.imo).padStart(7, '0')];
  if (id.name && id.name.trim()) props['name'] = [id.name.trim()];
  if (id.callsign && id.callsign.trim()) props['callSign'] = [id.callsign.trim()];
  if (id.flag) props['flag'] = [id.flag];
  return { schema: 'Vessel', properties: props };
}

function identityKey(track: Track): string {
  const id = track.identity;
  return [track.mmsi, id.imo ?? '', id.name?.trim() ?? '', id.callsign?.trim() ?? '', id.flag ?? ''].join('|');
}

/** What the detector keeps per track. */
interface ScreenState {
  /** The identity last screened (undefined: never screened). */
  key: string | undefined;
  /** Identity changed before the track had a position: screen at its next fix. */
  pending: boolean;
  /** Hits already raised: entity id → best decision. */
  raised: Map<string, 'match' | 'review'> | undefined;
}

/** Create the screening detector factory for a screener (pass the result to the pipeline's extraDetectors). */
export function createScreeningDetector(screener: VesselScreener): (ctx: DetectorContext) => Detector {
  return (ctx) => {
    // Per track (one array read by Track.index, no string-keyed lookup per fix): the identity last
    // screened, the hits already raised (entity → best decision), and whether a screen is due at
    // the next fix (identity changed before any position).
    const states = new TrackStates<ScreenState>();
    const stateOf = (track: Track): ScreenState => states.get(track) ?? states.add(track, { key: undefined, pending: false, raised: undefined });

    const screen = (track: Track, time: number, lat: number, lon: number, reason: string): void => {
      const state = stateOf(track);
      state.pending = false;
      const key = identityKey(track);
      if (state.key === key) return;
      state.key = key;
      const results = screener.match(trackQuery(track));
      let seen = state.raised;
      for (const r of results) {
        const before = seen?.get(r.entity_id);
        if (before === 'match' || before === r.decision) continue;
        if (!seen) state.raised = seen = new Map();
        seen.set(r.entity_id, r.decision);
        // Partial identity: no IMO agreement, or the listed IMO under a different name.
        const partial = !r.matched_fields.includes('imo') || (track.identity.name !== undefined && !r.matched_fields.includes('name'));
        ctx.emit(
          makeEvent({
            type: 'sanctions_hit',
            mmsi: track.mmsi,
            imo: track.identity.imo,
            name: track.identity.name?.trim(),
            start: time,
            end: time,
            lat,
            lon,
            confidence: r.score,
            key: `${track.track_id}|${r.entity_id}|${r.decision}`,
            details: {
              entity_id: r.entity_id,
              entity_name: r.name,
              schema: r.schema,
              lists: r.lists,
              programs: r.programs,
              authorities: r.authorities,
              score: r.score,
              decision: r.decision,
              partial,
              matched_fields: r.matched_fields,
              explanation: r.explanation,
              screened_on: reason,
              ...(r.ownership ? { ownership: r.ownership } : {}),
            },
          }),
        );
      }
    };

    return {
      name: 'sanctions_hit',
      position(track: Track, fix: Fix): void {
        const state = states.get(track);
        if (state === undefined || state.key === undefined) screen(track, fix.time, fix.lat, fix.lon, 'first_seen');
        else if (state.pending) screen(track, fix.time, fix.lat, fix.lon, 'identity_change');
      },
      identity(track: Track, change: IdentityChange): void {
        if (!SCREENED_FIELDS.has(change.field)) return;
        const last = track.last;
        if (!last) {
          stateOf(track).pending = true;
          return;
        }
        screen(track, change.time, last.lat, last.lon, 'identity_change');
      },
      finish(): void {
        for (const state of states.all) state.pending = false;
      },
    };
  };
}
