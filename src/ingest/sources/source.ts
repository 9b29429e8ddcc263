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
  /**
   * Offer one line as bytes, `buf[start, end)` (no terminator), copied before the call returns:
   * like {@link line} without making a string per line. Optional: {@link offerLine} falls back
   * to {@link line} with the bytes read as latin1.
   */
  lineBytes?(source: Source, buf: Uint8Array, start: number, end: number, shiftMs: number): boolean;
}

/** Hand `buf[start, end)` to the sink: as bytes when it takes them, else as a latin1 string. */
export function offerLine(sink: LineSink, source: Source, buf: Uint8Array, start: number, end: number, shiftMs: number): boolean {
  if (sink.lineBytes) return sink.lineBytes(source, buf, start, end, shiftMs);
  return sink.line(source, latin1Of(buf, start, end), shiftMs);
}

/** `buf[start, end)` as a string, one character per byte. */
export function latin1Of(buf: Uint8Array, start: number, end: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('latin1');
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

const EMPTY = new Uint8Array(0);

/**
 * The same splitting as {@link LineSplitter} on bytes, pulled one line at a time and without a
 * string or an allocation per line: {@link feed} a chunk, then call {@link next} until it returns
 * false; each line is `buf[start, end)`, valid until the next call (a line split across chunks
 * is assembled in a small buffer of the splitter's own). The chunk must stay unchanged until
 * next() returns false.
 */
export class ByteLineSplitter {
  /** The current line: buf[start, end) (terminator and a trailing CR removed). */
  buf: Uint8Array = EMPTY;
  start = 0;
  end = 0;
  private chunk: Uint8Array = EMPTY;
  private pos = 0;
  /** The unfinished last line of the previous chunks. */
  private carry = new Uint8Array(256);
  private carried = 0;
  /** True while discarding the rest of an overlong line. */
  private skipping = false;
  constructor(private readonly status: SourceStatus) {}

  /** Start splitting a new chunk (the previous one must have been read to its end). */
  feed(chunk: Uint8Array): void {
    this.chunk = chunk;
    this.pos = 0;
  }

  /** Move to the next complete non-empty line of the chunk; false when the chunk is used up. */
  next(): boolean {
    const c = this.chunk;
    const n = c.length;
    while (this.pos < n) {
      const from = this.pos;
      const nl = c.indexOf(10, from);
      if (nl < 0) {
        this.hold(c, from, n);
        this.pos = n;
        return false;
      }
      this.pos = nl + 1;
      if (this.skipping) {
        this.skipping = false;
        continue;
      }
      if (this.carried > 0) {
        if (this.carried + nl - from > MAX_LINE + 1) {
          this.carried = 0;
          this.status.overlong++;
          continue;
        }
        this.append(c, from, nl);
        const b = this.carry;
        let e = this.carried;
        this.carried = 0;
        if (b[e - 1] === 13) e--;
        if (e > MAX_LINE) {
          this.status.overlong++;
          continue;
        }
        if (e === 0) continue;
        this.buf = b;
        this.start = 0;
        this.end = e;
        return true;
      }
      let e = nl;
      if (e > from && c[e - 1] === 13) e--;
      if (e - from > MAX_LINE) {
        this.status.overlong++;
        continue;
      }
      if (e === from) continue;
      this.buf = c;
      this.start = from;
      this.end = e;
      return true;
    }
    return false;
  }

  /** At the end of the input: the last unterminated line, if any (then buf[start, end)). */
  finish(): boolean {
    let e = this.carried;
    const skipping = this.skipping;
    this.carried = 0;
    this.skipping = false;
    this.chunk = EMPTY;
    this.pos = 0;
    if (skipping || e === 0) return false;
    if (this.carry[e - 1] === 13) e--;
    if (e === 0) return false;
    this.buf = this.carry;
    this.start = 0;
    this.end = e;
    return true;
  }

  /** Keep the unfinished line c[a, b) after what is carried; one past the limit is counted once and skipped to its newline. */
  private hold(c: Uint8Array, a: number, b: number): void {
    if (this.skipping) return;
    if (this.carried + b - a > MAX_LINE) {
      this.status.overlong++;
      this.carried = 0;
      this.skipping = true;
      return;
    }
    this.append(c, a, b);
  }

  private append(c: Uint8Array, a: number, b: number): void {
    const len = this.carried + b - a;
    if (len > this.carry.length) {
      const bigger = new Uint8Array(Math.max(len, this.carry.length * 2));
      bigger.set(this.carry.subarray(0, this.carried));
      this.carry = bigger;
    }
    this.carry.set(c.subarray(a, b), this.carried);
    this.carried = len;
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
