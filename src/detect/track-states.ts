/**
 * Per-track detector state without a map lookup per fix: states live in an array indexed by
 * `Track.index` (dense, assigned by the tracker), so finding a track's state is one array read.
 * Tracks built by hand without an index (tests) fall back to a map by `track_id`. `all` lists
 * the states in order of creation, the order a map keyed by track id would iterate them.
 */
import type { Track } from '../track/types.js';

export class TrackStates<S> {
  private readonly slots: (S | undefined)[] = [];
  private readonly byId = new Map<string, S>();
  /** Every state, in order of creation (deterministic iteration for ticks and finish). */
  readonly all: S[] = [];

  /** The state of `track`, if it has one. */
  get(track: Track): S | undefined {
    const i = track.index;
    return i === undefined ? this.byId.get(track.track_id) : this.slots[i];
  }

  /** Give `track` its state (it must have none yet); returns `state`. */
  add(track: Track, state: S): S {
    const i = track.index;
    if (i === undefined) this.byId.set(track.track_id, state);
    else {
      const slots = this.slots;
      // Filled up to i: a packed array stays fast (no holes, no dictionary mode).
      while (slots.length < i) slots.push(undefined);
      slots[i] = state;
    }
    this.all.push(state);
    return state;
  }

  /** Number of states. */
  get size(): number {
    return this.all.length;
  }
}

/**
 * `a` if it holds at least `length` numbers, else a copy grown by doubling, its new part set to
 * `fill`: for per-track numbers kept in one typed array (a block per track), grown as tracks come.
 */
export function ensureLength<A extends Float64Array | Int32Array>(a: A, length: number, fill = 0): A {
  if (length <= a.length) return a;
  let n = Math.max(1, a.length * 2);
  while (n < length) n *= 2;
  const b = new (a.constructor as new (n: number) => A)(n);
  if (fill !== 0) b.fill(fill, a.length);
  b.set(a);
  return b;
}
