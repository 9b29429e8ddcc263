import type { RefData } from '../geo/types.js';
import type { Fix, IdentityChange, Track } from '../track/types.js';
import type { LookoutEvent } from './event.js';

/** What every detector is given when it is created. */
export interface DetectorContext {
  refdata: RefData;
  /** Hand over a finished event. Events are emitted once, when final. */
  emit(event: LookoutEvent): void;
}

/**
 * A streaming, incremental detector. The pipeline calls it in stream-time order; it keeps only
 * the bounded state it needs (never the whole history) and emits each event once, when final.
 */
export interface Detector {
  /** The event type(s) it raises, for summaries and configuration. */
  readonly name: string;
  /** A new accepted fix of a track (fixes of one track arrive in time order). */
  position(track: Track, fix: Fix): void;
  /** A change in a track's identity (name, IMO, call sign, flag…). */
  identity?(track: Track, change: IdentityChange): void;
  /** Stream time has advanced to `now` (ms): close episodes that can no longer grow. */
  tick?(now: number): void;
  /** End of input: close every open episode. */
  finish(): void;
}
