/**
 * The vessel picture: one record per MMSI, split into tracks (one per transmitter) by a streaming
 * version of Global Fishing Watch's segmenter (behaviours.md §1), with cleaned positions, collapsed
 * duplicates and an identity merged from messages 5, 19 and 24A/B. Messages must arrive in time
 * order (the pipeline's reorder buffer sees to that); time comes only from the messages.
 */
import type { AisMessage } from '../ais/types.js';
import { deltaLon, haversineM, METRES_PER_NM } from '../geo/distance.js';
import { sameValue, staticFields } from './identity.js';
import { flagOfMmsi } from './mid.js';
import type { Fix, Identity, IdentityChange, IdentityField, Track, TrackOrigin } from './types.js';

/** Tracker parameters; units are in the names. Defaults follow GFW's segmenter (behaviours.md §13). */
export interface TrackerParams {
  /** Speed envelope of the segmenter: a fix further than this allows does not belong to a track. */
  maxSpeedKnots: number;
  /** Fixed time padding (added in quadrature) so that fixes close in time are not over-judged. */
  bufferHours: number;
  /** Long gaps are not straight-line, full-speed travel: dead reckoning uses h / (1 + (h/penalty)^exp). */
  penaltyHours: number;
  hoursExponent: number;
  /** Weight of the "it stayed put" and "off its course line" hypotheses. */
  shapeFactor: number;
  /** Sharpness of the match score: α = (max_speed / penalty_speed) × discrepancy / allowed. */
  penaltySpeedKnots: number;
  /** Score factor when the fix's AIS class (A/B) differs from the track's. */
  classMismatchFactor: number;
  /** Open tracks kept per MMSI; the least recently seen is closed when a new one is needed. */
  maxTracksPerMmsi: number;
  /** Identical position reports of one MMSI within this time are one report heard twice. */
  duplicateWindowSeconds: number;
  /** A type 27 (long-range, coarse) position this close to a normal one is noise (GFW: 1 h). */
  type27GuardMinutes: number;
  /** A static message belongs to the MMSI's track heard within this time (GFW: ±15 min). */
  identityAttachMinutes: number;
  /** A new value of an identity field replaces the old one after this many reports in a row. */
  identityConfirmations: number;
  /** Real identity changes kept per track (oldest dropped first). */
  identityHistoryMax: number;
}

/** The defaults (GFW gpsdio-segment values where they exist; see docs/tracking.md). */
export const TRACKER_DEFAULTS: Readonly<TrackerParams> = Object.freeze({
  maxSpeedKnots: 25,
  bufferHours: 0.25,
  penaltyHours: 4,
  hoursExponent: 0.5,
  shapeFactor: 4,
  penaltySpeedKnots: 5,
  classMismatchFactor: 0.1,
  maxTracksPerMmsi: 8,
  duplicateWindowSeconds: 30,
  type27GuardMinutes: 60,
  identityAttachMinutes: 15,
  identityConfirmations: 2,
  identityHistoryMax: 32,
});

/** Why a position report was not accepted as a fix. */
export type PositionRejection = 'no_position' | 'invalid_position' | 'null_island' | 'duplicate' | 'type27_redundant';

/** What the tracker did with one message. */
export type TrackOutcome = 'fix' | 'static' | 'other' | PositionRejection;

/** Where accepted fixes and identity changes go. */
export interface TrackerSink {
  fix?(track: Track, fix: Fix): void;
  identity?(track: Track, change: IdentityChange): void;
}

/** Position report types (1–3, 18, 19, 27), as a lookup table by type. */
const IS_POSITION = new Uint8Array(28);
for (const t of [1, 2, 3, 18, 19, 27]) IS_POSITION[t] = 1;
/** Reported speeds that are radio noise, not motion (GFW REPORTED_SPEED_EXCLUSION_RANGES). */
const NOISE_SPEEDS = [51.2, 63, 102.3];
const RAD = Math.PI / 180;

/** A new value of one field waiting for confirmation. */
interface Pending {
  field: IdentityField;
  value: string | number;
  count: number;
  time: number;
}

/**
 * An accepted fix. A class, not an object literal, on purpose: fixes outlive many young-generation
 * collections (a track and several detectors hold their last one), so V8's allocation-site
 * feedback would soon pretenure a literal, and an old-space allocation (the object and a box per
 * double) then costs a runtime call: the literal's line was 12 % of the whole pipeline's time on
 * the real corpus. `new` of a class is not pretenured by allocation sites and stays a bump
 * allocation (measured in docs/tracking.md, Speed).
 */
class FixRecord implements Fix {
  constructor(
    readonly time: number,
    readonly lat: number,
    readonly lon: number,
    readonly speed: number | undefined,
    readonly course: number | undefined,
    readonly heading: number | undefined,
    readonly status: number | undefined,
    readonly station: string | undefined,
  ) {}
}

/** One track: the public Track plus the bookkeeping the tracker needs. */
class TrackRecord implements Track {
  readonly track_id: string;
  readonly mmsi: number;
  readonly index: number;
  readonly identity: Identity;
  last: Fix | undefined = undefined;
  first_seen: number;
  last_seen: number;
  fixes = 0;
  peers?: readonly Track[];
  origin?: TrackOrigin;
  history?: IdentityChange[];
  /** Time of the last non-type-27 fix (type 27 guard). */
  lastNormal = -Infinity;
  pending: Pending[] | undefined = undefined;

  constructor(trackId: string, mmsi: number, index: number, time: number) {
    this.track_id = trackId;
    this.mmsi = mmsi;
    this.index = index;
    this.first_seen = time;
    this.last_seen = time;
    const flag = flagOfMmsi(mmsi);
    this.identity = flag === undefined ? { mmsi } : { mmsi, flag };
  }
}

/** Per MMSI: its open tracks and the duplicate filter's slot. */
interface VesselRecord {
  tracks: TrackRecord[];
  /** Tracks created so far (numbers the next `<mmsi>#n`). */
  created: number;
  slot: number;
}

const DUP_RING = 4;

/** The tracker: feed it time-ordered messages, read the tracks. */
export class Tracker {
  readonly params: Readonly<TrackerParams>;
  private readonly sink: TrackerSink;
  private readonly vessels = new Map<number, VesselRecord>();
  private openTracks = 0;
  /** Tracks created so far (the next TrackRecord.index). */
  private createdTracks = 0;
  // Duplicate filter by vessel slot: the DUP_RING most recent (report hash, time) pairs side by
  // side in one 64-byte line per vessel (a check touches one cache line), then the next write's
  // position in dupNext.
  private dup = new Float64Array(1024 * DUP_RING * 2);
  private dupNext = new Uint8Array(1024);

  constructor(params: Partial<TrackerParams> = {}, sink: TrackerSink = {}) {
    this.params = { ...TRACKER_DEFAULTS, ...params };
    this.sink = sink;
  }

  /** Distinct MMSIs seen. */
  get vesselCount(): number {
    return this.vessels.size;
  }

  /** Tracks currently open. */
  get trackCount(): number {
    return this.openTracks;
  }

  /** Every open track, MMSIs in order of first appearance, then tracks in creation order. */
  *tracks(): IterableIterator<Track> {
    for (const v of this.vessels.values()) yield* v.tracks;
  }

  /** The open track with this id (`<mmsi>` or `<mmsi>#n`). */
  track(id: string): Track | undefined {
    const hash = id.indexOf('#');
    const mmsi = Number(hash < 0 ? id : id.slice(0, hash));
    return this.vessels.get(mmsi)?.tracks.find((t) => t.track_id === id);
  }

  /** The open tracks of one MMSI. */
  tracksOf(mmsi: number): readonly Track[] {
    return this.vessels.get(mmsi)?.tracks ?? [];
  }

  /** Process one message received at `time` (ms, from the message); says what became of it. */
  process(m: AisMessage, time: number, station?: string): TrackOutcome {
    const type = m.type;
    const isPosition = type < 28 && IS_POSITION[type] === 1;
    const isStatic = type === 5 || type === 19 || type === 24;
    if (!isPosition && !isStatic) return 'other';
    let outcome: TrackOutcome = 'static';
    let track: TrackRecord | undefined;
    if (isPosition) {
      const r = this.position(m, time, station);
      if (typeof r === 'string') {
        if (!isStatic) return r;
        outcome = r;
      } else {
        track = r;
        outcome = 'fix';
      }
    }
    if (isStatic) this.staticMessage(m, time, track);
    return outcome;
  }

  private vessel(mmsi: number): VesselRecord {
    let v = this.vessels.get(mmsi);
    if (v === undefined) {
      const slot = this.vessels.size;
      if (slot >= this.dupNext.length) this.growSlots();
      v = { tracks: [], created: 0, slot };
      this.vessels.set(mmsi, v);
    }
    return v;
  }

  private growSlots(): void {
    const n = this.dupNext.length * 2;
    const d = new Float64Array(n * DUP_RING * 2);
    d.set(this.dup);
    const x = new Uint8Array(n);
    x.set(this.dupNext);
    this.dup = d;
    this.dupNext = x;
  }

  /**
   * A position report (types 1–3, 18, 27) given as its fields, as the pipeline keeps them while
   * they wait in its reorder window: the same as `process` with the message.
   */
  processPosition(
    type: number,
    mmsi: number,
    lat: number,
    lon: number,
    speed: number | undefined,
    course: number | undefined,
    heading: number | undefined,
    status: number | undefined,
    second: number | undefined,
    time: number,
    station: string | undefined,
  ): TrackOutcome {
    const r = this.positionOf(type, mmsi, lat, lon, speed, course, heading, status, second, time, station);
    return typeof r === 'string' ? r : 'fix';
  }

  private position(m: AisMessage, time: number, station: string | undefined): TrackRecord | PositionRejection {
    // Each field read once: messages of many types (many object shapes) pass through here.
    const { lat, lon } = m;
    if (lat === undefined || lon === undefined) return 'no_position';
    return this.positionOf(m.type, m.mmsi, lat, lon, m.speed, m.course, m.heading, m.status, m.second, time, station);
  }

  private positionOf(
    type: number,
    mmsi: number,
    lat: number,
    lon: number,
    rawSpeed: unknown,
    rawCourse: unknown,
    rawHeading: unknown,
    rawStatus: unknown,
    second: unknown,
    time: number,
    station: string | undefined,
  ): TrackRecord | PositionRejection {
    const bad = positionProblem(lat, lon);
    if (bad !== undefined) return bad;
    const speed = cleanSpeed(rawSpeed);
    const course = cleanAngle(rawCourse);
    const heading = cleanAngle(rawHeading);
    const status = cleanStatus(type, rawStatus);

    const v = this.vessel(mmsi);
    if (this.isDuplicate(v.slot, reportHash(type, lat, lon, rawSpeed, rawCourse, rawHeading, second, rawStatus), time)) return 'duplicate';
    if (type === 27) {
      const guard = this.params.type27GuardMinutes * 60_000;
      for (const t of v.tracks) if (time - t.lastNormal < guard) return 'type27_redundant';
    }
    const cls: 'A' | 'B' | undefined = type === 18 || type === 19 ? 'B' : type === 27 ? undefined : 'A';

    // Every key present, in one order: one object shape for all fixes (fast property access in
    // the detectors); absent values are undefined (and left out by JSON.stringify).
    const fix: Fix = new FixRecord(time, lat, lon, speed, course, heading, status, station);

    const track = this.match(v, mmsi, fix, cls);
    if (track.fixes === 0) track.first_seen = Math.min(track.first_seen, time);
    track.last = fix;
    track.fixes++;
    if (time > track.last_seen) track.last_seen = time;
    if (type !== 27) track.lastNormal = time;
    if (cls !== undefined && track.identity.class === undefined) track.identity.class = cls;
    this.sink.fix?.(track, fix);
    return track;
  }

  /** The track this fix belongs to: the best-scoring feasible open track, or a new one. */
  private match(v: VesselRecord, mmsi: number, fix: Fix, cls: 'A' | 'B' | undefined): TrackRecord {
    const p = this.params;
    if (v.tracks.length === 1) {
      // Fast path, the usual case: one open track, and the fix so close that even the weighted
      // straight distance (an upper bound of the discrepancy) is inside the envelope.
      const only = v.tracks[0];
      const last = only.last;
      if (last === undefined) return only;
      const h = Math.max(0, fix.time - last.time) / 3_600_000;
      const allowed = Math.sqrt(h * h + p.bufferHours * p.bufferHours) * p.maxSpeedKnots;
      const kx = Math.cos(((last.lat + fix.lat) / 2) * RAD);
      const dx = deltaLon(last.lon, fix.lon) * kx * 60;
      const dy = (fix.lat - last.lat) * 60;
      // 1.01: margin for the equirectangular approximation (well under 1 % at these distances).
      if (Math.sqrt(dx * dx + dy * dy) * 1.01 * Math.max(1, p.shapeFactor) <= allowed) return only;
    }
    let best: TrackRecord | undefined;
    let bestScore = 0;
    let empty: TrackRecord | undefined;
    let nearest: TrackRecord | undefined;
    for (const t of v.tracks) {
      const last = t.last;
      if (last === undefined) {
        empty ??= t;
        continue;
      }
      if (nearest === undefined || last.time > (nearest.last as Fix).time) nearest = t;
      const h = Math.max(0, fix.time - last.time) / 3_600_000;
      const padded = Math.sqrt(h * h + p.bufferHours * p.bufferHours);
      const allowed = padded * p.maxSpeedKnots;
      const d = this.discrepancy(last, fix, h);
      if (d > allowed) continue;
      const alpha = (p.maxSpeedKnots / p.penaltySpeedKnots) * (d / allowed);
      let score = Math.exp(-alpha * alpha) / padded;
      if (cls !== undefined && t.identity.class !== undefined && t.identity.class !== cls) score *= p.classMismatchFactor;
      if (score > bestScore) {
        best = t;
        bestScore = score;
      }
    }
    if (best !== undefined) return best;
    if (empty !== undefined) return empty;
    const created = this.newTrack(v, mmsi, fix.time);
    if (nearest !== undefined) {
      const last = nearest.last as Fix;
      const distanceNm = haversineM(last.lat, last.lon, fix.lat, fix.lon) / METRES_PER_NM;
      const hours = (fix.time - last.time) / 3_600_000;
      created.origin = {
        from: nearest.track_id,
        time: fix.time,
        distance_nm: Math.round(distanceNm * 1000) / 1000,
        hours: Math.round(hours * 10000) / 10000,
        implied_speed_kn: Math.round((distanceNm / Math.max(hours, 1 / 3600)) * 10) / 10,
      };
    }
    return created;
  }

  /**
   * GFW's discrepancy (nm): the smallest of dead-reckoning error (both ways), straight distance and
   * offset from the reported course line, the last two weighted by the shape factor. With no speed
   * reported on either side the straight distance counts as is: only the speed envelope can judge.
   */
  private discrepancy(a: Fix, b: Fix, h: number): number {
    const p = this.params;
    const straight = haversineM(a.lat, a.lon, b.lat, b.lon) / METRES_PER_NM;
    const hasA = a.speed !== undefined && a.course !== undefined;
    const hasB = b.speed !== undefined && b.course !== undefined;
    if (!hasA && !hasB) return a.speed === undefined && b.speed === undefined ? straight : straight * p.shapeFactor;
    // Local plane around a, nm; longitudes wrapped so the antimeridian is not a 360° jump.
    const kx = Math.cos(a.lat * RAD) * 60;
    const bx = deltaLon(a.lon, b.lon) * kx;
    const by = (b.lat - a.lat) * 60;
    const ph = h / (1 + Math.pow(h / p.penaltyHours, p.hoursExponent));
    let sum = 0;
    let n = 0;
    let line = Infinity;
    if (hasA) {
      const sx = Math.sin((a.course as number) * RAD);
      const sy = Math.cos((a.course as number) * RAD);
      const run = (a.speed as number) * ph;
      sum += norm(bx - sx * run, by - sy * run);
      n++;
      const along = bx * sx + by * sy;
      if (along >= 0 && along <= (a.speed as number) * h + 0.1) line = Math.abs(bx * sy - by * sx) * p.shapeFactor;
    }
    if (hasB) {
      const sx = Math.sin((b.course as number) * RAD);
      const sy = Math.cos((b.course as number) * RAD);
      const run = (b.speed as number) * ph;
      sum += norm(bx - sx * run, by - sy * run);
      n++;
    }
    return Math.min(sum / n, straight * p.shapeFactor, line);
  }

  private newTrack(v: VesselRecord, mmsi: number, time: number): TrackRecord {
    if (v.tracks.length >= this.params.maxTracksPerMmsi) {
      let oldest = 0;
      for (let i = 1; i < v.tracks.length; i++) if ((v.tracks[i]).last_seen < (v.tracks[oldest]).last_seen) oldest = i;
      v.tracks.splice(oldest, 1);
      this.openTracks--;
    }
    v.created++;
    const t = new TrackRecord(v.created === 1 ? String(mmsi) : `${mmsi}#${v.created}`, mmsi, this.createdTracks++, time);
    v.tracks.push(t);
    this.openTracks++;
    // Never `delete` a field here: it would put every track object in dictionary mode (slow
    // property access in every detector). A new track's `peers` is undefined until a split.
    if (v.tracks.length > 1) for (const x of v.tracks) x.peers = v.tracks;
    return t;
  }

  private isDuplicate(slot: number, hash: number, time: number): boolean {
    const base = slot * DUP_RING * 2;
    const window = this.params.duplicateWindowSeconds * 1000;
    const dup = this.dup;
    for (let k = base; k < base + DUP_RING * 2; k += 2) {
      if (dup[k] === hash && time - dup[k + 1] <= window) return true;
    }
    const next = this.dupNext[slot];
    dup[base + 2 * next] = hash;
    dup[base + 2 * next + 1] = time;
    this.dupNext[slot] = (next + 1) % DUP_RING;
    return false;
  }

  /** The track a static message describes: the only one, or the one heard last of the same class. */
  private staticTrack(v: VesselRecord, mmsi: number, cls: 'A' | 'B', time: number): TrackRecord {
    if (v.tracks.length === 1) return v.tracks[0];
    if (v.tracks.length === 0) return this.newTrack(v, mmsi, time);
    const window = this.params.identityAttachMinutes * 60_000;
    let best: TrackRecord | undefined;
    let bestRank = -Infinity;
    for (const t of v.tracks) {
      const heard = t.last?.time ?? t.first_seen;
      // Same class heard within the window first, then the most recently heard.
      const rank = (t.identity.class === cls && time - heard <= window ? 1e15 : 0) + heard;
      if (rank > bestRank) {
        best = t;
        bestRank = rank;
      }
    }
    return best as TrackRecord;
  }

  /**
   * A static message (5, 19, 24) that arrived too late for the time-ordered stream (satellite AIS
   * comes in passes, tens of minutes behind): its values fill only the identity fields still
   * unknown (first values, as any first value is reported), never change one already known —
   * newer reports have been applied since, and an old one replayed now would look like a change.
   * Returns whether it filled anything. A vessel heard only late so gets its name and type.
   */
  lateStatic(m: AisMessage, time: number): boolean {
    const type = m.type;
    if (type !== 5 && type !== 19 && type !== 24) return false;
    return this.staticMessage(m, time, undefined, true);
  }

  /** Apply a static message's fields (fillOnly: only the fields still unknown); says whether it set any. */
  private staticMessage(m: AisMessage, time: number, positioned: TrackRecord | undefined, fillOnly = false): boolean {
    const fields = staticFields(m);
    const declared = m['flag'];
    const v = this.vessel(m.mmsi);
    const cls: 'A' | 'B' = m.type === 5 ? 'A' : 'B';
    const track = positioned ?? this.staticTrack(v, m.mmsi, cls, time);
    if (time > track.last_seen) track.last_seen = time;
    if (track.identity.class === undefined) track.identity.class = cls;
    let set = false;
    if (typeof declared === 'string' && /^[A-Z]{2}$/.test(declared) && track.identity.declared_flag === undefined) {
      track.identity.declared_flag = declared;
      set = true;
    }
    const identity = track.identity as unknown as Record<string, string | number | undefined>;
    for (const key of Object.keys(fields) as IdentityField[]) {
      if (fillOnly && identity[key] !== undefined) continue;
      this.offer(track, key, fields[key] as string | number, time);
      set = true;
    }
    return set;
  }

  /** A reported value of one field: set when new, changed once confirmed, pending otherwise. */
  private offer(track: TrackRecord, field: IdentityField, value: string | number, time: number): void {
    const identity = track.identity as unknown as Record<string, string | number | undefined>;
    const current = identity[field];
    if (current === undefined) {
      identity[field] = value;
      this.sink.identity?.(track, { time, field, before: undefined, after: value });
      return;
    }
    if (sameValue(current, value)) {
      if (track.pending !== undefined) this.dropPending(track, field);
      return;
    }
    let pending = track.pending?.find((x) => x.field === field);
    if (pending === undefined || !sameValue(pending.value, value)) {
      if (pending !== undefined) this.dropPending(track, field);
      pending = { field, value, count: 0, time };
      (track.pending ??= []).push(pending);
    }
    pending.count++;
    if (pending.count < this.params.identityConfirmations) return;
    this.dropPending(track, field);
    identity[field] = value;
    const change: IdentityChange = { time: pending.time, field, before: current, after: value };
    const history = (track.history ??= []);
    history.push(change);
    if (history.length > this.params.identityHistoryMax) history.shift();
    this.sink.identity?.(track, change);
  }

  private dropPending(track: TrackRecord, field: IdentityField): void {
    const list = track.pending as Pending[];
    const i = list.findIndex((x) => x.field === field);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) track.pending = undefined;
  }
}

/** Length of (x, y): Math.hypot's overflow care is not needed at these sizes, and it is much slower. */
function norm(x: number, y: number): number {
  return Math.sqrt(x * x + y * y);
}

/** Why a position is unusable (out of range, not a number, or 0,0), or undefined when it is usable. */
function positionProblem(lat: number, lon: number): 'invalid_position' | 'null_island' | undefined {
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return 'invalid_position';
  if (lat === 0 && lon === 0) return 'null_island';
  return undefined;
}

/** A course or heading in [0, 360), else undefined ("not available" is 360 or 511). */
const cleanAngle = (raw: unknown): number | undefined => (typeof raw === 'number' && raw >= 0 && raw < 360 ? raw : undefined);

/** Navigational status: class A reports only (18 and 19 carry none). */
const cleanStatus = (type: number, raw: unknown): number | undefined => (typeof raw === 'number' && type !== 18 && type !== 19 ? raw : undefined);

/**
 * A position report cleaned by the tracker's rules but not tracked (no duplicate filter, no
 * segmenter): for history kept beside the analysis, e.g. a live server's satellite messages that
 * arrive after the reorder window. Undefined when the message has no usable position.
 */
export function cleanPositionReport(m: AisMessage, time: number): Fix | undefined {
  const { lat, lon } = m;
  if (lat === undefined || lon === undefined || positionProblem(lat, lon) !== undefined) return undefined;
  return new FixRecord(time, lat, lon, cleanSpeed(m.speed), cleanAngle(m.course), cleanAngle(m.heading), cleanStatus(m.type, m.status), undefined);
}

function cleanSpeed(speed: unknown): number | undefined {
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed < 0 || speed >= 102.2) return undefined;
  for (const s of NOISE_SPEEDS) if (Math.abs(speed - s) <= 0.05) return undefined;
  return speed;
}

/** One mixing step of the report hash (murmur-style). */
function mix(h: number, x: number): number {
  h = Math.imul(h ^ (x | 0), 0xc2b2ae35);
  return h ^ (h >>> 13);
}

/** A 32-bit hash of what a position report says (the same report from two receivers hashes alike). */
function reportHash(type: number, lat: number, lon: number, speed: unknown, course: unknown, heading: unknown, second: unknown, status: unknown): number {
  let h = Math.imul(type ^ 0x9e3779b9, 0x85ebca6b);
  h = mix(h, Math.round(lat * 600000));
  h = mix(h, Math.round(lon * 600000));
  h = mix(h, typeof speed === 'number' ? Math.round(speed * 10) : -1);
  h = mix(h, typeof course === 'number' ? Math.round(course * 10) : -1);
  h = mix(h, typeof heading === 'number' ? heading : -1);
  h = mix(h, typeof second === 'number' ? second : -1);
  h = mix(h, typeof status === 'number' ? status : -1);
  return h | 0;
}
