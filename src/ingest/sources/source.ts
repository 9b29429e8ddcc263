/**
 * Ingest sources: where NMEA lines come from (TCP client, TCP listener, UDP, files and folders,
 * stdin). Every source pushes lines into a {@link LineSink}; when the sink is full a source
 * that can pause (sockets, files) pauses until there is room, one that cannot (UDP) has its
 * lines refused by the sink, which counts them as dropped.
 */

/** Counters and state of one source, reported by /api/sources and /metrics. */
export interface SourceStatus {
  name: string;
  url: string;
  kind: 'tcp' | 'tcp-listen' | 'udp' | 'file' | 'stdin' | 'sim';
  state: 'idle' | 'connecting' | 'connected' | 'listening' | 'reading' | 'backoff' | 'done' | 'stopped';
  lines: number;
  /** Decoded messages (maintained by the ingest, not the source). */
  messages: number;
  /** Malformed or undecodable lines by reason (maintained by the ingest). */
  errors: Record<string, number>;
  /** Lines refused because the queue was full (sources that cannot pause). */
  dropped: number;
  /** Lines longer than the limit, discarded. */
  overlong: number;
  connections: number;
  reconnects: number;
  /** Wall-clock ms of the last line received. */
  last_seen?: number;
  last_error?: string;
  /** Listening sources: the bound address, `host:port` (useful with port 0). */
  address?: string;
  /** Files: lines consumed from the start of the current pass, and completed passes (loop). */
  position?: number;
  loops?: number;
}

/** Where a source delivers its lines. */
export interface LineSink {
  /**
   * Offer one line. `shiftMs` is added to the message's reception time (used by looped replays
   * that re-time recorded data to the present). Returns false when the line was refused because
   * the queue is at its hard limit (the sink counts it in the source's `dropped`).
   */
  line(source: Source, line: string, shiftMs: number): boolean;
  /** True while the queue is above its high-water mark: a pausable source pauses and awaits {@link room}. */
  readonly full: boolean;
  /** Resolves once the queue has drained below its low-water mark. */
  room(): Promise<void>;
}

/** One running source. */
export interface Source {
  readonly name: string;
  readonly url: string;
  readonly status: SourceStatus;
  /** Whether lines without a timestamp should be stamped with the arrival time (live feeds). */
  readonly stampArrival: boolean;
  start(sink: LineSink): void;
  stop(): Promise<void>;
}

/** Longest accepted line: NMEA sentences are ≤ 82 characters; tag blocks and log columns add some. */
export const MAX_LINE = 1024;

/** A fresh status record. */
export function newStatus(name: string, url: string, kind: SourceStatus['kind']): SourceStatus {
  return { name, url, kind, state: 'idle', lines: 0, messages: 0, errors: {}, dropped: 0, overlong: 0, connections: 0, reconnects: 0 };
}

/**
 * Splits a byte stream into lines (LF or CRLF), carrying partial lines across chunks and
 * discarding (and counting) overlong ones.
 */
export class LineSplitter {
  private rest = '';
  private skipping = false;
  constructor(private readonly status: SourceStatus) {}

  /** Split a chunk; calls `each` per complete non-empty line. */
  push(chunk: Buffer | string, each: (line: string) => void): void {
    const text = this.rest + (typeof chunk === 'string' ? chunk : chunk.toString('latin1'));
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      let end = nl;
      if (end > start && text.charCodeAt(end - 1) === 13) end--;
      if (this.skipping) {
        this.skipping = false;
      } else if (end - start > MAX_LINE) {
        this.status.overlong++;
      } else if (end > start) {
        each(text.slice(start, end));
      }
      start = nl + 1;
    }
    this.rest = text.slice(start);
    if (this.rest.length > MAX_LINE) {
      this.status.overlong++;
      this.rest = '';
      this.skipping = true;
    }
  }

  /** Emit a last unterminated line at end of input. */
  end(each: (line: string) => void): void {
    const r = this.rest.replace(/\r$/, '');
    this.rest = '';
    if (!this.skipping && r !== '') each(r);
    this.skipping = false;
  }
}

/** Wait `ms` milliseconds unless `signal` aborts first. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
