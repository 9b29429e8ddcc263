/**
 * Message counts per coarse cell and clock hour: "was anybody else heard here then?" (the gap
 * detector's reception density). Counts older than `retainHours` before the newest hour seen
 * no longer count, so memory is bounded by the active cells × the retained hours. Each cell-hour
 * remembers its first two MMSIs' counts so that a vessel's own messages (other segments of the
 * same MMSI) can be left out of its density.
 *
 * Every fix of every vessel adds to it, so it is a flat open-addressing hash table in typed
 * arrays (one probe sequence, no object or map entry per cell-hour); expired cell-hours are left
 * in place and dropped when the table is rebuilt (they never match a retained hour).
 */
import { HOUR_MS, wrapLon } from './spatial-grid.js';

const EMPTY = -1;
const NO_MMSI = -1;
const MIN_CAPACITY = 1024;
// One slot = 8 int32 (32 bytes, two slots per cache line): a lookup touches one line, not one
// per field as parallel arrays did.
const STRIDE = 8;
/** Field offsets in a slot. */
const CELL = 0; // EMPTY when the slot is free
const HOUR = 1;
const N = 2; // messages in the cell-hour
const A = 3; // the first two MMSIs heard there (NO_MMSI: none yet) and their own counts
const NA = 4;
const B = 5;
const NB = 6;

export class ReceptionGrid {
  private readonly rows: number;
  private readonly cols: number;
  /** The table: slot i (at i × STRIDE) holds cell-hour (CELL, HOUR) unless CELL is EMPTY. */
  private t = emptyTable(MIN_CAPACITY);
  private mask = MIN_CAPACITY - 1;
  /** Slots in use, expired ones included (they are dropped at the next rebuild). */
  private used = 0;
  private newestHour = -Infinity;
  /** One-entry cache: consecutive messages often fall in the same cell-hour (slot offset). */
  private lastCell = EMPTY;
  private lastHour = 0;
  private lastSlot = -1;

  constructor(
    readonly cellDeg = 1,
    readonly retainHours = 72,
  ) {
    this.rows = Math.ceil(180 / cellDeg) + 1;
    this.cols = Math.round(360 / cellDeg);
  }

  /** Count one message of `mmsi` at (lat, lon) at `time` (ms). */
  add(lat: number, lon: number, time: number, mmsi = 0): void {
    const hour = Math.floor(time / HOUR_MS);
    if (hour < this.newestHour - this.retainHours) return;
    if (hour > this.newestHour) this.newestHour = hour;
    const cell = this.cellOf(this.rowOf(lat), this.colOf(lon));
    let o = cell === this.lastCell && hour === this.lastHour ? this.lastSlot : this.find(cell, hour);
    if (o < 0) {
      if ((this.used + 1) * 2 > this.mask + 1) this.rebuild();
      o = this.insertSlot(cell, hour);
      const t = this.t;
      t[o + CELL] = cell;
      t[o + HOUR] = hour;
      t[o + N] = 1;
      t[o + A] = mmsi;
      t[o + NA] = 1;
      t[o + B] = NO_MMSI;
      t[o + NB] = 0;
      this.used++;
    } else {
      const t = this.t;
      t[o + N]++;
      if (t[o + A] === mmsi) t[o + NA]++;
      else if (t[o + B] === mmsi) t[o + NB]++;
      else if (t[o + B] === NO_MMSI) {
        t[o + B] = mmsi;
        t[o + NB] = 1;
      }
    }
    this.lastCell = cell;
    this.lastHour = hour;
    this.lastSlot = o;
  }

  /**
   * Messages heard in the cell of each point and its 8 neighbours, per whole clock hour strictly
   * inside (from, to), leaving out `excludeMmsi`'s own messages. Returns the hours examined
   * (within retention), the hours in which at least one message was heard, and the total count.
   */
  density(points: readonly { lat: number; lon: number }[], from: number, to: number, excludeMmsi = -2): { hours: number; hours_heard: number; messages: number } {
    const firstHour = Math.max(Math.floor(from / HOUR_MS) + 1, this.newestHour - this.retainHours);
    const lastHour = Math.floor(to / HOUR_MS) - 1;
    const cells = new Set<number>();
    for (const p of points) {
      const r = this.rowOf(p.lat);
      const c = this.colOf(p.lon);
      for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) cells.add(this.cellOf(r + dr, c + dc));
    }
    const t = this.t;
    let hours = 0;
    let heard = 0;
    let messages = 0;
    for (let h = firstHour; h <= lastHour; h++) {
      hours++;
      let n = 0;
      for (const cell of cells) {
        const o = this.find(cell, h);
        if (o < 0) continue;
        n += t[o + N] - (t[o + A] === excludeMmsi ? t[o + NA] : 0) - (t[o + B] === excludeMmsi ? t[o + NB] : 0);
      }
      if (n > 0) heard++;
      messages += n;
    }
    return { hours, hours_heard: heard, messages };
  }

  /** Cell-hours held (retained ones; for tests and memory checks). */
  get size(): number {
    const limit = this.newestHour - this.retainHours;
    const t = this.t;
    let live = 0;
    for (let o = 0; o < t.length; o += STRIDE) if (t[o + CELL] !== EMPTY && t[o + HOUR] >= limit) live++;
    return live;
  }

  private cellOf(row: number, col: number): number {
    const c = ((col % this.cols) + this.cols) % this.cols;
    return (row + 1) * this.cols + c;
  }

  private rowOf(lat: number): number {
    return Math.floor((lat + 90) / this.cellDeg);
  }

  private colOf(lon: number): number {
    return Math.floor((wrapLon(lon) + 180) / this.cellDeg);
  }

  /** The offset of the slot holding (cell, hour), or −1. */
  private find(cell: number, hour: number): number {
    const mask = this.mask;
    const t = this.t;
    for (let i = hashOf(cell, hour) & mask; ; i = (i + 1) & mask) {
      const o = i * STRIDE;
      const c = t[o + CELL];
      if (c === EMPTY) return -1;
      if (c === cell && t[o + HOUR] === hour) return o;
    }
  }

  /** The offset of a free slot on (cell, hour)'s probe sequence (the table is never full: see rebuild). */
  private insertSlot(cell: number, hour: number): number {
    const mask = this.mask;
    const t = this.t;
    let i = hashOf(cell, hour) & mask;
    while (t[i * STRIDE + CELL] !== EMPTY) i = (i + 1) & mask;
    return i * STRIDE;
  }

  /**
   * Drop the expired cell-hours and resize so that the live ones fill at most a quarter of the
   * table (grows through busy hours, shrinks back after them).
   */
  private rebuild(): void {
    const limit = this.newestHour - this.retainHours;
    const old = this.t;
    let live = 0;
    for (let o = 0; o < old.length; o += STRIDE) if (old[o + CELL] !== EMPTY && old[o + HOUR] >= limit) live++;
    let capacity = MIN_CAPACITY;
    while (capacity < live * 4) capacity *= 2;
    this.t = emptyTable(capacity);
    this.mask = capacity - 1;
    this.used = live;
    this.lastCell = EMPTY;
    this.lastSlot = -1;
    for (let j = 0; j < old.length; j += STRIDE) {
      if (old[j + CELL] === EMPTY || old[j + HOUR] < limit) continue;
      const o = this.insertSlot(old[j + CELL], old[j + HOUR]);
      this.t.set(old.subarray(j, j + STRIDE), o);
    }
  }
}

/** A table of `capacity` free slots. */
function emptyTable(capacity: number): Int32Array {
  const t = new Int32Array(capacity * STRIDE);
  for (let o = 0; o < t.length; o += STRIDE) t[o + CELL] = EMPTY;
  return t;
}

/** Mixes cell and hour into a table position (murmur3 finaliser: neighbouring cells scatter). */
function hashOf(cell: number, hour: number): number {
  let h = Math.imul(cell ^ Math.imul(hour, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
