/**
 * Position reports waiting in the reorder window, as numbers in one typed array instead of the
 * decoder's message objects. The window holds minutes of a feed (15,000 messages at 50 per
 * second): kept as objects they outlive the young generation's collections, which then copy them
 * and promote them to the old generation, where they die; as rows here the message objects die
 * young, as in decoding alone, and releasing a report reads one cache line.
 *
 * Only what the tracker reads of a position report is kept, and only when it can be given back
 * exactly: `put` refuses (−1) a report with a field that is neither absent nor a finite number,
 * and the pipeline then keeps that message as an object.
 */
import type { AisMessage } from '../ais/types.js';
import type { Tracker, TrackOutcome } from '../track/tracker.js';

/** Row layout (Float64 slots); an absent field is NaN. */
const LAT = 0;
const LON = 1;
const SPEED = 2;
const COURSE = 3;
const HEADING = 4;
const STATUS = 5;
const SECOND = 6;
const MMSI = 7;
const STRIDE = 8;

/** Distinct station names interned; more are kept per row as given. */
const MAX_STATIONS = 4096;

/** A finite number as is, absent as NaN; anything else cannot be stored (undefined). */
function storable(v: unknown): number | undefined {
  if (v === undefined) return NaN;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

const given = (x: number): number | undefined => (x === x ? x : undefined);

/** Position reports (types 1–3, 18, 27) in rows, with a free list of rows. */
export class PositionStore {
  private rows = new Float64Array(256 * STRIDE);
  private types = new Uint8Array(256);
  /** Per row: its station's number in `stationNames` + 1; 0 for none or one kept in `stations`. */
  private stationIds = new Int32Array(256);
  /** Per row: a station name not interned (beyond MAX_STATIONS distinct names). */
  private stations: (string | undefined)[] = new Array<string | undefined>(256).fill(undefined);
  /**
   * Station names, each kept once: the decoder makes a new string per message, and minutes of
   * them waiting in the window (then in the fixes) were copied by every young-generation
   * collection; feeds have a few hundred receivers at most.
   */
  private readonly stationIndex = new Map<string, number>();
  private readonly stationNames: string[] = [];
  /**
   * Free row numbers, a queue (a ring as long as there are rows: `free` of them from `head`):
   * rows are taken again in the order they were freed, so that in-order input walks the rows in
   * address order (prefetched) instead of jumping about as a stack would.
   */
  private freeRows = new Int32Array(256).map((_, i) => i);
  private head = 0;
  private free = 256;

  /** Rows in use. */
  get size(): number {
    return this.types.length - this.free;
  }

  /** Store a position report; its row number, or −1 when it cannot be given back exactly. */
  put(m: AisMessage, station: string | undefined): number {
    const lat = m.lat;
    const lon = m.lon;
    const mmsi = m.mmsi;
    if (typeof lat !== 'number' || typeof lon !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lon)) return -1;
    if (!Number.isInteger(mmsi) || mmsi < 0 || mmsi > 0xffffffff) return -1;
    const speed = storable(m.speed);
    const course = storable(m.course);
    const heading = storable(m.heading);
    const status = storable(m.status);
    const second = storable(m.second);
    if (speed === undefined || course === undefined || heading === undefined || status === undefined || second === undefined) return -1;
    if (this.free === 0) this.grow();
    const row = this.freeRows[this.head];
    this.head = (this.head + 1) & (this.freeRows.length - 1);
    this.free--;
    const o = row * STRIDE;
    const r = this.rows;
    r[o + LAT] = lat;
    r[o + LON] = lon;
    r[o + SPEED] = speed;
    r[o + COURSE] = course;
    r[o + HEADING] = heading;
    r[o + STATUS] = status;
    r[o + SECOND] = second;
    r[o + MMSI] = mmsi;
    this.types[row] = m.type;
    if (station === undefined) this.stationIds[row] = 0;
    else {
      let id = this.stationIndex.get(station);
      if (id === undefined && this.stationNames.length < MAX_STATIONS) {
        id = this.stationNames.length;
        this.stationNames.push(station);
        this.stationIndex.set(station, id);
      }
      if (id === undefined) {
        this.stationIds[row] = 0;
        this.stations[row] = station;
      } else this.stationIds[row] = id + 1;
    }
    return row;
  }

  /** Hand a stored report to the tracker as received at `time`, and free its row. */
  process(row: number, time: number, tracker: Tracker): TrackOutcome {
    const o = row * STRIDE;
    const r = this.rows;
    const id = this.stationIds[row];
    const station = id > 0 ? this.stationNames[id - 1] : this.stations[row];
    this.freeRow(row);
    return tracker.processPosition(
      this.types[row],
      r[o + MMSI],
      r[o + LAT],
      r[o + LON],
      given(r[o + SPEED]),
      given(r[o + COURSE]),
      given(r[o + HEADING]),
      given(r[o + STATUS]),
      given(r[o + SECOND]),
      time,
      station,
    );
  }

  /** Free a row without processing it (a late report). */
  drop(row: number): void {
    this.freeRow(row);
  }

  private freeRow(row: number): void {
    if (this.stationIds[row] === 0) this.stations[row] = undefined;
    this.freeRows[(this.head + this.free) & (this.freeRows.length - 1)] = row;
    this.free++;
  }

  private grow(): void {
    const n = this.types.length;
    const rows = new Float64Array(2 * n * STRIDE);
    rows.set(this.rows);
    const types = new Uint8Array(2 * n);
    types.set(this.types);
    const stationIds = new Int32Array(2 * n);
    stationIds.set(this.stationIds);
    this.stationIds = stationIds;
    const freeRows = new Int32Array(2 * n);
    // Every old row is in use (the queue was empty): the new rows are the free ones.
    for (let i = 0; i < n; i++) freeRows[i] = n + i;
    this.rows = rows;
    this.types = types;
    this.freeRows = freeRows;
    this.head = 0;
    this.free = n;
    for (let i = 0; i < n; i++) this.stations.push(undefined);
  }
}
