/**
 * Test support for the movement detectors: feed fix records straight to detectors (no decoder or
 * tracker), build small literal reference data, and run golden scenarios from
 * fixtures/scenarios/<type>/<case>/ (input.jsonl + expected.jsonl + optional refdata.json and
 * params.json).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRefData } from '../../src/geo/refdata.js';
import type { Port, RefData, Zone } from '../../src/geo/types.js';
import type { Detector, DetectorContext } from '../../src/detect/detector.js';
import type { LookoutEvent } from '../../src/detect/event.js';
import type { Fix, Identity, IdentityField, Track } from '../../src/track/types.js';

/** One input line: a fix of a vessel, optionally with identity values (sent as changes first). */
export interface FixRecord {
  /** ISO time or ms. */
  time: string | number;
  mmsi: number;
  /** Track id (default: the MMSI as text). */
  track?: string;
  lat: number;
  lon: number;
  speed?: number;
  course?: number;
  heading?: number;
  status?: number;
  station?: string;
  name?: string;
  imo?: number;
  callsign?: string;
  ship_type?: number;
  draught?: number;
  flag?: string;
  class?: 'A' | 'B';
}

const IDENTITY_KEYS: (IdentityField & keyof FixRecord)[] = ['name', 'imo', 'callsign', 'ship_type', 'draught', 'flag'];

/** Reference data from literal ports/zones (and optional land rings as [lon, lat] pairs). */
export function literalRefData(input: { ports?: Partial<Port>[]; zones?: Partial<Zone>[]; land?: [number, number][][] } = {}): RefData {
  const ports: Port[] = (input.ports ?? []).map((p, i) => ({
    id: p.id ?? `port-${i}`,
    name: p.name ?? `Port ${i}`,
    lat: p.lat ?? 0,
    lon: p.lon ?? 0,
    radius_m: p.radius_m ?? 3000,
    tags: p.tags ?? [],
    source: p.source ?? 'test',
    ...(p.country !== undefined ? { country: p.country } : {}),
    ...(p.unlocode !== undefined ? { unlocode: p.unlocode } : {}),
  }));
  const zones: Zone[] = (input.zones ?? []).map((z, i) => ({
    id: z.id ?? `zone-${i}`,
    name: z.name ?? `Zone ${i}`,
    kind: z.kind ?? 'area',
    geometry: z.geometry ?? { type: 'Polygon', coordinates: [] },
    tags: z.tags ?? [],
    source: z.source ?? 'test',
    ...(z.gates !== undefined ? { gates: z.gates } : {}),
  }));
  const land = (input.land ?? []).map((ring) => Float64Array.from(ring.flat()));
  return createRefData({ ports, zones, land });
}

/** A rectangular zone polygon from south-west and north-east corners. */
export function boxZone(id: string, name: string, south: number, west: number, north: number, east: number, extra: Partial<Zone> = {}): Partial<Zone> {
  return {
    id,
    name,
    kind: 'area',
    geometry: { type: 'Polygon', coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]] },
    ...extra,
  };
}

const toMs = (t: string | number): number => (typeof t === 'number' ? t : Date.parse(t));

/**
 * Feeds fix records to detectors the way the pipeline does: identity changes before the fix that
 * carries them, then the fix, then a tick; `finish` at the end. Collects emitted events.
 */
export class Feeder {
  readonly events: LookoutEvent[] = [];
  readonly ctx: DetectorContext;
  readonly detectors: Detector[] = [];
  private readonly tracks = new Map<string, Track>();

  /** `ticks`: call tick(time) after every record (true), never (false), or every n-th record. */
  constructor(
    readonly refdata: RefData,
    private readonly ticks: boolean | number = true,
  ) {
    this.ctx = { refdata, emit: (e) => this.events.push(e) };
  }

  add(make: (ctx: DetectorContext) => Detector): this {
    this.detectors.push(make(this.ctx));
    return this;
  }

  feed(records: Iterable<FixRecord>): this {
    for (const r of records) this.one(r);
    return this;
  }

  one(r: FixRecord): void {
    const time = toMs(r.time);
    const id = r.track ?? String(r.mmsi);
    let track = this.tracks.get(id);
    if (!track) {
      const identity: Identity = { mmsi: r.mmsi };
      if (r.class) identity.class = r.class;
      track = { track_id: id, mmsi: r.mmsi, identity, last: undefined, first_seen: time, last_seen: time, fixes: 0 };
      this.tracks.set(id, track);
    }
    for (const k of IDENTITY_KEYS) {
      const v = r[k];
      if (v === undefined) continue;
      const before = track.identity[k];
      if (before === v) continue;
      (track.identity as unknown as Record<string, unknown>)[k] = v;
      for (const d of this.detectors) d.identity?.(track, { time, field: k, before, after: v });
    }
    const fix: Fix = { time, lat: r.lat, lon: r.lon };
    if (r.speed !== undefined) fix.speed = r.speed;
    if (r.course !== undefined) fix.course = r.course;
    if (r.heading !== undefined) fix.heading = r.heading;
    if (r.status !== undefined) fix.status = r.status;
    if (r.station !== undefined) fix.station = r.station;
    track.last = fix;
    track.last_seen = time;
    track.fixes++;
    for (const d of this.detectors) d.position(track, fix);
    this.count++;
    const every = this.ticks === true ? 1 : this.ticks === false ? 0 : this.ticks;
    if (every > 0 && this.count % every === 0) for (const d of this.detectors) d.tick?.(time);
  }
  private count = 0;

  finish(): LookoutEvent[] {
    for (const d of this.detectors) d.finish();
    return this.events;
  }
}

/** Parse a JSON-lines file (blank lines skipped). */
export function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

/** Every case directory of a scenario type (sorted). */
export function scenarioCases(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(root, d.name))
    .sort();
}

/** Literal reference data of a case (refdata.json), or undefined when it has none. */
export function caseRefData(dir: string): RefData | undefined {
  const f = join(dir, 'refdata.json');
  if (!existsSync(f)) return undefined;
  return literalRefData(JSON.parse(readFileSync(f, 'utf8')));
}

/** Detector parameters of a case (params.json), or {}. */
export function caseParams(dir: string): Record<string, unknown> {
  const f = join(dir, 'params.json');
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>) : {};
}

/** Sort events by start, type, mmsi, id: the order expected.jsonl lists them in. */
export function sortEvents(events: LookoutEvent[]): LookoutEvent[] {
  return [...events].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.type < b.type ? -1 : a.type > b.type ? 1 : a.mmsi - b.mmsi || (a.id < b.id ? -1 : 1)));
}

/**
 * Differences between an actual value and a partial expectation: every key of `expected` must be
 * present in `actual` with an equal value (objects compared recursively, arrays exactly).
 */
export function partialDiff(actual: unknown, expected: unknown, path = ''): string[] {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== 'object') return [`${path || '.'}: expected an object, got ${JSON.stringify(actual)}`];
    const out: string[] = [];
    for (const [k, v] of Object.entries(expected)) out.push(...partialDiff((actual as Record<string, unknown>)[k], v, `${path}.${k}`));
    return out;
  }
  return JSON.stringify(actual) === JSON.stringify(expected) ? [] : [`${path || '.'}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

/** Compare emitted events with a case's expected.jsonl: same count, each one a partial match. */
export function compareWithExpected(events: LookoutEvent[], expected: Record<string, unknown>[]): string[] {
  const actual = sortEvents(events);
  const problems: string[] = [];
  if (actual.length !== expected.length) {
    problems.push(`expected ${expected.length} event(s), got ${actual.length}: ${actual.map((e) => `${e.type} ${e.mmsi} ${e.start}`).join('; ')}`);
  }
  for (let i = 0; i < Math.min(actual.length, expected.length); i++) {
    for (const d of partialDiff(actual[i], expected[i])) problems.push(`event ${i} (${actual[i]?.type}): ${d}`);
  }
  return problems;
}

/** Run one golden case with a detector factory; returns the events and the expected lines. */
export function runCase(
  dir: string,
  make: (ctx: DetectorContext, params: Record<string, unknown>) => Detector,
  refdata?: RefData,
): { events: LookoutEvent[]; expected: Record<string, unknown>[] } {
  const feeder = new Feeder(refdata ?? caseRefData(dir) ?? literalRefData());
  const params = caseParams(dir);
  feeder.add((ctx) => make(ctx, params));
  feeder.feed(readJsonl<FixRecord>(join(dir, 'input.jsonl')));
  return { events: feeder.finish(), expected: readJsonl<Record<string, unknown>>(join(dir, 'expected.jsonl')) };
}

/**
 * A GFW gpsdio-segment regression file (NDJSON with bare NaN): position rows become fix records
 * whose track is GFW's expected segment (or the MMSI, for one-vessel files, as our tracker keeps
 * them); identity rows (AIS.5/19/24) are carried onto the next fix.
 */
export function readGfwRegr(file: string, opts: { tracks?: 'segments' | 'mmsi' } = {}): FixRecord[] {
  const bySegment = opts.tracks !== 'mmsi';
  const out: FixRecord[] = [];
  let pending: Partial<FixRecord> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const r = JSON.parse(line.replace(/\bNaN\b/g, 'null')) as Record<string, unknown>;
    const num = (k: string): number | undefined => (typeof r[k] === 'number' && Number.isFinite(r[k]) ? r[k] : undefined);
    const mmsi = Number(r.ssvid);
    if (typeof r.shipname === 'string' && r.shipname !== '') pending.name = r.shipname;
    const imo = Number(r.imo);
    if (Number.isInteger(imo) && imo > 0) pending.imo = imo;
    const lat = num('lat');
    const lon = num('lon');
    if (lat === undefined || lon === undefined || Math.abs(lat) > 90 || Math.abs(lon) > 180) continue;
    const rec: FixRecord = { time: Date.parse(String(r.timestamp)), mmsi, lat, lon, ...pending };
    if (bySegment) rec.track = typeof r.expected === 'string' ? r.expected : String(mmsi);
    pending = {};
    const speed = num('speed');
    if (speed !== undefined && speed < 102.2) rec.speed = speed;
    const course = num('course');
    if (course !== undefined && course < 360) rec.course = course;
    const status = num('status');
    if (status !== undefined) rec.status = status;
    if (typeof r.receiver_type === 'string') rec.station = r.receiver_type;
    const type = String(r.type);
    rec.class = type === 'AIS.18' || type === 'AIS.19' ? 'B' : 'A';
    out.push(rec);
  }
  return out.sort((a, b) => (a.time as number) - (b.time as number));
}

/** The Ever Given Suez queue CSV (ID, dd/mm/yyyy HH:MM, longitude, latitude): IDs become MMSIs 900000000 + ID. */
export function readSuezCsv(file: string): FixRecord[] {
  const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split('\n').slice(1);
  const out: FixRecord[] = [];
  for (const line of lines) {
    const [id, ts, lon, lat] = line.trim().split(',');
    if (!id || !ts || !lon || !lat) continue;
    const m = /^(\d\d)\/(\d\d)\/(\d{4}) (\d\d):(\d\d)$/.exec(ts);
    if (!m) continue;
    const time = Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]), Number(m[4]), Number(m[5]));
    out.push({ time, mmsi: 900_000_000 + Number(id), lat: Number(lat), lon: Number(lon) });
  }
  // Stable order: time, then vessel; a vessel's duplicate minute keeps its first row.
  out.sort((a, b) => (a.time as number) - (b.time as number) || a.mmsi - b.mmsi);
  return out.filter((r, i) => i === 0 || r.mmsi !== out[i - 1]?.mmsi || r.time !== out[i - 1]?.time);
}

let bundled: Promise<RefData> | undefined;
/** The bundled reference data (data/geo via the pipeline's loader), loaded once per process. */
export function bundledRefData(): Promise<RefData> {
  bundled ??= import('../../src/pipeline/refdata.js').then((m) => m.loadRefData());
  return bundled;
}

/** Longitude/latitude of a GeoPackage point geometry blob (GP header, optional envelope, WKB point). */
export function gpkgPoint(blob: Uint8Array): { lon: number; lat: number } {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const flags = blob[3] ?? 0;
  const envelope = [0, 32, 48, 48, 64][(flags >> 1) & 7] ?? 0;
  const wkb = 8 + envelope;
  const little = blob[wkb] === 1;
  return { lon: view.getFloat64(wkb + 5, little), lat: view.getFloat64(wkb + 13, little) };
}
