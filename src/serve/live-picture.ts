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

/**
 * Numbers per slot in LivePicture's state array: lat, lon, fix_time, speed, course, heading,
 * status, last_seen (NaN: absent), first_seen, fixes, the grid cell + 3 (0: not placed yet) and
 * flags (below). Everything a fix reads or writes for its vessel is in these 96 bytes, so a fix
 * touches two or three cache lines for it (with tens of thousands of vessels each fix's vessel
 * is out of the cache: the misses, not the instructions, were most of a fix's cost).
 */
const STRIDE = 12;
const CELL = 10;
const FLAGS = 11;
/** Changed since the last takeDirty. */
const DIRTY = 1;
/** The record is behind the state array (see sync). */
const STALE = 2;
/** The record has a name and a class (no identity to copy on a fix). */
const NAMED = 4;
/** The cached API JSON is current. */
const JSON_OK = 8;

/**
 * The in-memory picture of every known vessel, with a 1° grid for viewport queries. Each vessel
 * has a dense slot, its rank of first appearance (stable: vessels are never removed); per-vessel
 * state lives in arrays by slot, so a fix costs one hash lookup (MMSI → slot), or none when the
 * caller knows the slot ({@link fixAt}). Callers that keep their own per-vessel state read
 * {@link lastSlot} after a call.
 *
 * A fix writes the vessel's position, motion, times and count into a Float64Array, not into its
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
  /** Serialised API JSON per slot, valid while the slot's JSON_OK flag is set (viewport answers reuse it). */
  private readonly json: (string | undefined)[] = [];
  /** Slots changed since the last takeDirty (flag DIRTY). */
  private dirty: number[] = [];
  /** Spatial index: vessels' slots by 1° cell of their latest position (cells with a vessel only). */
  private readonly cells = new Map<number, Set<number>>();
  /** The slot of the vessel the last {@link fix} or {@link identity} concerned. */
  lastSlot = -1;
  /** Per slot, STRIDE numbers: the latest state, ahead of the record until synced. */
  private state = new Float64Array(1024 * STRIDE);
  /** Slots whose record is behind `state` (flag STALE). */
  private stale: number[] = [];

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

  /** Make the state array hold slot k. */
  private reserve(k: number): void {
    const n = this.state.length / STRIDE;
    if (k < n) return;
    const st = new Float64Array(Math.max(k + 1, n * 2) * STRIDE);
    st.set(this.state);
    this.state = st;
  }

  /** The state array's slot k from a record (a new one, or one replacing the slot's). */
  private setState(k: number, v: VesselRecord): void {
    this.reserve(k);
    const st = this.state;
    const o = k * STRIDE;
    const was = st[o + FLAGS];
    st[o] = v.lat ?? NaN;
    st[o + 1] = v.lon ?? NaN;
    st[o + 2] = v.fix_time ?? NaN;
    st[o + 3] = v.speed ?? NaN;
    st[o + 4] = v.course ?? NaN;
    st[o + 5] = v.heading ?? NaN;
    st[o + 6] = v.status ?? NaN;
    st[o + 7] = v.last_seen;
    st[o + 8] = v.first_seen;
    st[o + 9] = v.fixes;
    // Keep DIRTY and STALE (the slot may be listed); the record decides NAMED; the JSON is redone.
    st[o + FLAGS] = (was & (DIRTY | STALE)) | (v.name !== undefined && v.class !== undefined ? NAMED : 0);
  }

  /** Bring every record up to date with the state array (called by every reading method). */
  sync(): void {
    const stale = this.stale;
    if (stale.length === 0) return;
    const st = this.state;
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
      v.first_seen = st[o + 8];
      v.fixes = st[o + 9];
      st[o + FLAGS] = st[o + FLAGS] & ~STALE;
    }
    this.stale = [];
  }

  /** The slot of a track's vessel (a new one for a new vessel), also left in lastSlot. */
  private slot(track: Track, time: number): number {
    return this.slotFor(track.mmsi, track.first_seen, time);
  }

  /** The slot of an MMSI (a new one, with these first and last seen times, for a new vessel), also left in lastSlot. */
  private slotFor(mmsi: number, firstSeen: number, lastSeen: number): number {
    let k = this.rank.get(mmsi);
    if (k === undefined) {
      k = this.byRank.length;
      const v = blankRecord(mmsi, firstSeen, lastSeen);
      this.byRank.push(v);
      this.json.push(undefined);
      this.rank.set(mmsi, k);
      this.setState(k, v);
    }
    this.lastSlot = k;
    return k;
  }

  /** The slot of an MMSI, or -1 (for callers keeping a map from their own keys to slots). */
  slotOf(mmsi: number): number {
    return this.rank.get(mmsi) ?? -1;
  }

  /** Mark slot k changed (its flags at o + FLAGS): dirty, stale and its JSON redone. */
  private changed(k: number, o: number): void {
    const st = this.state;
    const f = st[o + FLAGS];
    if ((f & DIRTY) === 0) this.dirty.push(k);
    if ((f & STALE) === 0) this.stale.push(k);
    st[o + FLAGS] = (f | DIRTY | STALE) & ~JSON_OK;
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
    return this.fixAt(this.slot(track, fix.time), track, fix);
  }

  /** {@link fix} for a caller that knows the vessel's slot (from an earlier {@link lastSlot}). */
  fixAt(k: number, track: Track, fix: Fix): VesselRecord {
    this.lastSlot = k;
    const st = this.state;
    const o = k * STRIDE;
    const time = fix.time;
    const last = st[o + 2];
    if (Number.isNaN(last) || time >= last) this.move(k, o, fix);
    if (time > st[o + 7]) st[o + 7] = time;
    if (track.first_seen < st[o + 8]) st[o + 8] = track.first_seen;
    if (track.fixes > st[o + 9]) st[o + 9] = track.fixes;
    if ((st[o + FLAGS] & NAMED) === 0) this.named(k, o, track);
    this.changed(k, o);
    return this.byRank[k];
  }

  /**
   * A position that reached the server too late for the analysis (a satellite pass): the vessel
   * gets a record if it has none (one heard only by satellite would otherwise never be listed),
   * and its position moves only if this one is newer than the one it has. Its fix count is the
   * analysis's and is left alone.
   */
  lateFix(mmsi: number, fix: Fix): VesselRecord {
    const time = fix.time;
    const k = this.slotFor(mmsi, time, time);
    const st = this.state;
    const o = k * STRIDE;
    const last = st[o + 2];
    if (Number.isNaN(last) || time > last) this.move(k, o, fix);
    if (time > st[o + 7]) st[o + 7] = time;
    if (time < st[o + 8]) st[o + 8] = time;
    this.changed(k, o);
    return this.byRank[k];
  }

  /** Slot k (state at o) takes the fix as its latest position (a status is kept until another is reported). */
  private move(k: number, o: number, fix: Fix): void {
    const st = this.state;
    st[o] = fix.lat;
    st[o + 1] = fix.lon;
    st[o + 2] = fix.time;
    st[o + 3] = fix.speed ?? NaN;
    st[o + 4] = fix.course ?? NaN;
    st[o + 5] = fix.heading ?? NaN;
    if (fix.status !== undefined) st[o + 6] = fix.status;
    this.place(k, fix.lat, fix.lon);
  }

  /** Until a vessel's record has a name and a class, each fix copies what the track knows. */
  private named(k: number, o: number, track: Track): void {
    const v = this.byRank[k];
    if (v.name === undefined || v.class === undefined) this.copyIdentity(v, track.identity);
    if (v.name !== undefined && v.class !== undefined) this.state[o + FLAGS] = this.state[o + FLAGS] | NAMED;
  }

  /** The track's identity changed (or was first learned). */
  identity(track: Track): VesselRecord {
    const k = this.slot(track, track.last_seen);
    const v = this.byRank[k];
    this.copyIdentity(v, track.identity);
    const o = k * STRIDE;
    if (track.last_seen > this.state[o + 7]) this.state[o + 7] = track.last_seen;
    this.changed(k, o);
    return v;
  }

  /** The vessel's API JSON text (vesselJson), cached until it changes. */
  jsonOf(v: VesselRecord): string {
    this.sync();
    const k = this.rank.get(v.mmsi);
    // A record not (or no longer) in the picture is serialised, not cached.
    if (k === undefined || this.byRank[k] !== v) return JSON.stringify(vesselJson(v));
    const o = k * STRIDE + FLAGS;
    let s = this.json[k];
    if (s === undefined || (this.state[o] & JSON_OK) === 0) {
      s = JSON.stringify(vesselJson(v));
      this.json[k] = s;
      this.state[o] = this.state[o] | JSON_OK;
    }
    return s;
  }

  get(mmsi: number): VesselRecord | undefined {
    const k = this.rank.get(mmsi);
    if (k === undefined) return undefined;
    if ((this.state[k * STRIDE + FLAGS] & STALE) !== 0) this.sync();
    return this.byRank[k];
  }

  all(): IterableIterator<VesselRecord> {
    this.sync();
    return this.byRank.values();
  }

  /** Put a vessel in the grid cell of its latest position (NO_CELL when it has none: undefined or NaN). */
  private place(k: number, lat: number | undefined, lon: number | undefined): void {
    const c = lat === undefined || lon === undefined || Number.isNaN(lat) || Number.isNaN(lon) ? NO_CELL : cellKey(lat, lon);
    const o = k * STRIDE + CELL;
    const placed = this.state[o];
    if (placed === c + 3) return;
    if (placed !== 0) {
      const was = placed - 3;
      const set = this.cells.get(was)!;
      set.delete(k);
      if (set.size === 0) this.cells.delete(was);
    }
    let set = this.cells.get(c);
    if (!set) this.cells.set(c, (set = new Set()));
    set.add(k);
    this.state[o] = c + 3;
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
    const st = this.state;
    const dirty = this.dirty;
    // (Indexed: this runs once per vessel flush, often unoptimised, where for-of allocates per item.)
    for (let i = 0; i < dirty.length; i++) {
      const k = dirty[i];
      out.push({ ...this.byRank[k] });
      const o = k * STRIDE + FLAGS;
      st[o] = st[o] & ~DIRTY;
    }
    this.dirty = [];
    return out;
  }

  /** Number of vessels changed since the last {@link takeDirty}. */
  get dirtyCount(): number {
    return this.dirty.length;
  }
}
