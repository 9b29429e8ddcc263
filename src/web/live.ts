/** The /api/live WebSocket client: keeps the picture of every vessel, resumes with its event cursor after a drop. */
import { isEvent, isLiveVessel } from './api.js';
import type { LiveVessel, LookoutEvent } from './api.js';

export interface LiveHandlers {
  /** The vessel set changed (snapshot or positions). */
  onVessels(changed: number): void;
  /** A committed event arrived. */
  onEvent(e: LookoutEvent, seq: number): void;
  /** Connection state for the status line. */
  onState(state: 'connecting' | 'open' | 'closed'): void;
}

/** Live picture state fed by the stream. */
export class LiveClient {
  readonly vessels = new Map<number, LiveVessel>();
  cursor: number | undefined;
  /** Messages that failed validation, by reason (shown in the status line). */
  readonly rejected = new Map<string, number>();
  /** The first snapshot: its size in characters, when it arrived and how long parsing and checking it took (ms). */
  snapshotStats: { chars: number; receivedMs: number; parseMs: number } | undefined;
  private ws: WebSocket | undefined;
  private retry = 500;
  private stopped = false;

  constructor(private readonly h: LiveHandlers) {}

  /** Connect (or reconnect with the cursor). */
  connect(): void {
    if (this.stopped) return;
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    // The columnar snapshot: parallel arrays, half the bytes of the object form and far faster to parse.
    // `?live=objects` in the page's URL asks for the object form instead (bench:ui measures both).
    const objects = new URLSearchParams(location.search).get('live') === 'objects';
    const q = `?${objects ? '' : 'format=columns&'}${this.cursor !== undefined ? `cursor=${this.cursor}` : ''}`.replace(/[?&]$/, '');
    const ws = new WebSocket(`${proto}//${location.host}/api/live${q}`);
    this.ws = ws;
    this.h.onState('connecting');
    ws.onopen = (): void => {
      this.retry = 500;
      this.h.onState('open');
    };
    ws.onmessage = (m): void => this.message(m.data);
    ws.onclose = (): void => {
      this.h.onState('closed');
      if (this.stopped) return;
      setTimeout(() => this.connect(), this.retry);
      this.retry = Math.min(this.retry * 2, 15_000);
    };
  }

  /** Close for good. */
  stop(): void {
    this.stopped = true;
    this.ws?.close();
  }

  private reject(reason: string): void {
    this.rejected.set(reason, (this.rejected.get(reason) ?? 0) + 1);
  }

  /** Fill the picture from a columnar snapshot (docs/api.md); the number of vessels taken, -1 when malformed. */
  private columns(m: Record<string, unknown>): number {
    const count = m.count;
    const col = (f: string): unknown[] | undefined => {
      const a = m[f];
      return Array.isArray(a) && a.length === count ? a : undefined;
    };
    const mmsi = col('mmsi'), lat = col('lat'), lon = col('lon');
    if (typeof count !== 'number' || !mmsi || !lat || !lon) return -1;
    const opt = ['time', 'speed', 'course', 'heading', 'ship_type', 'status', 'name', 'flag', 'class'] as const;
    const cols = opt.map((f) => col(f));
    this.vessels.clear();
    let n = 0;
    for (let i = 0; i < count; i++) {
      const v: Record<string, unknown> = { mmsi: mmsi[i], lat: lat[i], lon: lon[i] };
      for (let k = 0; k < opt.length; k++) {
        const x = cols[k]?.[i];
        if (x !== null && x !== undefined) v[opt[k]] = x;
      }
      if (!isLiveVessel(v)) {
        this.reject('bad_vessel');
        continue;
      }
      this.vessels.set(v.mmsi, v);
      n++;
    }
    return n;
  }

  private message(data: unknown): void {
    if (typeof data !== 'string') return this.reject('not_text');
    const t0 = performance.now();
    let m: { type?: unknown; cursor?: unknown; vessels?: unknown; seq?: unknown; event?: unknown };
    try {
      m = JSON.parse(data);
    } catch {
      return this.reject('bad_json');
    }
    if (typeof m.cursor === 'number' && m.type !== 'hello') this.cursor = Math.max(this.cursor ?? 0, m.cursor);
    switch (m.type) {
      case 'hello':
        if (this.cursor === undefined && typeof m.cursor === 'number') this.cursor = m.cursor;
        return;
      case 'snapshot':
      case 'positions': {
        if (m.type === 'snapshot' && (m as { format?: unknown }).format === 'columns') {
          const n = this.columns(m);
          if (n < 0) return this.reject('bad_columns');
          this.snapshotStats ??= { chars: data.length, receivedMs: t0, parseMs: performance.now() - t0 };
          this.h.onVessels(n);
          return;
        }
        if (!Array.isArray(m.vessels)) return this.reject('bad_vessels');
        if (m.type === 'snapshot') this.vessels.clear();
        let n = 0;
        for (const v of m.vessels) {
          if (!isLiveVessel(v)) {
            this.reject('bad_vessel');
            continue;
          }
          this.vessels.set(v.mmsi, v);
          n++;
        }
        if (m.type === 'snapshot') this.snapshotStats ??= { chars: data.length, receivedMs: t0, parseMs: performance.now() - t0 };
        this.h.onVessels(n);
        return;
      }
      case 'event':
        if (!isEvent(m.event) || typeof m.seq !== 'number') return this.reject('bad_event');
        this.cursor = Math.max(this.cursor ?? 0, m.seq);
        this.h.onEvent(m.event, m.seq);
        return;
      case 'pong':
      case 'error':
        return;
      default:
        return this.reject('unknown_type');
    }
  }
}
