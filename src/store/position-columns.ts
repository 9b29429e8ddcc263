/**
 * Positions as one flat Float64Array, eight numbers a row (mmsi, time, lat, lon, speed, course,
 * heading, status; NaN for an absent value). The ingest fills it without an object per fix, and
 * the writer thread receives it by transfer (no structured clone of thousands of objects).
 */
import type { PositionRecord } from './store.js';

/** Numbers per row. */
export const POSITION_STRIDE = 8;

/** A growable columnar batch of positions. */
export class PositionBuffer {
  private data: Float64Array;
  /** Rows held. */
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Float64Array(Math.max(1, capacity) * POSITION_STRIDE);
  }

  /** Append one row (undefined optional values are stored as NaN). */
  push(mmsi: number, time: number, lat: number, lon: number, speed: number | undefined, course: number | undefined, heading: number | undefined, status: number | undefined): void {
    const o = this.length * POSITION_STRIDE;
    // (The growth is a method of its own, so that push stays small enough to be inlined: a call
    // that is not inlined boxes each of its floating-point arguments.)
    const d = o + POSITION_STRIDE > this.data.length ? this.grow() : this.data;
    d[o] = mmsi;
    d[o + 1] = time;
    d[o + 2] = lat;
    d[o + 3] = lon;
    d[o + 4] = speed ?? NaN;
    d[o + 5] = course ?? NaN;
    d[o + 6] = heading ?? NaN;
    d[o + 7] = status ?? NaN;
    this.length++;
  }

  private grow(): Float64Array {
    const bigger = new Float64Array(this.data.length * 2);
    bigger.set(this.data);
    this.data = bigger;
    return bigger;
  }

  /** The rows so far as an exactly sized array (its buffer may be transferred), and start empty again. */
  take(): Float64Array {
    const out = this.data.slice(0, this.length * POSITION_STRIDE);
    this.length = 0;
    return out;
  }
}

/** Pack position records into the columnar form. */
export function packPositions(ps: readonly PositionRecord[]): Float64Array {
  const b = new PositionBuffer(ps.length);
  for (const p of ps) b.push(p.mmsi, p.time, p.lat, p.lon, p.speed, p.course, p.heading, p.status);
  return b.take();
}

/** Unpack the columnar form into position records (absent values left out). */
export function unpackPositions(d: Float64Array): PositionRecord[] {
  const out: PositionRecord[] = [];
  for (let o = 0; o + POSITION_STRIDE <= d.length; o += POSITION_STRIDE) {
    const p: PositionRecord = { mmsi: d[o], time: d[o + 1], lat: d[o + 2], lon: d[o + 3] };
    if (!Number.isNaN(d[o + 4])) p.speed = d[o + 4];
    if (!Number.isNaN(d[o + 5])) p.course = d[o + 5];
    if (!Number.isNaN(d[o + 6])) p.heading = d[o + 6];
    if (!Number.isNaN(d[o + 7])) p.status = d[o + 7];
    out.push(p);
  }
  return out;
}
