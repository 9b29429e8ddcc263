/**
 * The embedded store: one SQLite file through better-sqlite3, WAL mode, schema from
 * ./migrations. Writes are batched into one transaction each; positions and events are
 * idempotent (primary key / unique id with INSERT OR IGNORE) so replays after a crash are safe.
 */
import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import { statSync } from 'node:fs';
import type { LookoutEvent } from '../detect/event.js';
import type { Zone, ZoneKind } from '../geo/types.js';
import type { IdentityField } from '../track/types.js';
import { applyMigrations, loadMigrations } from './migrate.js';
import { nameScore, normalizeName } from './fuzzy.js';
import { POSITION_STRIDE, packPositions } from './position-columns.js';
import { COARSE_INTERVAL_MS } from './store.js';
import type {
  AreaFixes, BBox, EventPage, EventQuery, IdentityRecord, PositionRecord, RetentionPolicy, SourceRecord, Store, StoreStats,
  StoredEvent, TrackCounts, TrackLine, TrackQuery, VesselQuery, VesselRecord, WriteBatch, WriteResult,
} from './store.js';

export interface SqliteOptions {
  /** File path, or ':memory:'. */
  path: string;
  /** Page cache size in MiB (default 64). */
  cacheMb?: number;
  /** Open read-only (a second connection for readers; WAL lets it read while the writer writes). */
  readonly?: boolean;
}

type Row = Record<string, unknown>;

/** Positions per multi-row INSERT (8 parameters each, well under SQLite's parameter limit). */
const POSITIONS_PER_INSERT = 100;
/** Coarse-level rows per multi-row upsert (5 parameters each). */
const COARSE_PER_UPSERT = 100;
/** Keep the earliest fix of an interval: a later or replayed one changes nothing. */
const COARSE_CONFLICT = 'ON CONFLICT (mmsi, bucket) DO UPDATE SET time = excluded.time, lat = excluded.lat, lon = excluded.lon WHERE excluded.time < positions_coarse.time';

const VESSEL_FIELDS = [
  'imo', 'name', 'callsign', 'ship_type', 'length', 'beam', 'draught', 'destination', 'flag', 'class',
  'lat', 'lon', 'speed', 'course', 'heading', 'status', 'fix_time',
] as const;

/** The zone or port an event concerns, for the zone filter (detectors put it in details). */
export function eventZone(e: LookoutEvent): string | null {
  const d = e.details;
  for (const k of ['zone_id', 'zone', 'port_id', 'port']) {
    const v = d[k];
    if (typeof v === 'string' && v !== '') return v;
    if (v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string') return (v as { id: string }).id;
  }
  return null;
}

function vesselFromRow(r: Row): VesselRecord {
  const v: VesselRecord = { mmsi: r.mmsi as number, first_seen: r.first_seen as number, last_seen: r.last_seen as number, fixes: r.fixes as number };
  for (const f of VESSEL_FIELDS) if (r[f] !== null && r[f] !== undefined) (v as unknown as Row)[f] = r[f];
  return v;
}

function positionFromRow(r: Row): PositionRecord {
  const p: PositionRecord = { mmsi: r.mmsi as number, time: r.time as number, lat: r.lat as number, lon: r.lon as number };
  if (r.speed !== null) p.speed = r.speed as number;
  if (r.course !== null) p.course = r.course as number;
  if (r.heading !== null) p.heading = r.heading as number;
  if (r.status !== null) p.status = r.status as number;
  return p;
}

function identityValue(v: string | null): string | number | undefined {
  if (v === null) return undefined;
  // Stored as JSON so a number stays a number.
  return JSON.parse(v) as string | number;
}

function encodeCursor(start: number, id: string): string {
  return Buffer.from(`${start}:${id}`).toString('base64url');
}

/** Decode a cursor; throws on a malformed one (the API turns that into a 400). */
export function decodeCursor(c: string): { start: number; id: string } {
  const s = Buffer.from(c, 'base64url').toString();
  const m = /^(-?\d{1,16}):([A-Za-z0-9_-]{1,100})$/.exec(s);
  if (!m) throw new RangeError('malformed cursor');
  return { start: Number(m[1]), id: m[2] };
}

function bboxClause(b: BBox, lat = 'lat', lon = 'lon'): { sql: string; args: number[] } {
  const [w, s, e, n] = b;
  if (w <= e) return { sql: `${lat} BETWEEN ? AND ? AND ${lon} BETWEEN ? AND ?`, args: [s, n, w, e] };
  return { sql: `${lat} BETWEEN ? AND ? AND (${lon} >= ? OR ${lon} <= ?)`, args: [s, n, w, e] };
}

/** The SQLite implementation of {@link Store}. Create with {@link openSqliteStore}. */
export class SqliteStore implements Store {
  readonly db: Db;
  private readonly path: string;
  private readonly st: Record<string, Statement>;
  private readonly writeTx: (b: WriteBatch) => WriteResult;
  private readonly positionArgs = new Array<number | null>(POSITIONS_PER_INSERT * POSITION_STRIDE);
  private readonly coarseArgs = new Array<number>(COARSE_PER_UPSERT * 5);

  constructor(db: Db, path: string) {
    this.db = db;
    this.path = path;
    const p = (sql: string): Statement => db.prepare(sql);
    const ro = db.readonly;
    this.st = ro ? {} : {
      upsertVessel: p(`INSERT INTO vessels (mmsi, ${VESSEL_FIELDS.join(', ')}, first_seen, last_seen, fixes)
        VALUES (?, ${VESSEL_FIELDS.map(() => '?').join(', ')}, ?, ?, ?)
        ON CONFLICT (mmsi) DO UPDATE SET
        ${VESSEL_FIELDS.filter((f) => !['lat', 'lon', 'speed', 'course', 'heading', 'status', 'fix_time'].includes(f)).map((f) => `${f} = coalesce(excluded.${f}, ${f})`).join(', ')},
        lat = CASE WHEN excluded.fix_time >= coalesce(fix_time, -1e18) THEN excluded.lat ELSE lat END,
        lon = CASE WHEN excluded.fix_time >= coalesce(fix_time, -1e18) THEN excluded.lon ELSE lon END,
        speed = CASE WHEN excluded.fix_time >= coalesce(fix_time, -1e18) THEN excluded.speed ELSE speed END,
        course = CASE WHEN excluded.fix_time >= coalesce(fix_time, -1e18) THEN excluded.course ELSE course END,
        heading = CASE WHEN excluded.fix_time >= coalesce(fix_time, -1e18) THEN excluded.heading ELSE heading END,
        status = CASE WHEN excluded.fix_time >= coalesce(fix_time, -1e18) THEN excluded.status ELSE status END,
        fix_time = max(coalesce(excluded.fix_time, -1e18), coalesce(fix_time, -1e18)),
        first_seen = min(first_seen, excluded.first_seen),
        last_seen = max(last_seen, excluded.last_seen),
        fixes = max(fixes, excluded.fixes)`),
      insertPosition: p('INSERT OR IGNORE INTO positions (mmsi, time, lat, lon, speed, course, heading, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      insertPositions: p(`INSERT OR IGNORE INTO positions (mmsi, time, lat, lon, speed, course, heading, status) VALUES ${Array.from({ length: POSITIONS_PER_INSERT }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`),
      insertIdentity: p('INSERT OR IGNORE INTO identity_history (mmsi, time, field, before, after) VALUES (?, ?, ?, ?, ?)'),
      insertEvent: p(`INSERT OR IGNORE INTO events (id, type, mmsi, other_mmsi, t_start, t_end, lat, lon, confidence, zone, json)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      upsertSource: p('INSERT INTO sources (name, url, stats, updated) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET url = excluded.url, stats = excluded.stats, updated = excluded.updated'),
      setCheckpoint: p('INSERT INTO checkpoints (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      putZone: p(`INSERT INTO zones (id, name, kind, geometry, tags, source, created) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, geometry = excluded.geometry, tags = excluded.tags, source = excluded.source`),
      deleteZone: p('DELETE FROM zones WHERE id = ?'),
      pruneVessel: p('DELETE FROM positions WHERE mmsi = ? AND time < ?'),
      upsertCoarse: p(`INSERT INTO positions_coarse (mmsi, bucket, time, lat, lon) VALUES ${Array.from({ length: COARSE_PER_UPSERT }, () => '(?, ?, ?, ?, ?)').join(', ')} ${COARSE_CONFLICT}`),
      upsertCoarseOne: p(`INSERT INTO positions_coarse (mmsi, bucket, time, lat, lon) VALUES (?, ?, ?, ?, ?) ${COARSE_CONFLICT}`),
      pruneCoarse: p('DELETE FROM positions_coarse WHERE mmsi = ? AND bucket <= ?'),
      // The interval the retention cut runs through, derived again from the positions left in it (none: no row).
      refillCoarse: p(`INSERT INTO positions_coarse (mmsi, bucket, time, lat, lon)
        SELECT mmsi, ?, min(time), lat, lon FROM positions WHERE mmsi = ? AND time >= ? AND time < ? GROUP BY mmsi`),
    };
    Object.assign(this.st, {
      vessel: p('SELECT * FROM vessels WHERE mmsi = ?'),
      identity: p('SELECT * FROM identity_history WHERE mmsi = ? ORDER BY time, field'),
      trackAsc: p('SELECT mmsi, time, lat, lon, speed, course, heading, status FROM positions WHERE mmsi = ? AND time BETWEEN ? AND ? ORDER BY time LIMIT ?').raw(true),
      trackRaw: p('SELECT mmsi, time, lat, lon, speed, course, heading, status FROM (SELECT * FROM positions WHERE mmsi = ? AND time BETWEEN ? AND ? ORDER BY time DESC LIMIT ?) ORDER BY time').raw(true),
      lineAsc: p('SELECT time, lat, lon FROM positions WHERE mmsi = ? AND time BETWEEN ? AND ? ORDER BY time LIMIT ?').raw(true),
      lineRaw: p('SELECT time, lat, lon FROM (SELECT time, lat, lon FROM positions WHERE mmsi = ? AND time BETWEEN ? AND ? ORDER BY time DESC LIMIT ?) ORDER BY time').raw(true),
      lineLast: p('SELECT time, lat, lon FROM positions WHERE mmsi = ? AND time BETWEEN ? AND ? ORDER BY time DESC LIMIT 1').raw(true),
      lineCoarse: p('SELECT time, lat, lon FROM positions_coarse WHERE mmsi = ? AND bucket BETWEEN ? AND ? AND time BETWEEN ? AND ? ORDER BY bucket').raw(true),
      countPositions: p('SELECT count(*) FROM positions WHERE mmsi = ? AND time BETWEEN ? AND ?').pluck(true),
      countCoarse: p('SELECT count(*) FROM positions_coarse WHERE mmsi = ? AND bucket BETWEEN ? AND ? AND time BETWEEN ? AND ?').pluck(true),
      event: p('SELECT seq, json FROM events WHERE id = ?'),
      eventsAfter: p('SELECT seq, json FROM events WHERE seq > ? ORDER BY seq LIMIT ?'),
      lastSeq: p('SELECT coalesce(max(seq), 0) AS seq FROM events'),
      zones: p('SELECT * FROM zones ORDER BY id'),
      sources: p('SELECT * FROM sources ORDER BY name'),
      checkpoint: p('SELECT value FROM checkpoints WHERE key = ?'),
      mmsis: p('SELECT mmsi FROM vessels'),
    });
    this.writeTx = ro
      ? () => { throw new Error('store is read-only'); }
      : db.transaction((b: WriteBatch) => this.applyBatch(b));
  }

  private applyBatch(b: WriteBatch): WriteResult {
    const st = this.st;
    // Positional parameters: binding a keyed object per vessel costs several times more.
    const args = new Array<unknown>(VESSEL_FIELDS.length + 4);
    for (const v of b.vessels ?? []) {
      args[0] = v.mmsi;
      for (let i = 0; i < VESSEL_FIELDS.length; i++) args[i + 1] = (v as unknown as Row)[VESSEL_FIELDS[i]] ?? null;
      args[VESSEL_FIELDS.length + 1] = v.first_seen;
      args[VESSEL_FIELDS.length + 2] = v.last_seen;
      args[VESSEL_FIELDS.length + 3] = v.fixes;
      st.upsertVessel.run(args);
    }
    const positions = this.insertPositions(b);
    for (const c of b.identities ?? []) {
      st.insertIdentity.run(c.mmsi, c.time, c.field, c.before === undefined ? null : JSON.stringify(c.before), c.after === undefined ? null : JSON.stringify(c.after));
    }
    const events: StoredEvent[] = [];
    for (const e of b.events ?? []) {
      const r = st.insertEvent.run(e.id, e.type, e.mmsi, e.other_mmsi ?? null, Date.parse(e.start), Date.parse(e.end), e.lat, e.lon, e.confidence, eventZone(e), JSON.stringify(e));
      if (r.changes > 0) events.push({ seq: Number(r.lastInsertRowid), event: e });
    }
    for (const s of b.sources ?? []) st.upsertSource.run(s.name, s.url, JSON.stringify(s.stats), s.updated);
    for (const [k, v] of Object.entries(b.checkpoints ?? {})) st.setCheckpoint.run(k, v);
    return { positions, events };
  }

  /**
   * Insert a batch's positions (records and columnar rows together) in key order, so consecutive
   * inserts land on the same B-tree pages (the table is clustered by vessel, time), many rows per
   * statement call. Returns the rows newly stored (a replayed key is ignored).
   */
  private insertPositions(b: WriteBatch): number {
    const recs = b.positions ?? [];
    const cols = b.positionColumns;
    const nCols = cols ? Math.floor(cols.length / POSITION_STRIDE) : 0;
    const n = recs.length + nCols;
    if (n === 0) return 0;
    const d = new Float64Array(n * POSITION_STRIDE);
    if (cols) d.set(cols.subarray(0, nCols * POSITION_STRIDE));
    if (recs.length) d.set(packPositions(recs), nCols * POSITION_STRIDE);
    // Stable order by (mmsi, time): among equal keys the first row wins, as with one insert per row.
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((x, y) => d[x * 8] - d[y * 8] || d[x * 8 + 1] - d[y * 8 + 1] || x - y);
    const v = (x: number): number | null => (Number.isNaN(x) ? null : x);
    let stored = 0;
    let i = 0;
    const many = this.st.insertPositions;
    const args = this.positionArgs;
    for (; i + POSITIONS_PER_INSERT <= n; i += POSITIONS_PER_INSERT) {
      for (let k = 0; k < POSITIONS_PER_INSERT; k++) {
        const o = order[i + k] * POSITION_STRIDE;
        const a = k * POSITION_STRIDE;
        args[a] = d[o]; args[a + 1] = d[o + 1]; args[a + 2] = d[o + 2]; args[a + 3] = d[o + 3];
        args[a + 4] = v(d[o + 4]); args[a + 5] = v(d[o + 5]); args[a + 6] = v(d[o + 6]); args[a + 7] = v(d[o + 7]);
      }
      stored += many.run(args).changes;
    }
    const one = this.st.insertPosition;
    for (; i < n; i++) {
      const o = order[i] * POSITION_STRIDE;
      stored += one.run(d[o], d[o + 1], d[o + 2], d[o + 3], v(d[o + 4]), v(d[o + 5]), v(d[o + 6]), v(d[o + 7])).changes;
    }
    this.upsertCoarse(d, order);
    return stored;
  }

  /**
   * Keep the coarse level: in key order, the first row of each (vessel, interval) run is the
   * batch's earliest fix there (the one the positions table keeps, as the sort is stable); the
   * upsert replaces the stored one only when earlier, so replays and late fixes converge.
   */
  private upsertCoarse(d: Float64Array, order: Uint32Array): void {
    const args = this.coarseArgs;
    const many = this.st.upsertCoarse;
    let k = 0;
    let lastMmsi = NaN;
    let lastBucket = NaN;
    for (let i = 0; i < order.length; i++) {
      const o = order[i] * POSITION_STRIDE;
      const mmsi = d[o];
      const time = d[o + 1];
      const bucket = Math.floor(time / COARSE_INTERVAL_MS);
      if (mmsi === lastMmsi && bucket === lastBucket) continue;
      lastMmsi = mmsi;
      lastBucket = bucket;
      const a = k * 5;
      args[a] = mmsi; args[a + 1] = bucket; args[a + 2] = time; args[a + 3] = d[o + 2]; args[a + 4] = d[o + 3];
      if (++k === COARSE_PER_UPSERT) {
        many.run(args);
        k = 0;
      }
    }
    const one = this.st.upsertCoarseOne;
    for (let j = 0; j < k; j++) one.run(args[j * 5], args[j * 5 + 1], args[j * 5 + 2], args[j * 5 + 3], args[j * 5 + 4]);
  }

  /** Synchronous batch write (the ingest path uses it directly to avoid a promise per batch). */
  writeSync(batch: WriteBatch): WriteResult {
    return this.writeTx(batch);
  }

  write(batch: WriteBatch): Promise<WriteResult> {
    return Promise.resolve(this.writeTx(batch));
  }

  vessel(mmsi: number): Promise<VesselRecord | undefined> {
    const r = this.st.vessel.get(mmsi) as Row | undefined;
    return Promise.resolve(r ? vesselFromRow(r) : undefined);
  }

  vessels(q: VesselQuery): Promise<VesselRecord[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.bbox) {
      const c = bboxClause(q.bbox);
      where.push(c.sql);
      args.push(...c.args);
    }
    if (q.since !== undefined) { where.push('last_seen >= ?'); args.push(q.since); }
    if (q.flags?.length) { where.push(`flag IN (${q.flags.map(() => '?').join(', ')})`); args.push(...q.flags); }
    if (q.shipTypes?.length) {
      where.push(`(${q.shipTypes.map(() => 'ship_type BETWEEN ? AND ?').join(' OR ')})`);
      for (const [a, b] of q.shipTypes) args.push(a, b);
    }
    const base = `SELECT * FROM vessels${where.length ? ' WHERE ' + where.join(' AND ') : ''}`;
    if (!q.q) {
      const rows = this.db.prepare(`${base} ORDER BY last_seen DESC LIMIT ?`).all(...args, q.limit) as Row[];
      return Promise.resolve(rows.map(vesselFromRow));
    }
    const rows = this.db.prepare(base).all(...args) as Row[];
    return Promise.resolve(rankVessels(rows.map(vesselFromRow), q.q, q.limit));
  }

  identityHistory(mmsi: number): Promise<IdentityRecord[]> {
    const rows = this.st.identity.all(mmsi) as Row[];
    return Promise.resolve(rows.map((r) => {
      const rec: IdentityRecord = { mmsi: r.mmsi as number, time: r.time as number, field: r.field as IdentityField };
      const before = identityValue(r.before as string | null);
      const after = identityValue(r.after as string | null);
      if (before !== undefined) rec.before = before;
      if (after !== undefined) rec.after = after;
      return rec;
    }));
  }

  track(q: TrackQuery): Promise<PositionRecord[]> {
    // Raw rows (arrays) skip building a keyed object per row: tracks run to tens of thousands of rows.
    // Oldest first straight off the clustered key; only when the cap is hit, the newest `limit` instead.
    let rows = this.st.trackAsc.all(q.mmsi, q.from, q.to, q.limit) as (number | null)[][];
    if (rows.length >= q.limit) rows = this.st.trackRaw.all(q.mmsi, q.from, q.to, q.limit) as (number | null)[][];
    const out = new Array<PositionRecord>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const p: PositionRecord = { mmsi: r[0]!, time: r[1]!, lat: r[2]!, lon: r[3]! };
      if (r[4] !== null) p.speed = r[4];
      if (r[5] !== null) p.course = r[5];
      if (r[6] !== null) p.heading = r[6];
      if (r[7] !== null) p.status = r[7];
      out[i] = p;
    }
    return Promise.resolve(out);
  }

  trackLine(q: TrackQuery): Promise<TrackLine> {
    // Three columns instead of eight: building the JS values is most of a long track's read time.
    let rows = this.st.lineAsc.all(q.mmsi, q.from, q.to, q.limit) as number[][];
    if (rows.length >= q.limit) rows = this.st.lineRaw.all(q.mmsi, q.from, q.to, q.limit) as number[][];
    const n = rows.length;
    const line: TrackLine = { length: n, time: new Float64Array(n), lat: new Float64Array(n), lon: new Float64Array(n) };
    for (let i = 0; i < n; i++) {
      const r = rows[i];
      line.time[i] = r[0];
      line.lat[i] = r[1];
      line.lon[i] = r[2];
    }
    return Promise.resolve(line);
  }

  trackCounts(q: TrackQuery): Promise<TrackCounts> {
    const b0 = Math.floor(q.from / COARSE_INTERVAL_MS);
    const b1 = Math.floor(q.to / COARSE_INTERVAL_MS);
    return Promise.resolve({
      positions: this.st.countPositions.get(q.mmsi, q.from, q.to) as number,
      coarse: this.st.countCoarse.get(q.mmsi, b0, b1, q.from, q.to) as number,
    });
  }

  trackLineCoarse(q: TrackQuery): Promise<TrackLine> {
    const b0 = Math.floor(q.from / COARSE_INTERVAL_MS);
    const b1 = Math.floor(q.to / COARSE_INTERVAL_MS);
    const rows = this.st.lineCoarse.all(q.mmsi, b0, b1, q.from, q.to) as number[][];
    // The range's own first and last fix, when the coarse level does not start or end with them.
    const first = this.st.lineAsc.all(q.mmsi, q.from, q.to, 1) as number[][];
    const last = this.st.lineLast.all(q.mmsi, q.from, q.to) as number[][];
    const head = first.length && (rows.length === 0 || first[0][0] < rows[0][0]) ? 1 : 0;
    const tail = last.length && last[0][0] > (head && rows.length === 0 ? first[0][0] : rows.length ? rows[rows.length - 1][0] : -Infinity) ? 1 : 0;
    const n = head + rows.length + tail;
    const line: TrackLine = { length: n, time: new Float64Array(n), lat: new Float64Array(n), lon: new Float64Array(n) };
    const put = (i: number, r: number[]): void => { line.time[i] = r[0]; line.lat[i] = r[1]; line.lon[i] = r[2]; };
    if (head) put(0, first[0]);
    for (let i = 0; i < rows.length; i++) put(head + i, rows[i]);
    if (tail) put(n - 1, last[0]);
    return Promise.resolve(line);
  }

  coarseInArea(q: { from: number; to: number; bbox: BBox }): Promise<AreaFixes> {
    const [w, s, e, n] = q.bbox;
    // Vessels seen in the period, then each one's coarse fixes in it: two index range scans.
    const rows = this.db.prepare(`SELECT c.mmsi, c.time, c.lat, c.lon FROM vessels v
        JOIN positions_coarse c ON c.mmsi = v.mmsi AND c.bucket BETWEEN ? AND ?
        WHERE v.last_seen >= ? AND v.first_seen <= ? AND c.time BETWEEN ? AND ?
          AND c.lat BETWEEN ? AND ? AND c.lon BETWEEN ? AND ? ORDER BY c.mmsi, c.bucket`)
      .raw(true).all(Math.floor(q.from / COARSE_INTERVAL_MS), Math.floor(q.to / COARSE_INTERVAL_MS), q.from, q.to, q.from, q.to, s, n, w, e) as number[][];
    const len = rows.length;
    const out: AreaFixes = { length: len, mmsi: new Float64Array(len), time: new Float64Array(len), lat: new Float64Array(len), lon: new Float64Array(len) };
    for (let i = 0; i < len; i++) {
      const r = rows[i];
      out.mmsi[i] = r[0]; out.time[i] = r[1]; out.lat[i] = r[2]; out.lon[i] = r[3];
    }
    return Promise.resolve(out);
  }

  recentPositions(since: number, perVessel: number): Promise<PositionRecord[]> {
    const out: PositionRecord[] = [];
    const stmt = this.db.prepare('SELECT * FROM (SELECT * FROM positions WHERE mmsi = ? AND time >= ? ORDER BY time DESC LIMIT ?) ORDER BY time');
    for (const { mmsi } of this.st.mmsis.all() as { mmsi: number }[]) {
      for (const r of stmt.all(mmsi, since, perVessel) as Row[]) out.push(positionFromRow(r));
    }
    out.sort((a, b) => a.time - b.time || a.mmsi - b.mmsi);
    return Promise.resolve(out);
  }

  events(q: EventQuery): Promise<EventPage> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.types?.length) { where.push(`type IN (${q.types.map(() => '?').join(', ')})`); args.push(...q.types); }
    if (q.from !== undefined) { where.push('t_end >= ?'); args.push(q.from); }
    if (q.to !== undefined) { where.push('t_start <= ?'); args.push(q.to); }
    if (q.bbox) { const c = bboxClause(q.bbox); where.push(c.sql); args.push(...c.args); }
    if (q.mmsi !== undefined) { where.push('(mmsi = ? OR other_mmsi = ?)'); args.push(q.mmsi, q.mmsi); }
    if (q.zone !== undefined) { where.push('zone = ?'); args.push(q.zone); }
    if (q.minConfidence !== undefined) { where.push('confidence >= ?'); args.push(q.minConfidence); }
    if (q.cursor !== undefined) {
      const c = decodeCursor(q.cursor);
      where.push('(t_start < ? OR (t_start = ? AND id < ?))');
      args.push(c.start, c.start, c.id);
    }
    const sql = `SELECT seq, t_start, id, json FROM events${where.length ? ' WHERE ' + where.join(' AND ') : ''} ORDER BY t_start DESC, id DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...args, q.limit + 1) as Row[];
    const more = rows.length > q.limit;
    const page = rows.slice(0, q.limit);
    const items = page.map((r) => ({ seq: r.seq as number, event: JSON.parse(r.json as string) as LookoutEvent }));
    const last = page[page.length - 1];
    return Promise.resolve(more && last ? { items, next: encodeCursor(last.t_start as number, last.id as string) } : { items });
  }

  event(id: string): Promise<StoredEvent | undefined> {
    const r = this.st.event.get(id) as Row | undefined;
    return Promise.resolve(r ? { seq: r.seq as number, event: JSON.parse(r.json as string) as LookoutEvent } : undefined);
  }

  eventsAfter(afterSeq: number, limit: number): Promise<StoredEvent[]> {
    return Promise.resolve(this.eventsAfterSync(afterSeq, limit));
  }

  /** Synchronous form of {@link eventsAfter} (the live stream's catch-up runs in one tick). */
  eventsAfterSync(afterSeq: number, limit: number): StoredEvent[] {
    return (this.st.eventsAfter.all(afterSeq, limit) as Row[]).map((r) => ({ seq: r.seq as number, event: JSON.parse(r.json as string) as LookoutEvent }));
  }

  lastEventSeq(): Promise<number> {
    return Promise.resolve((this.st.lastSeq.get() as { seq: number }).seq);
  }

  zones(): Promise<Zone[]> {
    return Promise.resolve((this.st.zones.all() as Row[]).map((r) => ({
      id: r.id as string,
      name: r.name as string,
      kind: r.kind as ZoneKind,
      geometry: JSON.parse(r.geometry as string) as Zone['geometry'],
      tags: JSON.parse(r.tags as string) as string[],
      source: r.source as string,
    })));
  }

  putZone(zone: Zone): Promise<void> {
    this.st.putZone.run(zone.id, zone.name, zone.kind, JSON.stringify(zone.geometry), JSON.stringify(zone.tags), zone.source, Date.now());
    return Promise.resolve();
  }

  deleteZone(id: string): Promise<boolean> {
    return Promise.resolve(this.st.deleteZone.run(id).changes > 0);
  }

  sources(): Promise<SourceRecord[]> {
    return Promise.resolve((this.st.sources.all() as Row[]).map((r) => ({
      name: r.name as string, url: r.url as string, stats: JSON.parse(r.stats as string) as Record<string, unknown>, updated: r.updated as number,
    })));
  }

  checkpoint(key: string): Promise<string | undefined> {
    const r = this.st.checkpoint.get(key) as { value: string } | undefined;
    return Promise.resolve(r?.value);
  }

  prune(policy: RetentionPolicy, now: number): Promise<number> {
    const cutoff = now - policy.keepMs;
    let n = 0;
    // Per vessel: each delete is a range at the start of that vessel's clustered key range.
    const mmsis = this.st.mmsis.all() as { mmsi: number }[];
    this.db.transaction(() => {
      const bucket = Math.floor(cutoff / COARSE_INTERVAL_MS);
      for (const { mmsi } of mmsis) {
        const gone = this.st.pruneVessel.run(mmsi, cutoff).changes;
        n += gone;
        if (gone === 0) continue;
        // Intervals wholly before the cut go; the one it runs through is derived again from what is left.
        this.st.pruneCoarse.run(mmsi, bucket);
        this.st.refillCoarse.run(bucket, mmsi, cutoff, (bucket + 1) * COARSE_INTERVAL_MS);
      }
    })();
    return Promise.resolve(n);
  }

  stats(): Promise<StoreStats> {
    const one = (sql: string): number => (this.db.prepare(sql).get() as { n: number }).n;
    const s: StoreStats = {
      vessels: one('SELECT count(*) AS n FROM vessels'),
      positions: one('SELECT count(*) AS n FROM positions'),
      events: one('SELECT count(*) AS n FROM events'),
    };
    if (this.path !== ':memory:') {
      try {
        s.bytes = statSync(this.path).size + (statSync(`${this.path}-wal`, { throwIfNoEntry: false })?.size ?? 0);
      } catch { /* the file may be gone during shutdown */ }
    }
    return Promise.resolve(s);
  }

  close(): Promise<void> {
    if (this.db.open) {
      if (!this.db.readonly) this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.db.close();
    }
    return Promise.resolve();
  }
}

/** Rank vessels against free text: MMSI/IMO digits exactly or by prefix, call sign and name prefix, then fuzzy names. */
export function rankVessels(candidates: Iterable<VesselRecord>, text: string, limit: number): VesselRecord[] {
  const q = normalizeName(text);
  if (q === '') return [];
  const digits = /^\d+$/.test(q.replace(/ /g, '')) ? q.replace(/ /g, '').replace(/^IMO/, '') : undefined;
  const imoQ = /^IMO ?(\d{7})$/.exec(q)?.[1];
  const scored: { v: VesselRecord; s: number }[] = [];
  for (const v of candidates) {
    let s = 0;
    if (digits !== undefined) {
      const mmsi = String(v.mmsi);
      if (mmsi === digits) s = 1;
      else if (v.imo !== undefined && String(v.imo) === digits) s = 1;
      else if (mmsi.startsWith(digits)) s = 0.8;
      else if (v.imo !== undefined && String(v.imo).startsWith(digits)) s = 0.75;
    }
    if (imoQ !== undefined && v.imo !== undefined && String(v.imo) === imoQ) s = 1;
    if (v.callsign) {
      const cs = normalizeName(v.callsign);
      if (cs === q) s = Math.max(s, 0.98);
      else if (q.length >= 2 && cs.startsWith(q)) s = Math.max(s, 0.75);
    }
    if (v.name) s = Math.max(s, nameScore(q, normalizeName(v.name)));
    if (s > 0) scored.push({ v, s });
  }
  scored.sort((a, b) => b.s - a.s || b.v.last_seen - a.v.last_seen || a.v.mmsi - b.v.mmsi);
  return scored.slice(0, limit).map((x) => x.v);
}

/** Open (creating if needed) a SQLite store, set WAL mode and apply pending migrations. */
export async function openSqliteStore(opts: SqliteOptions): Promise<SqliteStore> {
  const db = new Database(opts.path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  if (!opts.readonly) {
    db.pragma('journal_mode = WAL');
    // NORMAL: a committed transaction survives a process crash (kill -9); FULL would also survive power loss.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    applyMigrations(db, await loadMigrations());
  }
  db.pragma(`cache_size = -${(opts.cacheMb ?? 64) * 1024}`);
  db.pragma('temp_store = MEMORY');
  return new SqliteStore(db, opts.path);
}

