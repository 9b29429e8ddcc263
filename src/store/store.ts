/**
 * The storage interface of `lookout serve`: what the ingest writes and what the API reads.
 * The embedded SQLite store implements it (src/store/sqlite.ts); another backend (PostgreSQL)
 * plugs in by implementing it and passing the contract suite in src/store/store.contract.ts.
 * Times are milliseconds since the UNIX epoch (UTC); positions are WGS 84 degrees.
 */
import type { LookoutEvent, EventType } from '../detect/event.js';
import type { Zone } from '../geo/types.js';
import type { IdentityField } from '../track/types.js';

/** A vessel as stored: merged identity plus its latest known state. */
export interface VesselRecord {
  mmsi: number;
  imo?: number;
  name?: string;
  callsign?: string;
  ship_type?: number;
  length?: number;
  beam?: number;
  draught?: number;
  destination?: string;
  flag?: string;
  class?: 'A' | 'B';
  first_seen: number;
  last_seen: number;
  /** Latest position fix, when one was seen. */
  lat?: number;
  lon?: number;
  speed?: number;
  course?: number;
  heading?: number;
  status?: number;
  fix_time?: number;
  /** Accepted fixes counted by the tracker. */
  fixes: number;
}

/** One stored position. */
export interface PositionRecord {
  mmsi: number;
  time: number;
  lat: number;
  lon: number;
  speed?: number;
  course?: number;
  heading?: number;
  status?: number;
}

/** One change of a vessel's identity. */
export interface IdentityRecord {
  mmsi: number;
  time: number;
  field: IdentityField;
  before?: string | number;
  after?: string | number;
}

/** An event as stored: the contract's object plus its insertion sequence (the live cursor). */
export interface StoredEvent {
  seq: number;
  event: LookoutEvent;
}

/** The state of one ingest source, as reported by /api/sources. */
export interface SourceRecord {
  name: string;
  url: string;
  stats: Record<string, unknown>;
  updated: number;
}

/** Everything one ingest step writes; applied atomically (all or nothing). */
export interface WriteBatch {
  /** Upserts of vessel identity and latest state (the newest values win). */
  vessels?: VesselRecord[];
  positions?: PositionRecord[];
  /** More positions in the columnar form of position-columns.ts (8 numbers a row, NaN = absent). */
  positionColumns?: Float64Array;
  identities?: IdentityRecord[];
  events?: LookoutEvent[];
  sources?: SourceRecord[];
  /** Checkpoint values to set in the same transaction (resume state). */
  checkpoints?: Record<string, string>;
}

/** What a committed batch changed. */
export interface WriteResult {
  positions: number;
  /** Events newly stored (replays of stored ids are left out), with their sequence numbers. */
  events: StoredEvent[];
}

/** A bounding box in degrees: west, south, east, north (west > east crosses the antimeridian). */
export type BBox = [number, number, number, number];

export interface VesselQuery {
  /** Free text: MMSI, IMO, call sign or name; prefix first, then fuzzy. */
  q?: string;
  bbox?: BBox;
  /** Only vessels seen at or after this time. */
  since?: number;
  /** AIS ship type ranges, as [from, to] inclusive pairs. */
  shipTypes?: [number, number][];
  flags?: string[];
  limit: number;
}

export interface TrackQuery {
  mmsi: number;
  from: number;
  to: number;
  /** Upper bound on rows read (the newest are kept when it is hit). */
  limit: number;
}

/** A track as columns (time, lat, lon only): what a line drawing needs, without an object per fix. */
export interface TrackLine {
  length: number;
  time: Float64Array;
  lat: Float64Array;
  lon: Float64Array;
}

/** The interval of the coarse level of positions: per vessel, the earliest fix of each interval is kept there. */
export const COARSE_INTERVAL_MS = 300_000;

/** Coarse-level fixes of every vessel in an area and period, as columns (for area reports). */
export interface AreaFixes {
  length: number;
  mmsi: Float64Array;
  time: Float64Array;
  lat: Float64Array;
  lon: Float64Array;
}

/** How many rows a vessel's range holds at each level. */
export interface TrackCounts {
  /** Stored positions in [from, to]. */
  positions: number;
  /** Rows of the coarse level in [from, to] (the earliest fix of each COARSE_INTERVAL_MS interval). */
  coarse: number;
}

export interface EventQuery {
  types?: EventType[];
  /** Events overlapping [from, to]. */
  from?: number;
  to?: number;
  bbox?: BBox;
  /** Events involving this vessel (either side of an encounter). */
  mmsi?: number;
  zone?: string;
  minConfidence?: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
  limit: number;
}

export interface EventPage {
  items: StoredEvent[];
  /** Cursor for the next (older) page, absent on the last page. */
  next?: string;
}

export interface StoreStats {
  vessels: number;
  positions: number;
  events: number;
  /** Bytes on disk, when known. */
  bytes?: number;
}

/** Retention: positions older than `keepMs` before `now` are deleted. */
export interface RetentionPolicy {
  keepMs: number;
}

/** The storage backend contract. Every method is async so a networked database fits. */
export interface Store {
  /** Apply a batch in one transaction; idempotent for positions (mmsi, time) and events (id). */
  write(batch: WriteBatch): Promise<WriteResult>;
  vessel(mmsi: number): Promise<VesselRecord | undefined>;
  vessels(q: VesselQuery): Promise<VesselRecord[]>;
  identityHistory(mmsi: number): Promise<IdentityRecord[]>;
  /** Positions of one vessel in [from, to], oldest first. */
  track(q: TrackQuery): Promise<PositionRecord[]>;
  /** The same rows as {@link track}, only time, lat and lon, as columns (optional: faster for long lines). */
  trackLine?(q: TrackQuery): Promise<TrackLine>;
  /** Rows in a range at each level (optional, with {@link trackLineCoarse}: long ranges read the coarse level). */
  trackCounts?(q: TrackQuery): Promise<TrackCounts>;
  /**
   * The coarse level of a range as a line: the earliest stored fix of each COARSE_INTERVAL_MS
   * interval whose fix lies in [from, to], plus the range's first and last stored fix, oldest first.
   */
  trackLineCoarse?(q: TrackQuery): Promise<TrackLine>;
  /**
   * Coarse-level fixes (the earliest of each COARSE_INTERVAL_MS interval per vessel) with time in
   * [from, to] inside a bbox, ordered by vessel then time (optional: area reports fall back to events).
   */
  coarseInArea?(q: { from: number; to: number; bbox: BBox }): Promise<AreaFixes>;
  /** Latest position of each vessel in the window (used to re-prime detection after a restart). */
  recentPositions(since: number, perVessel: number): Promise<PositionRecord[]>;
  events(q: EventQuery): Promise<EventPage>;
  event(id: string): Promise<StoredEvent | undefined>;
  /** Events with seq greater than `afterSeq`, oldest first (the live stream's catch-up). */
  eventsAfter(afterSeq: number, limit: number): Promise<StoredEvent[]>;
  /** The highest event sequence number stored (0 when none). */
  lastEventSeq(): Promise<number>;
  zones(): Promise<Zone[]>;
  putZone(zone: Zone): Promise<void>;
  deleteZone(id: string): Promise<boolean>;
  sources(): Promise<SourceRecord[]>;
  checkpoint(key: string): Promise<string | undefined>;
  /** Delete positions older than the policy allows; returns how many went. */
  prune(policy: RetentionPolicy, now: number): Promise<number>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}
