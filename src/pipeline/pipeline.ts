/**
 * The analysis pipeline: received messages → reorder buffer → tracker → every detector → events.
 * The same object runs `lookout analyze` (batch) and the server (live). Deterministic: the output
 * depends only on the sequence of messages pushed, never on how they were chunked or on the clock.
 *
 * Time rule: a message's time is its reception time (`meta.time`). A message without one takes the
 * time of the last timed message pushed before it; before any timed message it is rejected
 * (`no_time`). Messages are held for `reorderWindowMs` of stream time and then processed in time
 * order; one older than what has already been processed is rejected (`late`): not analysed, but
 * a late static message still fills the identity fields not yet known (Tracker.lateStatic).
 */
import type { AisMessage, ReceivedMessage } from '../ais/types.js';
import type { DetectorConfig } from '../detect/config.js';
import type { Detector, DetectorContext } from '../detect/detector.js';
import type { LookoutEvent } from '../detect/event.js';
import { buildDetectors } from '../detect/index.js';
import type { RefData } from '../geo/types.js';
import { StaticReport } from '../track/identity.js';
import { Tracker, type TrackOutcome } from '../track/tracker.js';
import type { Fix, IdentityChange, Track } from '../track/types.js';
import { PositionStore } from './position-store.js';
import { ReorderBuffer } from './reorder.js';

/** How to build a pipeline. */
export interface PipelineOptions {
  refdata: RefData;
  /** Detector and tracker parameters (validated with parseDetectorConfig when they come from a user). */
  config?: DetectorConfig;
  /** Each event, once final, in the order the detectors finish them (not sorted). */
  onEvent?: (e: LookoutEvent) => void;
  /** Each accepted fix, in stream-time order. */
  onFix?: (t: Track, f: Fix) => void;
  /** Each identity value: first values (before undefined) and confirmed changes. */
  onIdentity?: (t: Track, c: IdentityChange) => void;
  /**
   * Each message rejected as `late` (older than the reorder window allows), with its time: it is
   * not analysed, but a live server still keeps its position as history (satellite passes).
   */
  onLate?: (m: ReceivedMessage, time: number) => void;
  /** Detectors to run beside the registered ones (e.g. sanctions screening). */
  extraDetectors?: ((ctx: DetectorContext) => Detector)[];
  /** Stream time a message may wait for earlier ones, ms (default 5 min). 0 = process at once. */
  reorderWindowMs?: number;
  /** Stream-time interval between detector ticks, ms (default 60 s). */
  tickIntervalMs?: number;
}

/** Counters of what the pipeline has seen and done. */
export interface PipelineStats {
  /** Messages pushed. */
  messages: number;
  /** Positions accepted as fixes. */
  positions: number;
  /** Static/voyage messages applied (5, 24, and 19 without a usable position). */
  statics: number;
  /** Messages of types the tracker does not use (base stations, binary, aids to navigation…). */
  other: number;
  /** Messages not used, by reason (no_time, late, future, invalid_time, duplicate, invalid_position…). */
  rejected: Record<string, number>;
  /** Distinct MMSIs. */
  vessels: number;
  /** Open tracks (more than vessels when MMSIs are shared). */
  tracks: number;
  /** Events by type. */
  events: Record<string, number>;
  /** Newest message time processed, ms (undefined before the first). */
  stream_time: number | undefined;
  /**
   * The most a `late` message was behind the newest one pushed before it, ms (0 when none was
   * late): the reorder window that would have kept every one of them (satellite AIS arrives in
   * passes, tens of minutes late).
   */
  late_max_ms: number;
  /**
   * `late` static messages (5, 19, 24) whose values filled identity fields still unknown (never
   * changing a known one): counted among the late messages too.
   */
  late_statics: number;
}

/**
 * A message waiting in the reorder window: a row of the position store (≥ 0), NOT_TRACKED for a
 * message the tracker does not use (it is only counted), static data, or the message as received.
 */
type Waiting = number | AisMessage | ReceivedMessage;
const NOT_TRACKED = -1;

const DEFAULT_REORDER_MS = 5 * 60_000;
const DEFAULT_TICK_MS = 60_000;
/** Times outside 1980–2100 are corrupt, not history or future. */
const MIN_TIME = Date.UTC(1980, 0, 1);
const MAX_TIME = Date.UTC(2100, 0, 1);

/** Stands in for absent detectors in positionDispatcher's fixed set of call sites. */
const IDLE: Detector = { name: 'idle', position(): void {}, finish(): void {} };
const DISPATCH_SLOTS = 12;

/**
 * One function that hands a fix to every detector, each from a call site of its own: a loop's
 * single `d.position(t, f)` sees a dozen detector objects of as many shapes (a megamorphic
 * lookup and call per detector and fix, ≈ 80 ns for ten in a micro-benchmark, against ≈ 20 here).
 */
function positionDispatcher(detectors: readonly Detector[]): (t: Track, f: Fix) => void {
  if (detectors.length > DISPATCH_SLOTS) return (t, f) => {
    for (const d of detectors) d.position(t, f);
  };
  const [d0, d1, d2, d3, d4, d5, d6, d7, d8, d9, d10, d11] = [...detectors, ...new Array<Detector>(DISPATCH_SLOTS - detectors.length).fill(IDLE)] as Detector[] & { length: 12 };
  // Each called below with its own detector as `this`.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const p0 = d0.position, p1 = d1.position, p2 = d2.position, p3 = d3.position, p4 = d4.position, p5 = d5.position;
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const p6 = d6.position, p7 = d7.position, p8 = d8.position, p9 = d9.position, p10 = d10.position, p11 = d11.position;
  return (t, f) => {
    p0.call(d0, t, f);
    p1.call(d1, t, f);
    p2.call(d2, t, f);
    p3.call(d3, t, f);
    p4.call(d4, t, f);
    p5.call(d5, t, f);
    p6.call(d6, t, f);
    p7.call(d7, t, f);
    p8.call(d8, t, f);
    p9.call(d9, t, f);
    p10.call(d10, t, f);
    p11.call(d11, t, f);
  };
}

/** The streaming analysis pipeline (see the module comment for its time rule). */
export class Pipeline {
  readonly stats: PipelineStats = {
    messages: 0,
    positions: 0,
    statics: 0,
    other: 0,
    rejected: {},
    vessels: 0,
    tracks: 0,
    events: {},
    stream_time: undefined,
    late_max_ms: 0,
    late_statics: 0,
  };
  private readonly tracker: Tracker;
  private readonly detectors: Detector[];
  /** Waiting messages (see push for what waits in which form). */
  private readonly buffer: ReorderBuffer<Waiting>;
  private readonly positions = new PositionStore();
  private readonly tickMs: number;
  private readonly onEvent: ((e: LookoutEvent) => void) | undefined;
  private readonly onLate: ((m: ReceivedMessage, time: number) => void) | undefined;
  private lastKnownTime: number | undefined;
  /**
   * A message stamped after this (ms) is rejected as `future`. A live caller sets it to its wall
   * clock plus a tolerance: one source whose clock runs ahead would otherwise carry stream time
   * with it and make every other source's messages `late`. Infinity (no bound) for files.
   */
  notAfter = Infinity;
  private nextTick = -Infinity;
  private finished = false;

  constructor(o: PipelineOptions) {
    this.onEvent = o.onEvent;
    this.onLate = o.onLate;
    this.tickMs = o.tickIntervalMs ?? DEFAULT_TICK_MS;
    this.buffer = new ReorderBuffer(o.reorderWindowMs ?? DEFAULT_REORDER_MS);
    const ctx: DetectorContext = { refdata: o.refdata, emit: (e) => this.emit(e) };
    this.detectors = buildDetectors(ctx, o.config ?? {});
    for (const make of o.extraDetectors ?? []) this.detectors.push(make(ctx));
    const positions = positionDispatcher(this.detectors);
    const detectors = this.detectors;
    const onFix = o.onFix;
    const onIdentity = o.onIdentity;
    this.tracker = new Tracker(o.config?.tracker ?? {}, {
      fix: (t, f) => {
        if (onFix !== undefined) onFix(t, f);
        positions(t, f);
      },
      identity: (t, c) => {
        onIdentity?.(t, c);
        for (const d of detectors) d.identity?.(t, c);
      },
    });
  }

  /** Feed one message (in arrival order). */
  push(m: ReceivedMessage): void {
    if (this.finished) throw new Error('Pipeline.push after finish()');
    this.stats.messages++;
    let time = m.meta.time;
    if (time === undefined) {
      if (this.lastKnownTime === undefined) return this.reject('no_time');
      time = this.lastKnownTime;
    } else if (!Number.isFinite(time) || time < MIN_TIME || time > MAX_TIME) {
      return this.reject('invalid_time');
    } else if (time > this.notAfter) {
      return this.reject('future');
    } else {
      this.lastKnownTime = time;
    }
    // What waits is no more than the tracker will read: a position report without a static part
    // as a row of numbers (see PositionStore), static data (5, 24) as the fields the tracker reads
    // (StaticReport: not the decoder's object, whose survival would make V8 pretenure the
    // decoder's allocations), a message the tracker does not use as a mere number; anything else
    // (19, odd reports) as received.
    const msg = m.message;
    const type = msg.type;
    let item: Waiting;
    if ((type >= 1 && type <= 3) || type === 18 || type === 27) {
      const row = this.positions.put(msg, m.meta.station);
      item = row >= 0 ? row : m;
    } else if (type === 5 || type === 24) item = new StaticReport(msg);
    else if (type === 19) item = m;
    else item = NOT_TRACKED;
    if (!this.buffer.push(time, item)) {
      if (typeof item === 'number' && item >= 0) this.positions.drop(item);
      const behind = this.buffer.maxTime - time;
      if (behind > this.stats.late_max_ms) this.stats.late_max_ms = behind;
      this.reject('late');
      // Its identity still counts where none is known yet (a vessel heard only in satellite passes).
      if (this.tracker.lateStatic(msg, time)) {
        this.stats.late_statics++;
        this.stats.vessels = this.tracker.vesselCount;
        this.stats.tracks = this.tracker.trackCount;
      }
      this.onLate?.(m, time);
      return;
    }
    this.buffer.drain(this.release);
  }

  /**
   * Stream time has reached `time` although no message says so: a live server calls this while its
   * feeds are quiet (stream time moving with the wall clock), so the last messages of a burst are
   * processed after the reorder window instead of waiting for the next message. Messages older
   * than what this releases are then late, as always.
   */
  advanceTo(time: number): void {
    if (this.finished || !Number.isFinite(time)) return;
    this.buffer.advance(time);
    this.buffer.drain(this.release);
  }

  /** Messages waiting in the reorder buffer. */
  get buffered(): number {
    return this.buffer.size;
  }

  /** Newest message time pushed so far (−Infinity before the first). */
  get newestTime(): number {
    return this.buffer.maxTime;
  }

  /** End of input: process everything buffered and close every detector's open episodes. */
  finish(): void {
    if (this.finished) return;
    this.buffer.drain(this.release, true);
    this.finished = true;
    if (this.stats.stream_time !== undefined) for (const d of this.detectors) d.tick?.(this.stats.stream_time);
    for (const d of this.detectors) d.finish();
  }

  /** Every open track. */
  tracks(): IterableIterator<Track> {
    return this.tracker.tracks();
  }

  /** One track by id (`<mmsi>` or `<mmsi>#n`). */
  track(id: string): Track | undefined {
    return this.tracker.track(id);
  }

  /** The open tracks of one MMSI (several when the MMSI is shared). */
  tracksOf(mmsi: number): readonly Track[] {
    return this.tracker.tracksOf(mmsi);
  }

  private readonly release = (time: number, m: Waiting): void => {
    if (time >= this.nextTick) {
      if (this.stats.stream_time !== undefined) for (const d of this.detectors) d.tick?.(time);
      this.nextTick = (Math.floor(time / this.tickMs) + 1) * this.tickMs;
    }
    this.stats.stream_time = time;
    let outcome: TrackOutcome;
    if (typeof m === 'number') outcome = m >= 0 ? this.positions.process(m, time, this.tracker) : 'other';
    else if (typeof (m as Partial<AisMessage>).type === 'number') outcome = this.tracker.process(m as AisMessage, time, undefined);
    else outcome = this.tracker.process((m as ReceivedMessage).message, time, (m as ReceivedMessage).meta.station);
    switch (outcome) {
      case 'fix':
        this.stats.positions++;
        break;
      case 'static':
        this.stats.statics++;
        break;
      case 'other':
        this.stats.other++;
        break;
      case 'no_position':
      case 'invalid_position':
      case 'null_island':
      case 'duplicate':
      case 'type27_redundant':
        this.reject(outcome);
    }
    this.stats.vessels = this.tracker.vesselCount;
    this.stats.tracks = this.tracker.trackCount;
  };

  private reject(reason: string): void {
    this.stats.rejected[reason] = (this.stats.rejected[reason] ?? 0) + 1;
  }

  private emit(e: LookoutEvent): void {
    this.stats.events[e.type] = (this.stats.events[e.type] ?? 0) + 1;
    this.onEvent?.(e);
  }
}
