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

export class ReceptionGrid {
  private readonly rows: number;
  private readonly cols: number;
  // The table: slot i holds cell-hour (cell[i], hour[i]) when cell[i] !== EMPTY.
  private cell = new Int32Array(MIN_CAPACITY).fill(EMPTY);
  private hour = new Int32Array(MIN_CAPACITY);
  /** Messages in the cell-hour. */
  private n = new Int32Array(MIN_CAPACITY);
  /** The first two MMSIs heard there (NO_MMSI: none yet) and their own counts. */
  private a = new Int32Array(MIN_CAPACITY);
  private na = new Int32Array(MIN_CAPACITY);
  private b = new Int32Array(MIN_CAPACITY);
  private nb = new Int32Array(MIN_CAPACITY);
  private mask = MIN_CAPACITY - 1;
  /** Slots in use, expired ones included (they are dropped at the next rebuild). */
  private used = 0;
  private newestHour = -Infinity;
  /** One-entry cache: consecutive messages often fall in the same cell-hour. */
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
    let i = cell === this.lastCell && hour === this.lastHour ? this.lastSlot : this.find(cell, hour);
    if (i < 0) {
      if ((this.used + 1) * 2 > this.mask + 1) this.rebuild();
      i = this.insertSlot(cell, hour);
      this.cell[i] = cell;
      this.hour[i] = hour;
      this.n[i] = 1;
      this.a[i] = mmsi;
      this.na[i] = 1;
      this.b[i] = NO_MMSI;
      this.nb[i] = 0;
      this.used++;
    } else {
      this.n[i]++;
      if (this.a[i] === mmsi) this.na[i]++;
      else if (this.b[i] === mmsi) this.nb[i]++;
      else if (this.b[i] === NO_MMSI) {
        this.b[i] = mmsi;
        this.nb[i] = 1;
      }
    }
    this.lastCell = cell;
    this.lastHour = hour;
    this.lastSlot = i;
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
    let hours = 0;
    let heard = 0;
    let messages = 0;
    for (let h = firstHour; h <= lastHour; h++) {
      hours++;
      let n = 0;
      for (const cell of cells) {
        const i = this.find(cell, h);
        if (i < 0) continue;
        n += this.n[i] - (this.a[i] === excludeMmsi ? this.na[i] : 0) - (this.b[i] === excludeMmsi ? this.nb[i] : 0);
      }
      if (n > 0) heard++;
      messages += n;
    }
    return { hours, hours_heard: heard, messages };
  }

  /** Cell-hours held (retained ones; for tests and memory checks). */
  get size(): number {
    const limit = this.newestHour - this.retainHours;
    let live = 0;
    for (let i = 0; i <= this.mask; i++) if (this.cell[i] !== EMPTY && this.hour[i] >= limit) live++;
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

  /** The slot holding (cell, hour), or −1. */
  private find(cell: number, hour: number): number {
    const mask = this.mask;
    for (let i = hashOf(cell, hour) & mask; ; i = (i + 1) & mask) {
      const c = this.cell[i];
      if (c === EMPTY) return -1;
      if (c === cell && this.hour[i] === hour) return i;
    }
  }

  /** A free slot on (cell, hour)'s probe sequence (the table is never full: see rebuild). */
  private insertSlot(cell: number, hour: number): number {
    const mask = this.mask;
    let i = hashOf(cell, hour) & mask;
    while (this.cell[i] !== EMPTY) i = (i + 1) & mask;
    return i;
  }

  /**
   * Drop the expired cell-hours and resize so that the live ones fill at most a quarter of the
   * table (grows through busy hours, shrinks back after them).
   */
  private rebuild(): void {
    const limit = this.newestHour - this.retainHours;
    const old = { cell: this.cell, hour: this.hour, n: this.n, a: this.a, na: this.na, b: this.b, nb: this.nb, size: this.mask + 1 };
    let live = 0;
    for (let i = 0; i < old.size; i++) if (old.cell[i] !== EMPTY && old.hour[i] >= limit) live++;
    let capacity = MIN_CAPACITY;
    while (capacity < live * 4) capacity *= 2;
    this.cell = new Int32Array(capacity).fill(EMPTY);
    this.hour = new Int32Array(capacity);
    this.n = new Int32Array(capacity);
    this.a = new Int32Array(capacity);
    this.na = new Int32Array(capacity);
    this.b = new Int32Array(capacity);
    this.nb = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.used = live;
    this.lastCell = EMPTY;
    this.lastSlot = -1;
    for (let j = 0; j < old.size; j++) {
      if (old.cell[j] === EMPTY || old.hour[j] < limit) continue;
      const i = this.insertSlot(old.cell[j], old.hour[j]);
      this.cell[i] = old.cell[j];
      this.hour[i] = old.hour[j];
      this.n[i] = old.n[j];
      this.a[i] = old.a[j];
      this.na[i] = old.na[j];
      this.b[i] = old.b[j];
      this.nb[i] = old.nb[j];
    }
  }
}

/** Mixes cell and hour into a table position (murmur3 finaliser: neighbouring cells scatter). */
function hashOf(cell: number, hour: number): number {
  let h = Math.imul(cell ^ Math.imul(hour, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
