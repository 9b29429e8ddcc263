/**
 * The live stream at /api/live (WebSocket): position updates inside the client's viewport and
 * every event as it is committed, each event with its sequence number. A client that reconnects
 * with `?cursor=<last seq>` first receives every event it missed (from the store), then a fresh
 * snapshot of its viewport, then live updates: it misses nothing. docs/api.md gives the protocol.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { BBox, StoredEvent, VesselRecord } from '../store/store.js';
import type { EventType } from '../detect/event.js';
import { EVENT_TYPES } from '../detect/event.js';
import { HttpError, parseParam } from './http.js';
import { inBBox } from './live-picture.js';
import type { LivePicture } from './live-picture.js';
import type { Commit } from './ingest.js';
import type { Metrics } from './metrics.js';

/** Position updates are skipped for a client whose send buffer exceeds this (they are state: the next one supersedes). */
const SKIP_POSITIONS_BYTES = 4 << 20;
/** A client whose buffer exceeds this even for events is closed (1013); it resumes with its cursor. */
const CLOSE_BYTES = 32 << 20;
/** Most vessels in one snapshot message. */
const SNAPSHOT_LIMIT = 100_000;

interface Client {
  ws: WebSocket;
  bbox: BBox | undefined;
  positions: boolean;
  types: Set<EventType> | undefined;
  skipped: number;
  /** Snapshot shape: an array of vessel objects (the default) or parallel arrays, one per field. */
  format: SnapshotFormat;
}

/** `objects`: `vessels: [{…}]` (the default); `columns`: one array per field (docs/api.md). */
export type SnapshotFormat = 'objects' | 'columns';
const SNAPSHOT_FORMATS: readonly SnapshotFormat[] = ['objects', 'columns'];

/** Degrees rounded to 1e-5 (≈ 1 m) in the columnar snapshot. */
function deg5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}

/**
 * The columnar snapshot: parallel arrays (`null` where a vessel lacks the field), positions
 * rounded to 1e-5°. About half the bytes of the object form and parsed several times faster
 * (arrays of numbers instead of 50,000 objects).
 */
export function columnarSnapshot(vessels: Iterable<VesselRecord>, bbox: BBox | undefined, cursor: number, limit = SNAPSHOT_LIMIT): string {
  const mmsi: number[] = [], lat: number[] = [], lon: number[] = [], time: (number | null)[] = [];
  const speed: (number | null)[] = [], course: (number | null)[] = [], heading: (number | null)[] = [], shipType: (number | null)[] = [], status: (number | null)[] = [];
  const name: (string | null)[] = [], flag: (string | null)[] = [], cls: (string | null)[] = [];
  for (const v of vessels) {
    if (v.lat === undefined || v.lon === undefined) continue;
    if (bbox && !inBBox(v.lat, v.lon, bbox)) continue;
    mmsi.push(v.mmsi);
    lat.push(deg5(v.lat));
    lon.push(deg5(v.lon));
    time.push(v.fix_time ?? null);
    speed.push(v.speed ?? null);
    course.push(v.course ?? null);
    heading.push(v.heading ?? null);
    shipType.push(v.ship_type ?? null);
    status.push(v.status ?? null);
    name.push(v.name ?? null);
    flag.push(v.flag ?? null);
    cls.push(v.class ?? null);
    if (mmsi.length >= limit) break;
  }
  const j = JSON.stringify;
  return `{"type":"snapshot","cursor":${cursor},"format":"columns","count":${mmsi.length},"mmsi":${j(mmsi)},"lat":${j(lat)},"lon":${j(lon)},"time":${j(time)},` +
    `"speed":${j(speed)},"course":${j(course)},"heading":${j(heading)},"ship_type":${j(shipType)},"status":${j(status)},"name":${j(name)},"flag":${j(flag)},"class":${j(cls)}}`;
}

/** The compact vessel shape of live messages. */
export function liveVessel(v: VesselRecord): Record<string, unknown> {
  const o: Record<string, unknown> = { mmsi: v.mmsi, lat: v.lat, lon: v.lon, time: v.fix_time };
  if (v.speed !== undefined) o.speed = v.speed;
  if (v.course !== undefined) o.course = v.course;
  if (v.heading !== undefined) o.heading = v.heading;
  if (v.name !== undefined) o.name = v.name;
  if (v.ship_type !== undefined) o.ship_type = v.ship_type;
  if (v.flag !== undefined) o.flag = v.flag;
  if (v.class !== undefined) o.class = v.class;
  if (v.status !== undefined) o.status = v.status;
  return o;
}

/** Cell size of the fan-out's grid, degrees (18 × 36 cells). */
const CELL_DEG = 10;

/**
 * One commit's moved vessels for the fan-out: each one's live JSON written once, grouped in 10°
 * cells with each cell's texts joined once. A viewport takes the joined text of every cell it
 * wholly contains and tests only the vessels of the cells its edges cross, so a hundred clients
 * cost a few hundred cell lookups each instead of a bounding-box test per vessel and client.
 * Within a message, vessels come cell by cell (the protocol promises no order).
 */
export class MovedCells {
  /** Per cell (row × 36 + column), its vessels' positions and texts, and the texts joined. */
  private readonly cells = new Map<number, { lat: number[]; lon: number[]; texts: string[]; joined?: string }>();
  /** Positions outside ±90°/±180° (tested one by one, like the rest would be). */
  private readonly odd: { lat: number; lon: number; text: string }[] = [];
  private all: string | undefined;

  constructor(moved: readonly VesselRecord[]) {
    for (const v of moved) {
      const lat = v.lat;
      const lon = v.lon;
      if (lat === undefined || lon === undefined) continue;
      const text = JSON.stringify(liveVessel(v));
      if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
        this.odd.push({ lat, lon, text });
        continue;
      }
      const key = MovedCells.row(lat) * 36 + MovedCells.col(lon);
      let cell = this.cells.get(key);
      if (!cell) this.cells.set(key, (cell = { lat: [], lon: [], texts: [] }));
      cell.lat.push(lat);
      cell.lon.push(lon);
      cell.texts.push(text);
    }
  }

  private static row(lat: number): number {
    return Math.min(17, Math.floor((lat + 90) / CELL_DEG));
  }

  private static col(lon: number): number {
    return Math.min(35, Math.floor((lon + 180) / CELL_DEG));
  }

  /** The vessels inside a bbox (all without one) as comma-separated JSON texts; '' when none. */
  select(bbox: BBox | undefined): string {
    if (!bbox) {
      if (this.all === undefined) {
        const parts: string[] = [];
        for (const cell of this.cells.values()) parts.push(cell.joined ??= cell.texts.join(','));
        for (const o of this.odd) parts.push(o.text);
        this.all = parts.join(',');
      }
      return this.all;
    }
    const [w, s, e, n] = bbox;
    const parts: string[] = [];
    // The columns the bbox touches, each once (across the antimeridian: from west to 180°, then from -180° to east).
    const c0 = MovedCells.col(w);
    const c1 = MovedCells.col(e);
    const cols: number[] = [];
    if (w <= e) for (let c = c0; c <= c1; c++) cols.push(c);
    else {
      for (let c = c0; c <= 35; c++) cols.push(c);
      for (let c = 0; c <= c1 && c < c0; c++) cols.push(c);
    }
    for (let r = MovedCells.row(s); r <= MovedCells.row(n); r++) {
      const lat0 = r * CELL_DEG - 90;
      const rowInside = lat0 >= s && lat0 + CELL_DEG <= n;
      for (const c of cols) {
        const cell = this.cells.get(r * 36 + c);
        if (!cell) continue;
        const lon0 = c * CELL_DEG - 180;
        const lon1 = lon0 + CELL_DEG;
        if (rowInside && (w <= e ? lon0 >= w && lon1 <= e : lon0 >= w || lon1 <= e)) {
          parts.push(cell.joined ??= cell.texts.join(','));
          continue;
        }
        for (let i = 0; i < cell.texts.length; i++) if (inBBox(cell.lat[i], cell.lon[i], bbox)) parts.push(cell.texts[i]);
      }
    }
    for (const o of this.odd) if (inBBox(o.lat, o.lon, bbox)) parts.push(o.text);
    return parts.join(',');
  }
}

/** Source of stored events for catch-up. */
export interface EventLog {
  eventsAfterSync(afterSeq: number, limit: number): StoredEvent[];
}

export class LiveStream {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly clients = new Set<Client>();
  /** Highest event sequence published so far. */
  private lastSeq = 0;

  constructor(private readonly live: LivePicture, private readonly log: EventLog, private readonly metrics: Metrics | undefined, lastSeq: number) {
    this.lastSeq = lastSeq;
    metrics?.gauge('lookout_live_clients', () => this.clients.size);
  }

  get size(): number {
    return this.clients.size;
  }

  /** Handle an HTTP upgrade for /api/live; answers 400 with a reason on bad parameters. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://x');
    let bbox: BBox | undefined;
    let cursor: number | undefined;
    let types: Set<EventType> | undefined;
    let positions = true;
    let format: SnapshotFormat = 'objects';
    try {
      const f = url.searchParams.get('format');
      if (f !== null) format = parseParam('format', f, { type: 'string', description: '', enum: SNAPSHOT_FORMATS }) as SnapshotFormat;
      const b = url.searchParams.get('bbox');
      if (b !== null) bbox = parseParam('bbox', b, { type: 'bbox', description: '' }) as BBox;
      const c = url.searchParams.get('cursor');
      if (c !== null) cursor = parseParam('cursor', c, { type: 'integer', description: '', minimum: 0 }) as number;
      const t = url.searchParams.get('types');
      if (t !== null) types = new Set(parseParam('types', t, { type: 'csv', description: '', enum: EVENT_TYPES }) as EventType[]);
      const p = url.searchParams.get('positions');
      if (p !== null) positions = parseParam('positions', p, { type: 'boolean', description: '' }) as boolean;
    } catch (err) {
      const msg = err instanceof HttpError ? err.message : 'bad request';
      socket.end(`HTTP/1.1 400 Bad Request\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n${msg}\n`);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws, { ws, bbox, positions, types, skipped: 0, format }, cursor));
  }

  private attach(ws: WebSocket, client: Client, cursor: number | undefined): void {
    this.clients.add(client);
    this.metrics?.inc('lookout_live_connections_total');
    ws.on('close', () => this.clients.delete(client));
    ws.on('error', () => this.clients.delete(client));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return this.sendError(client, 'binary messages are not supported');
      let msg: unknown;
      try {
        msg = JSON.parse((data as Buffer).toString('utf8'));
      } catch {
        return this.sendError(client, 'messages must be JSON');
      }
      this.onMessage(client, msg);
    });
    // Catch-up and snapshot run in this same tick: no commit can slip between them.
    this.send(client, { type: 'hello', cursor: this.lastSeq, vessels: this.live.size });
    if (cursor !== undefined) {
      let after = cursor;
      for (;;) {
        const batch = this.log.eventsAfterSync(after, 1000);
        for (const e of batch) if (!client.types || client.types.has(e.event.type)) this.send(client, { type: 'event', seq: e.seq, event: e.event });
        if (batch.length < 1000) break;
        after = batch[batch.length - 1].seq;
      }
    }
    if (client.positions) this.snapshot(client);
  }

  private onMessage(client: Client, msg: unknown): void {
    if (!msg || typeof msg !== 'object') return this.sendError(client, 'messages must be JSON objects');
    const m = msg as { type?: unknown; bbox?: unknown; positions?: unknown; format?: unknown };
    if (m.type === 'ping') return this.send(client, { type: 'pong', cursor: this.lastSeq });
    if (m.type === 'subscribe') {
      if (m.bbox !== undefined && m.bbox !== null) {
        const b = m.bbox;
        if (!Array.isArray(b) || b.length !== 4 || b.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
          return this.sendError(client, 'bbox must be [west, south, east, north] in degrees');
        }
        const [w, s, e, n] = b as number[];
        if (Math.abs(w) > 180 || Math.abs(e) > 180 || Math.abs(s) > 90 || Math.abs(n) > 90 || s > n) return this.sendError(client, 'bbox is out of range');
        client.bbox = b as BBox;
      } else if (m.bbox === null) {
        client.bbox = undefined;
      }
      if (m.format !== undefined) {
        if (!SNAPSHOT_FORMATS.includes(m.format as SnapshotFormat)) return this.sendError(client, "format must be 'objects' or 'columns'");
        client.format = m.format as SnapshotFormat;
      }
      if (typeof m.positions === 'boolean') client.positions = m.positions;
      if (client.positions) this.snapshot(client);
      return;
    }
    this.sendError(client, "unknown message type (use 'subscribe' or 'ping')");
  }

  private snapshot(client: Client): void {
    if (client.format === 'columns') return this.sendRaw(client, columnarSnapshot(this.live.all(), client.bbox, this.lastSeq));
    const parts: string[] = [];
    for (const v of this.live.all()) {
      if (v.lat === undefined || v.lon === undefined) continue;
      if (client.bbox && !inBBox(v.lat, v.lon, client.bbox)) continue;
      parts.push(JSON.stringify(liveVessel(v)));
      if (parts.length >= SNAPSHOT_LIMIT) break;
    }
    this.sendRaw(client, `{"type":"snapshot","cursor":${this.lastSeq},"vessels":[${parts.join(',')}]}`);
  }

  private send(client: Client, msg: unknown): void {
    this.sendRaw(client, JSON.stringify(msg));
  }

  private sendRaw(client: Client, text: string): void {
    if (client.ws.readyState !== client.ws.OPEN) return;
    if (client.ws.bufferedAmount > CLOSE_BYTES) {
      client.ws.close(1013, 'too slow: reconnect with your cursor');
      this.clients.delete(client);
      this.metrics?.inc('lookout_live_slow_closed_total');
      return;
    }
    client.ws.send(text);
  }

  private sendError(client: Client, message: string): void {
    this.send(client, { type: 'error', message });
  }

  /** Fan out one commit: events to everyone (filtered by type), positions by viewport. */
  publish(c: Commit): void {
    for (const e of c.events) if (e.seq > this.lastSeq) this.lastSeq = e.seq;
    if (this.clients.size === 0) return;
    const eventTexts = c.events.map((e) => ({ type: e.event.type, text: JSON.stringify({ type: 'event', seq: e.seq, event: e.event }) }));
    let moved: MovedCells | undefined;
    for (const client of this.clients) {
      for (const e of eventTexts) if (!client.types || client.types.has(e.type)) this.sendRaw(client, e.text);
      if (!client.positions || c.moved.length === 0) continue;
      if (client.ws.bufferedAmount > SKIP_POSITIONS_BYTES) {
        client.skipped++;
        this.metrics?.inc('lookout_live_position_updates_skipped_total');
        continue;
      }
      if (!moved) {
        // The moved records are the live picture's: bring them up to date first (LivePicture.sync).
        this.live.sync();
        moved = new MovedCells(c.moved);
      }
      const text = moved.select(client.bbox);
      if (text !== '') this.sendRaw(client, `{"type":"positions","cursor":${this.lastSeq},"vessels":[${text}]}`);
    }
  }

  /** Close every client (server shutdown). */
  close(): Promise<void> {
    for (const c of this.clients) c.ws.close(1001, 'server shutting down');
    this.clients.clear();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }
}
