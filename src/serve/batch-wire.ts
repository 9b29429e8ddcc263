/**
 * The form in which a batch travels to the writer thread (WorkerWriter): vessels and identity
 * changes as columns, numbers in one Float64Array each (NaN: absent) and strings in plain arrays
 * (null: absent), instead of tens of thousands of objects. A structured clone writes every
 * property name of every object it copies: the 10 s vessel flush (one record of 21 fields per
 * moved vessel) and the first sighting of a fleet (several identity changes per vessel) were the
 * main thread's largest cost in handing a batch over. Positions are columnar already
 * (position-columns.ts); events keep their shape (their details vary by type).
 */
import type { IdentityField } from '../track/types.js';
import type { IdentityRecord, VesselRecord, WriteBatch } from '../store/store.js';

/** Numbers per vessel in WireBatch.vesselNums, and strings per vessel in vesselStrs. */
const VN = 16;
const VS = 5;

/** A WriteBatch with its vessels and identities in columns. */
export interface WireBatch extends Omit<WriteBatch, 'vessels' | 'identities'> {
  /** Per vessel: mmsi, imo, ship_type, length, beam, draught, first_seen, last_seen, lat, lon, speed, course, heading, status, fix_time, fixes. */
  vesselNums?: Float64Array;
  /** Per vessel: name, callsign, destination, flag, class. */
  vesselStrs?: (string | null)[];
  /** Per identity change: mmsi, time, the field's index in IDENTITY_FIELDS. */
  identityNums?: Float64Array;
  identityBefore?: (string | number | null)[];
  identityAfter?: (string | number | null)[];
}

/** Every IdentityField, by its code in WireBatch.identityNums. */
const IDENTITY_FIELDS: readonly IdentityField[] = ['imo', 'name', 'callsign', 'ship_type', 'length', 'beam', 'draught', 'destination', 'flag', 'mmsi'];
const FIELD_CODE = new Map<string, number>(IDENTITY_FIELDS.map((f, i) => [f, i]));

const num = (x: number | undefined): number => (x === undefined ? NaN : x);
const str = (x: string | undefined): string | null => (x === undefined ? null : x);

/** The batch in its wire form (the arguments of the batch are not changed). */
export function toWire(b: WriteBatch): WireBatch {
  const { vessels, identities, ...rest } = b;
  const w: WireBatch = rest;
  if (vessels && vessels.length > 0) {
    const n = vessels.length;
    const d = new Float64Array(n * VN);
    const s = new Array<string | null>(n * VS);
    for (let i = 0; i < n; i++) {
      const v = vessels[i];
      const o = i * VN;
      d[o] = v.mmsi;
      d[o + 1] = num(v.imo);
      d[o + 2] = num(v.ship_type);
      d[o + 3] = num(v.length);
      d[o + 4] = num(v.beam);
      d[o + 5] = num(v.draught);
      d[o + 6] = v.first_seen;
      d[o + 7] = v.last_seen;
      d[o + 8] = num(v.lat);
      d[o + 9] = num(v.lon);
      d[o + 10] = num(v.speed);
      d[o + 11] = num(v.course);
      d[o + 12] = num(v.heading);
      d[o + 13] = num(v.status);
      d[o + 14] = num(v.fix_time);
      d[o + 15] = v.fixes;
      const q = i * VS;
      s[q] = str(v.name);
      s[q + 1] = str(v.callsign);
      s[q + 2] = str(v.destination);
      s[q + 3] = str(v.flag);
      s[q + 4] = str(v.class);
    }
    w.vesselNums = d;
    w.vesselStrs = s;
  }
  if (identities && identities.length > 0) {
    const n = identities.length;
    const d = new Float64Array(n * 3);
    const before = new Array<string | number | null>(n);
    const after = new Array<string | number | null>(n);
    for (let i = 0; i < n; i++) {
      const c = identities[i];
      const code = FIELD_CODE.get(c.field);
      if (code === undefined) throw new Error(`unknown identity field ${c.field}`);
      d[3 * i] = c.mmsi;
      d[3 * i + 1] = c.time;
      d[3 * i + 2] = code;
      before[i] = c.before === undefined ? null : c.before;
      after[i] = c.after === undefined ? null : c.after;
    }
    w.identityNums = d;
    w.identityBefore = before;
    w.identityAfter = after;
  }
  return w;
}

/** The ArrayBuffers of a wire batch that can be transferred rather than copied. */
export function wireTransfers(w: WireBatch): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const a of [w.positionColumns, w.vesselNums, w.identityNums]) {
    if (a && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength) out.push(a.buffer as ArrayBuffer);
  }
  return out;
}

/** Back to a WriteBatch (absent values left out of the records). */
export function fromWire(w: WireBatch): WriteBatch {
  const { vesselNums, vesselStrs, identityNums, identityBefore, identityAfter, ...rest } = w;
  const b: WriteBatch = rest;
  if (vesselNums && vesselStrs) {
    const n = vesselNums.length / VN;
    const vessels = new Array<VesselRecord>(n);
    for (let i = 0; i < n; i++) {
      const d = vesselNums;
      const o = i * VN;
      const v: VesselRecord = { mmsi: d[o], first_seen: d[o + 6], last_seen: d[o + 7], fixes: d[o + 15] };
      if (!Number.isNaN(d[o + 1])) v.imo = d[o + 1];
      if (!Number.isNaN(d[o + 2])) v.ship_type = d[o + 2];
      if (!Number.isNaN(d[o + 3])) v.length = d[o + 3];
      if (!Number.isNaN(d[o + 4])) v.beam = d[o + 4];
      if (!Number.isNaN(d[o + 5])) v.draught = d[o + 5];
      if (!Number.isNaN(d[o + 8])) v.lat = d[o + 8];
      if (!Number.isNaN(d[o + 9])) v.lon = d[o + 9];
      if (!Number.isNaN(d[o + 10])) v.speed = d[o + 10];
      if (!Number.isNaN(d[o + 11])) v.course = d[o + 11];
      if (!Number.isNaN(d[o + 12])) v.heading = d[o + 12];
      if (!Number.isNaN(d[o + 13])) v.status = d[o + 13];
      if (!Number.isNaN(d[o + 14])) v.fix_time = d[o + 14];
      const q = i * VS;
      const s = vesselStrs;
      if (s[q] !== null) v.name = s[q]!;
      if (s[q + 1] !== null) v.callsign = s[q + 1]!;
      if (s[q + 2] !== null) v.destination = s[q + 2]!;
      if (s[q + 3] !== null) v.flag = s[q + 3]!;
      if (s[q + 4] !== null) v.class = s[q + 4] as 'A' | 'B';
      vessels[i] = v;
    }
    b.vessels = vessels;
  }
  if (identityNums && identityBefore && identityAfter) {
    const n = identityNums.length / 3;
    const identities = new Array<IdentityRecord>(n);
    for (let i = 0; i < n; i++) {
      const c: IdentityRecord = { mmsi: identityNums[3 * i], time: identityNums[3 * i + 1], field: IDENTITY_FIELDS[identityNums[3 * i + 2]] };
      if (identityBefore[i] !== null) c.before = identityBefore[i]!;
      if (identityAfter[i] !== null) c.after = identityAfter[i]!;
      identities[i] = c;
    }
    b.identities = identities;
  }
  return b;
}
