/**
 * The live picture: every known vessel's identity and latest state, in memory. Loaded from the
 * store at start, updated from every accepted fix and identity change; answers viewport and
 * search queries without touching the disk, and tells the writer which vessels changed.
 */
import type { Fix, Identity, Track } from '../track/types.js';
import { rankVessels } from '../store/sqlite.js';
import type { VesselQuery, VesselRecord } from '../store/store.js';
import { vesselJson } from './format.js';

/** True when (lat, lon) lies in the bbox [w, s, e, n] (w > e crosses the antimeridian). */
export function inBBox(lat: number, lon: number, b: readonly [number, number, number, number]): boolean {
  const [w, s, e, n] = b;
  if (lat < s || lat > n) return false;
  return w <= e ? lon >= w && lon <= e : lon >= w || lon <= e;
}

/** Grid cells (1°) a bbox may span before a viewport query scans every vessel instead. */
const GRID_SCAN_LIMIT = 20_000;
/** The cell of vessels without a position, and of positions outside ±90°/±180°. */
const NO_CELL = -1;
const ODD_CELL = -2;

function cellRow(lat: number): number {
  return Math.min(179, Math.max(0, Math.floor(lat + 90)));
}

function cellCol(lon: number): number {
  return Math.min(359, Math.max(0, Math.floor(lon + 180)));
}

function cellKey(lat: number, lon: number): number {
  if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) return ODD_CELL;
  return cellRow(lat) * 360 + cellCol(lon);
}

/**
 * A vessel record with every field present (absent ones undefined), always in this order: every
 * record shares one hidden class, and updating a fix never adds or deletes a property (a delete
 * would turn the object into a slow dictionary).
 */
function blankRecord(mmsi: number, firstSeen: number, lastSeen: number): VesselRecord {
  return {
    mmsi, imo: undefined, name: undefined, callsign: undefined, ship_type: undefined, length: undefined, beam: undefined,
    draught: undefined, destination: undefined, flag: undefined, class: undefined, first_seen: firstSeen, last_seen: lastSeen,
    lat: undefined, lon: undefined, speed: undefined, course: undefined, heading: undefined, status: undefined, fix_time: undefined, fixes: 0,
  };
}

/** Numbers per slot in LivePicture's state array: lat, lon, fix_time, speed, course, heading, status, last_seen. */
const STRIDE = 8;

/**
 * The in-memory picture of every known vessel, with a 1° grid for viewport queries. Each vessel
 * has a dense slot, its rank of first appearance (stable: vessels are never removed); per-vessel
 * state lives in arrays by slot, so a fix costs one hash lookup (MMSI → slot), not one per
 * structure. Callers that keep their own per-vessel state read {@link lastSlot} after a call.
 *
 * A fix writes the vessel's position, motion and last-seen time into a Float64Array, not into its
 * record: a record's fields are untyped (absent is undefined), so every number stored there was a
 * new heap object, one per field per fix, held until the vessel's next fix (long enough to be
 * promoted and left to the major GC). The records are brought up to date by {@link sync}, which
 * every reading method here calls first; a record returned by {@link fix} or {@link identity}
 * is current only after the next sync (LiveStream.publish syncs before it reads a commit's moved
 * vessels).
 */
export class LivePicture {
  /** MMSI → slot. */
  private readonly rank = new Map<number, number>();
  /** The vessels by slot (the order of a scan). */
  private readonly byRank: VesselRecord[] = [];
  /** Serialised API JSON per slot, dropped when the vessel changes (viewport answers reuse it). */
  private readonly json: (string | undefined)[] = [];
  /** Slots changed since the last takeDirty, and a flag per slot. */
  private dirty: number[] = [];
  private dirtyFlag = new Uint8Array(1024);
  /** Spatial index: vessels' slots by 1° cell of their latest position (cells with a vessel only). */
  private readonly cells = new Map<number, Set<number>>();
  /** Per slot, the cell the vessel is in. */
  private readonly cellOf: number[] = [];
  /** The slot of the vessel the last {@link fix} or {@link identity} concerned. */
  lastSlot = -1;
  /** Per slot, STRIDE numbers (NaN: absent): the latest state, ahead of the record until synced. */
  private state = new Float64Array(1024 * STRIDE);
  /** Slots whose record is behind `state`, and a flag per slot. */
  private stale: number[] = [];
  private staleFlag = new Uint8Array(1024);

  get size(): number {
    return this.byRank.length;
  }

  /** Seed from stored vessels (at start-up). */
  load(records: Iterable<VesselRecord>): void {
    for (const r of records) {
      const v = Object.assign(blankRecord(r.mmsi, r.first_seen, r.last_seen), r);
      let k = this.rank.get(r.mmsi);
      if (k === undefined) this.rank.set(r.mmsi, (k = this.byRank.length));
      this.byRank[k] = v;
      this.json[k] = undefined;
      this.setState(k, v);
      this.place(k, v.lat, v.lon);
    }
  }

  /** Make the per-slot arrays hold slot k. */
  private reserve(k: number): void {
    if (k < this.staleFlag.length) return;
    const n = Math.max(k + 1, this.staleFlag.length * 2);
    const st = new Float64Array(n * STRIDE);
    st.set(this.state);
    this.state = st;
    const f = new Uint8Array(n);
    f.set(this.staleFlag);
    this.staleFlag = f;
  }

  /** The state array's slot k from a record. */
  private setState(k: number, v: VesselRecord): void {
    this.reserve(k);
    const st = this.state;
    const o = k * STRIDE;
    st[o] = v.lat ?? NaN;
    st[o + 1] = v.lon ?? NaN;
    st[o + 2] = v.fix_time ?? NaN;
    st[o + 3] = v.speed ?? NaN;
    st[o + 4] = v.course ?? NaN;
    st[o + 5] = v.heading ?? NaN;
    st[o + 6] = v.status ?? NaN;
    st[o + 7] = v.last_seen;
  }

  private markStale(k: number): void {
    if (this.staleFlag[k] === 0) {
      this.staleFlag[k] = 1;
      this.stale.push(k);
    }
  }

  /** Bring every record up to date with the state array (called by every reading method). */
  sync(): void {
    const stale = this.stale;
    if (stale.length === 0) return;
    const st = this.state;
    const f = this.staleFlag;
    const num = (x: number): number | undefined => (Number.isNaN(x) ? undefined : x);
    for (let i = 0; i < stale.length; i++) {
      const k = stale[i];
      const v = this.byRank[k];
      const o = k * STRIDE;
      v.lat = num(st[o]);
      v.lon = num(st[o + 1]);
      v.fix_time = num(st[o + 2]);
      v.speed = num(st[o + 3]);
      v.course = num(st[o + 4]);
      v.heading = num(st[o + 5]);
      v.status = num(st[o + 6]);
      v.last_seen = st[o + 7];
      f[k] = 0;
    }
    this.stale = [];
  }

  /** The slot of a track's vessel (a new one for a new vessel), also left in lastSlot. */
  private slot(track: Track, time: number): number {
    let k = this.rank.get(track.mmsi);
    if (k === undefined) {
      k = this.byRank.length;
      const v = blankRecord(track.mmsi, track.first_seen, time);
      this.byRank.push(v);
      this.json.push(undefined);
      this.rank.set(track.mmsi, k);
      this.setState(k, v);
    }
    this.lastSlot = k;
    return k;
  }

  private markDirty(k: number): void {
    let f = this.dirtyFlag;
    if (k >= f.length) {
      const bigger = new Uint8Array(Math.max(k + 1, f.length * 2));
      bigger.set(f);
      this.dirtyFlag = f = bigger;
    }
    if (f[k] === 0) {
      f[k] = 1;
      this.dirty.push(k);
    }
  }

  /** Copy the identity's known values (named stores, not a loop of keyed ones: this runs per identity change). */
  private copyIdentity(v: VesselRecord, id: Identity): void {
    if (id.imo !== undefined) v.imo = id.imo;
    if (id.name !== undefined && id.name !== '') v.name = id.name;
    if (id.callsign !== undefined && id.callsign !== '') v.callsign = id.callsign;
    if (id.ship_type !== undefined) v.ship_type = id.ship_type;
    if (id.length !== undefined) v.length = id.length;
    if (id.beam !== undefined) v.beam = id.beam;
    if (id.draught !== undefined) v.draught = id.draught;
    if (id.destination !== undefined && id.destination !== '') v.destination = id.destination;
    if (id.flag !== undefined && id.flag !== '') v.flag = id.flag;
    if (id.class !== undefined) v.class = id.class;
  }

  /** An accepted fix of a track (the returned record is current after the next {@link sync}). */
  fix(track: Track, fix: Fix): VesselRecord {
    const k = this.slot(track, fix.time);
    const v = this.byRank[k];
    const st = this.state;
    const o = k * STRIDE;
    const time = fix.time;
    const last = st[o + 2];
    if (Number.isNaN(last) || time >= last) {
      st[o] = fix.lat;
      st[o + 1] = fix.lon;
      st[o + 2] = time;
      st[o + 3] = fix.speed ?? NaN;
      st[o + 4] = fix.course ?? NaN;
      st[o + 5] = fix.heading ?? NaN;
      if (fix.status !== undefined) st[o + 6] = fix.status;
      this.place(k, fix.lat, fix.lon);
    }
    if (time > st[o + 7]) st[o + 7] = time;
    if (track.first_seen < v.first_seen) v.first_seen = track.first_seen;
    if (track.fixes > v.fixes) v.fixes = track.fixes;
    this.json[k] = undefined;
    if (v.name === undefined || v.class === undefined) this.copyIdentity(v, track.identity);
    this.markDirty(k);
    this.markStale(k);
    return v;
  }

  /** The track's identity changed (or was first learned). */
  identity(track: Track): VesselRecord {
    const k = this.slot(track, track.last_seen);
    const v = this.byRank[k];
    this.copyIdentity(v, track.identity);
    const o = k * STRIDE + 7;
    if (track.last_seen > this.state[o]) {
      this.state[o] = track.last_seen;
      this.markStale(k);
    }
    this.markDirty(k);
    this.json[k] = undefined;
    return v;
  }

  /** The vessel's API JSON text (vesselJson), cached until it changes. */
  jsonOf(v: VesselRecord): string {
    this.sync();
    const k = this.rank.get(v.mmsi);
    // A record not (or no longer) in the picture is serialised, not cached.
    if (k === undefined || this.byRank[k] !== v) return JSON.stringify(vesselJson(v));
    let s = this.json[k];
    if (s === undefined) {
      s = JSON.stringify(vesselJson(v));
      this.json[k] = s;
    }
    return s;
  }

  get(mmsi: number): VesselRecord | undefined {
    const k = this.rank.get(mmsi);
    if (k === undefined) return undefined;
    if (this.staleFlag[k] === 1) this.sync();
    return this.byRank[k];
  }

  all(): IterableIterator<VesselRecord> {
    this.sync();
    return this.byRank.values();
  }

  /** Put a vessel in the grid cell of its latest position (NO_CELL when it has none: undefined or NaN). */
  private place(k: number, lat: number | undefined, lon: number | undefined): void {
    const c = lat === undefined || lon === undefined || Number.isNaN(lat) || Number.isNaN(lon) ? NO_CELL : cellKey(lat, lon);
    const was = this.cellOf[k];
    if (was === c) return;
    if (was !== undefined) {
      const set = this.cells.get(was)!;
      set.delete(k);
      if (set.size === 0) this.cells.delete(was);
    }
    let set = this.cells.get(c);
    if (!set) this.cells.set(c, (set = new Set()));
    set.add(k);
    this.cellOf[k] = c;
  }

  /**
   * The vessels that may lie in a bbox, from the grid, in the map's order; undefined when the
   * bbox covers so many cells that a plain scan is cheaper.
   */
  private candidates(b: readonly [number, number, number, number]): Iterable<VesselRecord> | undefined {
    const [w, s, e, n] = b;
    const y0 = cellRow(s);
    const y1 = cellRow(n);
    const spans: [number, number][] = w <= e ? [[cellCol(w), cellCol(e)]] : [[cellCol(w), 359], [0, cellCol(e)]];
    let count = 0;
    for (const [a, z] of spans) count += (z - a + 1) * (y1 - y0 + 1);
    if (count > GRID_SCAN_LIMIT || count > this.cells.size * 4) return undefined;
    const sets: Set<number>[] = [];
    let total = 0;
    for (let y = y0; y <= y1; y++) {
      for (const [a, z] of spans) {
        for (let x = a; x <= z; x++) {
          const set = this.cells.get(y * 360 + x);
          if (set) { sets.push(set); total += set.size; }
        }
      }
    }
    // Positions that fit no cell (out of range) are checked exactly like the rest.
    const odd = this.cells.get(ODD_CELL);
    if (odd) { sets.push(odd); total += odd.size; }
    // Ranks in a typed array sort numerically without a comparator: the map's order, cheaply.
    const ranks = new Uint32Array(total);
    let j = 0;
    for (const set of sets) for (const k of set) ranks[j++] = k;
    ranks.sort();
    const out = new Array<VesselRecord>(total);
    for (let i = 0; i < total; i++) out[i] = this.byRank[ranks[i]];
    return out;
  }

  /** Vessels matching a query: filters first, then text ranking when `q` is given, else newest first. */
  query(q: VesselQuery): VesselRecord[] {
    this.sync();
    const flags = q.flags?.length ? new Set(q.flags) : undefined;
    const out: VesselRecord[] = [];
    const from = (q.bbox && this.candidates(q.bbox)) ?? this.byRank;
    for (const v of from) {
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
    this.sync();
    const out: VesselRecord[] = [];
    const f = this.dirtyFlag;
    for (const k of this.dirty) {
      out.push({ ...this.byRank[k] });
      f[k] = 0;
    }
    this.dirty = [];
    return out;
  }

  /** Number of vessels changed since the last {@link takeDirty}. */
  get dirtyCount(): number {
    return this.dirty.length;
  }
}
