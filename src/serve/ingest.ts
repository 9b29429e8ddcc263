/**
 * The live ingest: sources → bounded line queue → per-source decoder → pipeline (tracker and
 * every detector) → batched, transactional writes to the store → live stream. docs/storage.md
 * describes the batching, thinning, backpressure and crash-recovery rules implemented here.
 */
import { AisDecoder } from '../ais/index.js';
import type { AisMessage, ReceivedMessage } from '../ais/types.js';
import type { DetectorConfig } from '../detect/config.js';
import type { Detector, DetectorContext } from '../detect/detector.js';
import type { LookoutEvent } from '../detect/event.js';
import type { RefData } from '../geo/types.js';
import type { FileSource } from '../ingest/sources/file.js';
import type { LineSink, Source, SourceStatus } from '../ingest/sources/source.js';
import { Pipeline } from '../pipeline/pipeline.js';
import type { SqliteStore } from '../store/sqlite.js';
import { PositionBuffer } from '../store/position-columns.js';
import type { IdentityRecord, StoredEvent, VesselRecord, WriteBatch, WriteResult } from '../store/store.js';
import { cleanPositionReport } from '../track/tracker.js';
import type { Fix, IdentityChange, Track } from '../track/types.js';
import type { LivePicture } from './live-picture.js';
import { inlineWriter } from './writer.js';
import type { BatchWriter, WriterUsage } from './writer.js';
import type { Metrics } from './metrics.js';

/** Which positions are stored (every fix still updates the live picture and the detectors). */
export interface ThinningPolicy {
  /** Keep a fix when at least this long after the vessel's last stored one, ms. */
  minIntervalMs: number;
  /** …or when the course changed by more than this, degrees. */
  courseChangeDeg: number;
  /** …or when the speed changed by more than this, knots. */
  speedChangeKn: number;
}

export const THINNING_DEFAULTS: ThinningPolicy = { minIntervalMs: 30_000, courseChangeDeg: 15, speedChangeKn: 3 };

export interface IngestOptions {
  store: SqliteStore;
  live: LivePicture;
  refdata: RefData;
  sources: Source[];
  metrics?: Metrics;
  config?: DetectorConfig;
  extraDetectors?: ((ctx: DetectorContext) => Detector)[];
  thinning?: Partial<ThinningPolicy>;
  /** Stream time a message may wait for earlier ones (default 3 s: live feeds are nearly ordered). */
  reorderWindowMs?: number;
  /** Commit a batch after this many rows… */
  batchRows?: number;
  /** …or this long after the first uncommitted row, ms. */
  batchDelayMs?: number;
  /** Write changed vessels' latest state at most this often, ms. */
  vesselFlushMs?: number;
  /** Queue of raw lines: pause pausable sources above `high`, resume below `low`, refuse at `hard`. */
  queue?: { high: number; low: number; hard: number };
  /** Re-prime detection from stored positions this far back when no file source replays (ms). */
  primeWindowMs?: number;
  /**
   * How far after the wall clock a reception time may be (ms, default 10 s): a later one is a
   * source's clock error, rejected as `future` instead of carrying stream time ahead of the others.
   */
  futureToleranceMs?: number;
  /** Where batches are written (default: inline on the store); see src/serve/writer.ts. */
  writer?: BatchWriter;
  /** Prefix of this ingest's checkpoint keys (a second ingest with its own clock, e.g. the simulator, uses `sim:`). */
  checkpointPrefix?: string;
  /** Called after every commit with what it stored (the live stream fans this out). */
  onCommit?: (c: Commit) => void;
}

/** What one commit made durable. */
export interface Commit {
  events: StoredEvent[];
  /** Vessels whose position or identity changed since the previous commit (latest state). */
  moved: VesselRecord[];
}

function angleDiff(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
}

/** Batches being written at once: one committing, one ready behind it. */
const MAX_INFLIGHT = 2;

/** Numbers per live-picture slot in Ingest.slotState. */
const SLOT_STRIDE = 4;

/** Initial room of the line queue, in bytes and lines (it grows up to the hard limit's needs). */
const QUEUE_BYTES = 1 << 20;
const QUEUE_LINES = 16_384;
/** Most consecutive lines of one source decoded by one call (one chunk for the decoder). */
const RUN_LINES = 64;
const NEWLINE = 10;
const UTF8 = new TextEncoder();

/** The key under which a file source's progress is checkpointed. */
export const sourceCheckpointKey = (name: string): string => `source:${name}`;

/** Copy from[h, t) to the start of `to` (the same array or a bigger one). */
function moveDown(from: Int32Array | Float64Array, to: Int32Array | Float64Array, h: number, t: number): void {
  if (from === to) to.copyWithin(0, h, t);
  else to.set(from.subarray(h, t));
}

/** Runs the ingest; see the module comment. */
export class Ingest implements LineSink {
  readonly pipeline: Pipeline;
  private readonly o: Required<Omit<IngestOptions, 'config' | 'extraDetectors' | 'metrics' | 'onCommit' | 'thinning' | 'writer'>> & IngestOptions;
  private readonly thin: ThinningPolicy;
  private readonly decoders: AisDecoder[];
  private readonly index = new Map<Source, number>();
  /**
   * The queue of raw lines, with no object or string per line: their bytes, each followed by a
   * newline, one after another in `qBytes` (the head line starts at `headByte`); per line, in
   * typed arrays, where its bytes end (after the newline), its source's index, time shift and
   * arrival. Lines [head, tail) are queued.
   */
  private qBytes = new Uint8Array(QUEUE_BYTES);
  private qEnd = new Int32Array(QUEUE_LINES);
  private qSource = new Int32Array(QUEUE_LINES);
  private qShift = new Float64Array(QUEUE_LINES);
  private qArrival = new Float64Array(QUEUE_LINES);
  private head = 0;
  private tail = 0;
  private headByte = 0;
  /** Lines queued per source. */
  private qCount: number[] = [];
  private roomWaiters: (() => void)[] = [];
  private scheduled = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly out: ReceivedMessage[] = [];
  private priming = false;
  private ready = false;
  private stopped = false;
  private finished = false;
  private readonly writer: BatchWriter;
  /** Batches handed to the writer and not yet committed; at MAX_INFLIGHT the next batch fills, and the drain pauses once it is full. */
  private inflight = 0;
  private flushed: (() => void)[] = [];

  // The uncommitted batch.
  /** Kept fixes waiting for the next commit, columnar (no object per fix). */
  private positions = new PositionBuffer(4096);
  private identities: IdentityRecord[] = [];
  private events: LookoutEvent[] = [];
  /** Vessels whose position or identity changed since the last commit (their slots: MOVED set). */
  private moved: VesselRecord[] = [];
  private movedSlots: number[] = [];
  private firstPending = 0;
  private lastVesselFlush = 0;
  /**
   * Per live-picture slot (LivePicture.lastSlot), SLOT_STRIDE numbers side by side (one cache
   * line for a fix): the last stored fix's time (NaN: none yet), course and speed (NaN: absent),
   * and the MOVED flag.
   */
  private slotState: Float64Array = Ingest.slotArray(1024);
  /** Per track (Track.index, never reused), its vessel's live-picture slot + 1 (0: not known yet): no MMSI lookup per fix. */
  private trackSlot = new Int32Array(1024);

  /** Wall time of the last drain that fed the pipeline, and the stream time it had reached then. */
  private lastFeedWall = 0;
  private lastFeedStream = -Infinity;

  readonly totals = { messages: 0, decode_errors: 0, dropped: 0, positions_stored: 0, late_positions: 0, batches: 0, events_stored: 0, write_errors: 0 };

  constructor(options: IngestOptions) {
    this.o = {
      thinning: {},
      reorderWindowMs: 3_000,
      batchRows: 20_000,
      batchDelayMs: 200,
      vesselFlushMs: 10_000,
      queue: { high: 20_000, low: 5_000, hard: 100_000 },
      primeWindowMs: 3 * 3600_000,
      futureToleranceMs: 10_000,
      checkpointPrefix: '',
      ...options,
    };
    this.thin = { ...THINNING_DEFAULTS, ...options.thinning };
    this.writer = options.writer ?? inlineWriter(options.store);
    this.decoders = options.sources.map(() => new AisDecoder());
    this.qCount = options.sources.map(() => 0);
    options.sources.forEach((s, i) => this.index.set(s, i));
    this.pipeline = new Pipeline({
      refdata: options.refdata,
      ...(options.config ? { config: options.config } : {}),
      ...(options.extraDetectors ? { extraDetectors: options.extraDetectors } : {}),
      reorderWindowMs: this.o.reorderWindowMs,
      onFix: (t, f) => this.onFix(t, f),
      onLate: (m, time) => this.onLate(m, time),
      onIdentity: (t, c) => this.onIdentity(t, c),
      onEvent: (e) => {
        if (!this.priming) this.events.push(e);
      },
    });
  }

  get sources(): readonly Source[] {
    return this.o.sources;
  }

  /** True when every source has ended and the pipeline has closed its episodes. */
  isFinished(): boolean {
    return this.finished && this.inflight === 0;
  }

  /** True once started (store open, detection primed). */
  isReady(): boolean {
    return this.ready;
  }

  /** Lines waiting in the queue. */
  get queued(): number {
    return this.tail - this.head;
  }

  get full(): boolean {
    return this.queued >= this.o.queue.high;
  }

  room(): Promise<void> {
    if (this.queued <= this.o.queue.low) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  line(source: Source, line: string, shiftMs: number): boolean {
    if (!this.admit(source)) return false;
    const n = line.length;
    // Room for the worst case (three UTF-8 bytes per UTF-16 unit) and the newline.
    this.reserve(n * 3 + 1);
    const b = this.qBytes;
    let p = this.tailByte();
    let ascii = true;
    for (let i = 0; i < n; i++) {
      const c = line.charCodeAt(i);
      if (c >= 0x80) {
        ascii = false;
        break;
      }
      b[p + i] = c;
    }
    // The decoder reads UTF-8, as it read a line string before (decodeLine encoded it).
    p = ascii ? p + n : p + UTF8.encodeInto(line, b.subarray(p)).written;
    b[p] = NEWLINE;
    this.enqueue(source, p + 1, shiftMs);
    return true;
  }

  /** {@link line} for bytes (the file source's path): no string per line. */
  lineBytes(source: Source, buf: Uint8Array, start: number, end: number, shiftMs: number): boolean {
    if (!this.admit(source)) return false;
    const n = end - start;
    this.reserve(n + 1);
    const b = this.qBytes;
    const p = this.tailByte();
    if (n <= 128) for (let i = 0; i < n; i++) b[p + i] = buf[start + i];
    else b.set(buf.subarray(start, end), p);
    b[p + n] = NEWLINE;
    this.enqueue(source, p + n + 1, shiftMs);
    return true;
  }

  /** Whether a line may be queued now (refused ones are counted as dropped). */
  private admit(source: Source): boolean {
    if (this.stopped || this.finished) return false;
    if (this.queued >= this.o.queue.hard) {
      source.status.dropped++;
      this.totals.dropped++;
      return false;
    }
    return true;
  }

  /** Where the next line's bytes go. */
  private tailByte(): number {
    return this.tail > this.head ? this.qEnd[this.tail - 1] : this.headByte;
  }

  /** Make room for `bytes` more bytes and one more line (small: inlined in the per-line path). */
  private reserve(bytes: number): void {
    if (this.tailByte() + bytes <= this.qBytes.length && this.tail < this.qEnd.length) return;
    this.makeRoom(bytes);
  }

  /**
   * Drop the consumed front of the queue, else grow it. Kept apart from {@link reserve}, and
   * without closures: a closure here made every reserve() call allocate its context, i.e. one
   * heap object per queued line.
   */
  private makeRoom(bytes: number): void {
    const used = this.tailByte();
    const h = this.head;
    const t = this.tail;
    const lines = t - h;
    const from = this.headByte;
    const live = used - from;
    // Grow when the live part fills more than half: compacting alone would soon be needed again.
    const bytesNeeded = live + bytes;
    if (bytesNeeded * 2 > this.qBytes.length) {
      const bigger = new Uint8Array(Math.max(bytesNeeded * 2, this.qBytes.length * 2));
      bigger.set(this.qBytes.subarray(from, used));
      this.qBytes = bigger;
    } else if (from > 0) {
      this.qBytes.copyWithin(0, from, used);
    }
    const cap = (lines + 1) * 2 > this.qEnd.length ? this.qEnd.length * 2 : this.qEnd.length;
    const qEnd = cap === this.qEnd.length ? this.qEnd : new Int32Array(cap);
    const qSource = cap === this.qSource.length ? this.qSource : new Int32Array(cap);
    const qShift = cap === this.qShift.length ? this.qShift : new Float64Array(cap);
    const qArrival = cap === this.qArrival.length ? this.qArrival : new Float64Array(cap);
    // (copyWithin when the array is kept, set when it is new.)
    moveDown(this.qEnd, qEnd, h, t);
    for (let i = 0; i < lines; i++) qEnd[i] -= from;
    moveDown(this.qSource, qSource, h, t);
    moveDown(this.qShift, qShift, h, t);
    moveDown(this.qArrival, qArrival, h, t);
    this.qEnd = qEnd;
    this.qSource = qSource;
    this.qShift = qShift;
    this.qArrival = qArrival;
    this.head = 0;
    this.tail = lines;
    this.headByte = 0;
  }

  /** Record a line whose bytes (newline included) end at `end`. */
  private enqueue(source: Source, end: number, shiftMs: number): void {
    const i = this.index.get(source) ?? 0;
    const t = this.tail++;
    this.qEnd[t] = end;
    this.qSource[t] = i;
    this.qShift[t] = shiftMs;
    // Arrival only stamps messages without a time, from sources that ask for it (stdin).
    this.qArrival[t] = source.stampArrival ? Date.now() : 0;
    this.qCount[i]++;
    this.schedule();
  }

  /**
   * Resume from the store's checkpoints, then start every source. File sources (not looped)
   * replay from their start: writes are idempotent and the pipeline deterministic, so the replay
   * rebuilds detection state exactly; lines already committed are read without pacing. Without
   * such a source, detection is re-primed from the stored positions of the last hours.
   */
  async start(): Promise<void> {
    let replaying = false;
    for (const s of this.o.sources) {
      if (s.status.kind !== 'file') continue;
      const fs = s as FileSource;
      if (fs.options.loop) continue;
      const cp = await this.o.store.checkpoint(sourceCheckpointKey(s.name));
      if (!cp) continue;
      const saved = JSON.parse(cp) as { url?: string; lines?: number };
      if (saved.url === s.url && typeof saved.lines === 'number') {
        fs.options.skip = saved.lines;
        replaying = true;
      }
    }
    if (!replaying) await this.prime();
    this.ready = true;
    for (const s of this.o.sources) s.start(this);
    this.timer = setInterval(() => this.tick(), Math.max(50, this.o.batchDelayMs));
    this.timer.unref();
  }

  /** Re-prime the tracker and detectors from stored positions (events raised meanwhile are not stored). */
  private async prime(): Promise<void> {
    if (this.o.primeWindowMs <= 0) return;
    const cp = await this.o.store.checkpoint(`${this.o.checkpointPrefix}stream_time`);
    if (!cp) return;
    const streamTime = Number(cp);
    const positions = await this.o.store.recentPositions(streamTime - this.o.primeWindowMs, 10_000);
    if (positions.length === 0) return;
    this.priming = true;
    try {
      const staticSent = new Set<number>();
      for (const p of positions) {
        if (!staticSent.has(p.mmsi)) {
          staticSent.add(p.mmsi);
          const v = this.o.live.get(p.mmsi);
          if (v) for (const m of staticMessages(v)) this.pipeline.push({ message: m, meta: { time: p.time } });
        }
        const pos: AisMessage = { type: this.o.live.get(p.mmsi)?.class === 'B' ? 18 : 1, repeat: 0, mmsi: p.mmsi, lat: p.lat, lon: p.lon };
        if (p.speed !== undefined) pos.speed = p.speed;
        if (p.course !== undefined) pos.course = p.course;
        if (p.heading !== undefined) pos.heading = p.heading;
        if (p.status !== undefined) pos.status = p.status;
        this.pipeline.push({ message: pos, meta: { time: p.time } });
      }
    } finally {
      this.priming = false;
      // Primed fixes are already stored; forget what priming queued.
      this.positions.length = 0;
      this.identities = [];
      this.events = [];
      this.clearMoved();
    }
  }

  private onFix(t: Track, f: Fix): void {
    const live = this.o.live;
    const ti = t.index;
    const known = ti !== undefined && ti < this.trackSlot.length ? this.trackSlot[ti] : 0;
    let k: number;
    let v: VesselRecord;
    if (known > 0) {
      k = known - 1;
      v = live.fixAt(k, t, f);
    } else {
      v = live.fix(t, f);
      k = live.lastSlot;
      if (ti !== undefined) this.rememberTrack(ti, k);
    }
    const o = k * SLOT_STRIDE;
    if (o >= this.slotState.length) this.grow(k);
    const st = this.slotState;
    if (this.priming) {
      this.remember(o, f);
      return;
    }
    if (st[o + 3] === 0) this.markMoved(k, o, v);
    const lastTime = st[o];
    const seen = !Number.isNaN(lastTime);
    const keep = !seen
      || f.time - lastTime >= this.thin.minIntervalMs
      || (f.course !== undefined && !Number.isNaN(st[o + 1]) && angleDiff(f.course, st[o + 1]) > this.thin.courseChangeDeg)
      || (f.speed !== undefined && !Number.isNaN(st[o + 2]) && Math.abs(f.speed - st[o + 2]) > this.thin.speedChangeKn);
    if (!keep || (seen && f.time <= lastTime)) return;
    this.remember(o, f);
    this.storePosition(t.mmsi, f);
  }

  /** Queue a position for the next commit (the batch's clock starts with its first row). */
  private storePosition(mmsi: number, f: Fix): void {
    if (this.positions.length === 0 && this.events.length === 0) this.firstPending = Date.now();
    this.positions.push(mmsi, f.time, f.lat, f.lon, f.speed, f.course, f.heading, f.status);
  }

  /**
   * A message older than the reorder window allows (satellite AIS arrives in passes, minutes to
   * hours late): the analysis cannot use it, but its position is history, stored as received (not
   * thinned, not analysed; the live picture keeps the vessel's newer position, and lists a vessel
   * heard only late). Its identity, if a static message, the pipeline applies (Tracker.lateStatic). Type 27
   * (long-range, 1/10-minute precision) is left out, as the tracker drops it beside normal reports.
   */
  private onLate(m: ReceivedMessage, time: number): void {
    if (this.priming) return;
    const msg = m.message;
    const type = msg.type;
    if (!((type >= 1 && type <= 3) || type === 18 || type === 19)) return;
    const f = cleanPositionReport(msg, time);
    if (f === undefined) return;
    this.storePosition(msg.mmsi, f);
    this.totals.late_positions++;
    // The live picture lists the vessel (one heard only by satellite has no other way in) and
    // moves it only when this position is newer than the one it has.
    const live = this.o.live;
    const v = live.lateFix(msg.mmsi, f);
    this.touch(live.lastSlot, v);
  }

  /** Slot k's vessel changed without a stored fix (late position, identity): listed for the next commit. */
  private touch(k: number, v: VesselRecord): void {
    const o = k * SLOT_STRIDE;
    if (o >= this.slotState.length) this.grow(k);
    if (this.slotState[o + 3] === 0) this.markMoved(k, o, v);
  }

  /** Record a fix as the vessel's last stored one (o: its offset in slotState). */
  private remember(o: number, f: Fix): void {
    const st = this.slotState;
    st[o] = f.time;
    st[o + 1] = f.course ?? NaN;
    st[o + 2] = f.speed ?? NaN;
  }

  private rememberTrack(ti: number, k: number): void {
    if (ti >= this.trackSlot.length) {
      const bigger = new Int32Array(Math.max(ti + 1, this.trackSlot.length * 2));
      bigger.set(this.trackSlot);
      this.trackSlot = bigger;
    }
    this.trackSlot[ti] = k + 1;
  }

  /** A slotState for n slots: no stored fix yet, not moved. */
  private static slotArray(n: number): Float64Array {
    const a = new Float64Array(n * SLOT_STRIDE);
    for (let o = 0; o < a.length; o += SLOT_STRIDE) a[o] = NaN;
    return a;
  }

  /** Make slotState hold slot k. */
  private grow(k: number): void {
    const b = Ingest.slotArray(Math.max(k + 1, (this.slotState.length / SLOT_STRIDE) * 2));
    b.set(this.slotState);
    this.slotState = b;
  }

  private markMoved(k: number, o: number, v: VesselRecord): void {
    this.slotState[o + 3] = 1;
    this.moved.push(v);
    this.movedSlots.push(k);
  }

  /** The moved vessels so far, and forget them. */
  private clearMoved(): VesselRecord[] {
    const out = this.moved;
    // (Indexed: this runs once per commit, often unoptimised, where for-of allocates per item.)
    const slots = this.movedSlots;
    for (let i = 0; i < slots.length; i++) this.slotState[slots[i] * SLOT_STRIDE + 3] = 0;
    this.moved = [];
    this.movedSlots = [];
    return out;
  }

  private onIdentity(t: Track, c: IdentityChange): void {
    const live = this.o.live;
    const v = live.identity(t);
    if (this.priming) return;
    this.touch(live.lastSlot, v);
    const rec: IdentityRecord = { mmsi: t.mmsi, time: c.time, field: c.field };
    if (c.before !== undefined) rec.before = c.before;
    if (c.after !== undefined) rec.after = c.after;
    this.identities.push(rec);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.drain());
  }

  /** Process queued lines for a slice of time, committing as batches fill; yields to I/O between slices. */
  private drain(): void {
    this.scheduled = false;
    const deadline = Date.now() + 25;
    // Reception times later than the wall clock (plus a tolerance) are a source's clock error.
    this.pipeline.notAfter = deadline + this.o.futureToleranceMs;
    const sources = this.o.sources;
    const out = this.out;
    let n = 0;
    let check = 256;
    while (this.head < this.tail) {
      // With two batches in flight the next one keeps filling; the drain stops only once it is
      // full too (memory stays bounded: MAX_INFLIGHT batches and one of at most batchRows rows).
      if (this.batchFull()) {
        if (this.inflight >= MAX_INFLIGHT) break;
        this.commit();
      }
      const h = this.head;
      const qSource = this.qSource;
      const qShift = this.qShift;
      const si = qSource[h];
      const shift = qShift[h];
      const src = sources[si];
      const dec = this.decoders[si];
      // A run of lines of one source with one shift is one chunk for the decoder (lines stamped
      // with their arrival go one by one).
      let e = h + 1;
      if (!src.stampArrival) {
        const last = Math.min(this.tail, h + RUN_LINES);
        while (e < last && qSource[e] === si && qShift[e] === shift) e++;
      }
      const arrival = this.qArrival[h];
      const from = this.headByte;
      const to = this.qEnd[e - 1];
      this.head = e;
      this.headByte = to;
      this.qCount[si] -= e - h;
      out.length = 0;
      dec.write(this.qBytes.subarray(from, to), out);
      for (let i = 0; i < out.length; i++) {
        const m = out[i];
        if (m.meta.time === undefined) {
          if (src.stampArrival) m.meta.time = arrival;
        } else if (shift !== 0) {
          m.meta.time += shift;
        }
        src.status.messages++;
        this.totals.messages++;
        this.pipeline.push(m);
      }
      if (this.inflight < MAX_INFLIGHT && this.batchFull()) this.commit();
      n += e - h;
      if (n >= check) {
        check = n + 256;
        if (Date.now() > deadline) break;
      }
    }
    if (n > 0) {
      this.lastFeedWall = Date.now();
      this.lastFeedStream = this.pipeline.newestTime;
    }
    if (this.head >= this.tail) {
      this.head = this.tail = this.headByte = 0;
      // A burst may have grown the queue: give the room back once it is empty.
      if (this.qBytes.length > 8 * QUEUE_BYTES) this.qBytes = new Uint8Array(QUEUE_BYTES);
      if (this.qEnd.length > 8 * QUEUE_LINES) {
        this.qEnd = new Int32Array(QUEUE_LINES);
        this.qSource = new Int32Array(QUEUE_LINES);
        this.qShift = new Float64Array(QUEUE_LINES);
        this.qArrival = new Float64Array(QUEUE_LINES);
      }
    }
    if (this.inflight < MAX_INFLIGHT && this.pendingRows() > 0 && (this.batchFull() || Date.now() - this.firstPending >= this.o.batchDelayMs)) this.commit();
    if (this.queued <= this.o.queue.low && this.roomWaiters.length) {
      const w = this.roomWaiters;
      this.roomWaiters = [];
      for (const f of w) f();
    }
    if (this.queued > 0) {
      // Resumed by the writer's completion when it is the bottleneck.
      if (this.inflight < MAX_INFLIGHT || !this.batchFull()) this.schedule();
    } else {
      this.checkFinished();
    }
  }

  /** The writer's time so far (its own thread's CPU when it runs in a worker). */
  get writerUsage(): WriterUsage | undefined {
    return this.writer.usage;
  }

  /** Batches handed to the writer and not yet committed. */
  get inflightBatches(): number {
    return this.inflight;
  }

  /** True when the uncommitted batch has reached batchRows. */
  private batchFull(): boolean {
    return this.positions.length + this.events.length + this.identities.length >= this.o.batchRows;
  }

  /** Rows waiting for the next commit. */
  pendingRows(): number {
    return this.positions.length + this.events.length + this.identities.length + this.moved.length;
  }

  /** Periodic: commit a pending batch that has waited long enough, and notice finished inputs. */
  private tick(): void {
    // A quiet feed: stream time moves on with the wall clock, so the last messages of a burst are
    // processed once they have waited the reorder window, not when the next message arrives.
    if (this.queued === 0 && !this.finished && !this.stopped && this.pipeline.buffered > 0 && this.lastFeedWall > 0) {
      this.pipeline.advanceTo(this.lastFeedStream + (Date.now() - this.lastFeedWall));
    }
    if (this.queued === 0 && this.inflight < MAX_INFLIGHT && this.pendingRows() > 0) this.commit();
    this.checkFinished();
  }

  /** When every source has ended (files without follow/loop), finish the pipeline: close open episodes. */
  private checkFinished(): void {
    if (this.finished || this.stopped || this.queued > 0 || this.o.sources.length === 0) return;
    if (!this.o.sources.every((s) => s.status.state === 'done')) return;
    this.finished = true;
    for (const d of this.decoders) {
      this.out.length = 0;
      d.end(this.out);
      for (const m of this.out) this.pipeline.push(m);
    }
    this.pipeline.finish();
    this.commit(true);
  }

  /** Hand the pending batch to the writer (one transaction); publish what it stored once committed. */
  commit(forceVessels = false): void {
    const now = Date.now();
    const flushVessels = forceVessels || now - this.lastVesselFlush >= this.o.vesselFlushMs;
    const batch: WriteBatch = {
      positionColumns: this.positions.take(),
      identities: this.identities,
      events: this.events,
      sources: this.o.sources.map((s) => ({ name: s.name, url: s.url, stats: this.sourceStats(s) as unknown as Record<string, unknown>, updated: now })),
      checkpoints: {},
    };
    if (flushVessels) {
      batch.vessels = this.o.live.takeDirty();
      this.lastVesselFlush = now;
    }
    for (const s of this.o.sources) {
      if (s.status.kind === 'file' && !(s as FileSource).options.loop) {
        // Lines handed to the pipeline so far; a restart replays up to here without pacing.
        batch.checkpoints![sourceCheckpointKey(s.name)] = JSON.stringify({ url: s.url, lines: (s.status.position ?? 0) - this.queuedOf(s) });
      }
    }
    if (this.pipeline.stats.stream_time !== undefined) batch.checkpoints![`${this.o.checkpointPrefix}stream_time`] = String(this.pipeline.stats.stream_time);
    const t0 = performance.now();
    const moved = this.clearMoved();
    this.identities = [];
    this.events = [];
    this.inflight++;
    const done = (result: WriteResult): void => {
      this.o.metrics?.observe('lookout_store_write_seconds', performance.now() - t0);
      this.totals.batches++;
      this.totals.positions_stored += result.positions;
      this.totals.events_stored += result.events.length;
      this.settle();
      this.o.onCommit?.({ events: result.events, moved });
    };
    let r: WriteResult | Promise<WriteResult>;
    try {
      r = this.writer.write(batch);
    } catch (err) {
      this.failed(err);
      return;
    }
    if (r instanceof Promise) r.then(done, (err: unknown) => this.failed(err));
    else done(r);
  }

  /** A batch could not be written: counted and reported, never silent. */
  private failed(err: unknown): void {
    this.totals.write_errors++;
    this.o.metrics?.inc('lookout_store_write_errors_total');
    process.stderr.write(`lookout serve: a batch could not be stored: ${err instanceof Error ? err.message : String(err)}\n`);
    this.settle();
  }

  private settle(): void {
    this.inflight--;
    if (this.inflight === 0) for (const f of this.flushed.splice(0)) f();
    if (this.queued > 0) this.schedule();
    else this.checkFinished();
  }

  /** Resolves when no batch is being written. */
  private idle(): Promise<void> {
    return this.inflight === 0 ? Promise.resolve() : new Promise((resolve) => this.flushed.push(resolve));
  }

  private queuedOf(s: Source): number {
    return this.qCount[this.index.get(s) ?? 0];
  }

  /** A source's status with the decoder's error counts folded in. */
  sourceStats(s: Source): SourceStatus {
    const dec = this.decoders[this.index.get(s) ?? 0];
    const errors: Record<string, number> = {};
    for (const [k, v] of Object.entries(dec.stats.errors)) if (v > 0) errors[k] = v;
    s.status.errors = errors;
    return { ...s.status, errors };
  }

  /** Decode errors summed over sources, by reason. */
  decodeErrors(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const d of this.decoders) for (const [k, v] of Object.entries(d.stats.errors)) if (v > 0) out[k] = (out[k] ?? 0) + v;
    return out;
  }

  /** Stop the sources, process what is queued and commit it (the pipeline is not finished: a restart resumes it). */
  async stop(): Promise<void> {
    await Promise.all(this.o.sources.map((s) => s.stop()));
    while (this.queued > 0) {
      await this.idle();
      this.scheduled = true;
      this.drain();
    }
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
    if (this.pendingRows() > 0 || !this.finished) this.commit(true);
    await this.idle();
    await this.writer.close();
  }
}

/** Synthetic static messages carrying a stored identity (for re-priming the tracker). */
function staticMessages(v: VesselRecord): AisMessage[] {
  const dims = v.length !== undefined ? { to_bow: v.length, to_stern: 0 } : {};
  const beam = v.beam !== undefined ? { to_port: v.beam, to_starboard: 0 } : {};
  const common = {
    mmsi: v.mmsi, repeat: 0,
    ...(v.name !== undefined ? { shipname: v.name } : {}),
    ...(v.callsign !== undefined ? { callsign: v.callsign } : {}),
    ...(v.ship_type !== undefined ? { ship_type: v.ship_type } : {}),
    ...dims, ...beam,
  };
  if (v.class === 'B') return [{ ...common, type: 24, partno: 0 }, { ...common, type: 24, partno: 1 }];
  return [{
    ...common, type: 5,
    ...(v.imo !== undefined ? { imo: v.imo } : {}),
    ...(v.draught !== undefined ? { draught: v.draught } : {}),
    ...(v.destination !== undefined ? { destination: v.destination } : {}),
  }];
}
