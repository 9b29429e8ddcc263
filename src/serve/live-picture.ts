/**
 * The live picture: every known vessel's identity and latest state, in memory. Loaded from the
 * store at start, updated from every accepted fix and identity change; answers viewport and
 * search queries without touching the disk, and tells the writer which vessels changed.
 */
import type { Fix, Identity, Track } from '../track/types.js';
import { rankVessels } from '../store/sqlite.js';
import type { VesselQuery, VesselRecord } from '../store/store.js';
import { vesselJson } from './format.js';

const IDENTITY_KEYS = ['imo', 'name', 'callsign', 'ship_type', 'length', 'beam', 'draught', 'destination', 'flag', 'class'] as const;

/** True when (lat, lon) lies in the bbox [w, s, e, n] (w > e crosses the antimeridian). */
export function inBBox(lat: number, lon: number, b: readonly [number, number, number, number]): boolean {
  const [w, s, e, n] = b;
  if (lat < s || lat > n) return false;
  return w <= e ? lon >= w && lon <= e : lon >= w || lon <= e;
}

export class LivePicture {
  private readonly vessels = new Map<number, VesselRecord>();
  private dirty = new Set<number>();
  /** Serialised API JSON per vessel, dropped when the vessel changes (viewport answers reuse it). */
  private readonly json = new Map<number, string>();

  get size(): number {
    return this.vessels.size;
  }

  /** Seed from stored vessels (at start-up). */
  load(records: Iterable<VesselRecord>): void {
    for (const r of records) this.vessels.set(r.mmsi, { ...r });
  }

  private record(track: Track, time: number): VesselRecord {
    let v = this.vessels.get(track.mmsi);
    if (!v) {
      v = { mmsi: track.mmsi, first_seen: track.first_seen, last_seen: time, fixes: 0 };
      this.vessels.set(track.mmsi, v);
    }
    return v;
  }

  private copyIdentity(v: VesselRecord, id: Identity): void {
    for (const k of IDENTITY_KEYS) {
      const x = id[k];
      if (x !== undefined && x !== '') (v as unknown as Record<string, unknown>)[k] = x;
    }
  }

  /** An accepted fix of a track. */
  fix(track: Track, fix: Fix): VesselRecord {
    const v = this.record(track, fix.time);
    if (v.fix_time === undefined || fix.time >= v.fix_time) {
      v.lat = fix.lat;
      v.lon = fix.lon;
      v.fix_time = fix.time;
      if (fix.speed !== undefined) v.speed = fix.speed; else delete v.speed;
      if (fix.course !== undefined) v.course = fix.course; else delete v.course;
      if (fix.heading !== undefined) v.heading = fix.heading; else delete v.heading;
      if (fix.status !== undefined) v.status = fix.status;
    }
    if (fix.time > v.last_seen) v.last_seen = fix.time;
    if (track.first_seen < v.first_seen) v.first_seen = track.first_seen;
    v.fixes = Math.max(v.fixes, track.fixes);
    this.json.delete(track.mmsi);
    if (v.name === undefined || v.class === undefined) this.copyIdentity(v, track.identity);
    this.dirty.add(track.mmsi);
    return v;
  }

  /** The track's identity changed (or was first learned). */
  identity(track: Track): VesselRecord {
    const v = this.record(track, track.last_seen);
    this.copyIdentity(v, track.identity);
    if (track.last_seen > v.last_seen) v.last_seen = track.last_seen;
    this.dirty.add(track.mmsi);
    this.json.delete(track.mmsi);
    return v;
  }

  /** The vessel's API JSON text (vesselJson), cached until it changes. */
  jsonOf(v: VesselRecord): string {
    let s = this.json.get(v.mmsi);
    if (s === undefined) {
      s = JSON.stringify(vesselJson(v));
      this.json.set(v.mmsi, s);
    }
    return s;
  }

  get(mmsi: number): VesselRecord | undefined {
    return this.vessels.get(mmsi);
  }

  all(): IterableIterator<VesselRecord> {
    return this.vessels.values();
  }

  /** Vessels matching a query: filters first, then text ranking when `q` is given, else newest first. */
  query(q: VesselQuery): VesselRecord[] {
    const flags = q.flags?.length ? new Set(q.flags) : undefined;
    const out: VesselRecord[] = [];
    for (const v of this.vessels.values()) {
      if (q.bbox && (v.lat === undefined || v.lon === undefined || !inBBox(v.lat, v.lon, q.bbox))) continue;
      if (q.since !== undefined && v.last_seen < q.since) continue;
      if (flags && (v.flag === undefined || !flags.has(v.flag))) continue;
      if (q.shipTypes && (v.ship_type === undefined || !q.shipTypes.some(([a, b]) => v.ship_type! >= a && v.ship_type! <= b))) continue;
      out.push(v);
    }
    if (q.q) return rankVessels(out, q.q, q.limit);
    if (out.length > q.limit) {
      out.sort((a, b) => b.last_seen - a.last_seen || a.mmsi - b.mmsi);
      out.length = q.limit;
    }
    return out;
  }

  /** The vessels changed since the last call (and forget them). */
  takeDirty(): VesselRecord[] {
    const out: VesselRecord[] = [];
    for (const m of this.dirty) {
      const v = this.vessels.get(m);
      if (v) out.push({ ...v });
    }
    this.dirty = new Set();
    return out;
  }

  /** Number of vessels changed since the last {@link takeDirty}. */
  get dirtyCount(): number {
    return this.dirty.size;
  }
}
