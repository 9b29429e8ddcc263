/**
 * Read-only postings restored from an index snapshot without rebuilding hash maps: keys sorted
 * in one array, looked up by binary search, postings in one integer array sliced by offsets.
 * Restoring costs a string split instead of hundreds of thousands of map insertions.
 */

/** Key → entity or name-form ids (a built `Map` or a frozen snapshot). */
export interface Postings {
  get(key: string): ArrayLike<number> | undefined;
  has(key: string): boolean;
}

/** Key → tokens (the one-edit deletion neighbourhood). */
export interface Neighbours {
  get(key: string): readonly string[] | undefined;
}

/** Postings as stored in a snapshot: sorted keys joined by newlines, ids sliced by offsets. */
export interface FrozenPostingsData {
  keys: string;
  offsets: Int32Array;
  ids: Int32Array;
}

/** Neighbours as stored in a snapshot: sorted keys and space-joined token lists, newline-joined. */
export interface FrozenNeighboursData {
  keys: string;
  values: string;
}

function splitKeys(keys: string): string[] {
  return keys === '' ? [] : keys.split('\n');
}

/** Lookups after which a long-lived index (the server's) trades memory for hash lookups. */
const PROMOTE_AFTER = 20_000;

/** Sorted keys searched by bisection, promoted to a hash map once used often. */
class KeyIndex {
  private lookups = 0;
  private map: Map<string, number> | undefined;
  constructor(private readonly keys: readonly string[]) {}

  find(key: string): number {
    if (this.map) return this.map.get(key) ?? -1;
    if (++this.lookups > PROMOTE_AFTER) {
      this.map = new Map(this.keys.map((k, i) => [k, i]));
      return this.map.get(key) ?? -1;
    }
    return bisect(this.keys, key);
  }
}

function bisect(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = keys[mid];
    if (k === key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Freeze a postings map (keys must not contain newlines). */
export function freezePostings(map: ReadonlyMap<string, readonly number[]>): FrozenPostingsData {
  const keys = [...map.keys()].sort();
  const offsets = new Int32Array(keys.length + 1);
  let total = 0;
  keys.forEach((k, i) => {
    offsets[i] = total;
    total += map.get(k)!.length;
  });
  offsets[keys.length] = total;
  const ids = new Int32Array(total);
  keys.forEach((k, i) => ids.set(map.get(k)!, offsets[i]));
  return { keys: keys.join('\n'), offsets, ids };
}

/** Freeze a neighbourhood map (keys and tokens must not contain newlines or spaces). */
export function freezeNeighbours(map: ReadonlyMap<string, readonly string[]>): FrozenNeighboursData {
  const keys = [...map.keys()].sort();
  return { keys: keys.join('\n'), values: keys.map((k) => map.get(k)!.join(' ')).join('\n') };
}

/** Postings restored from a snapshot. */
export class FrozenPostings implements Postings {
  private readonly keys: KeyIndex;
  constructor(private readonly data: FrozenPostingsData) {
    this.keys = new KeyIndex(splitKeys(data.keys));
  }

  get(key: string): ArrayLike<number> | undefined {
    const i = this.keys.find(key);
    return i < 0 ? undefined : this.data.ids.subarray(this.data.offsets[i], this.data.offsets[i + 1]);
  }

  has(key: string): boolean {
    return this.keys.find(key) >= 0;
  }
}

/** A deletion neighbourhood restored from a snapshot. */
export class FrozenNeighbours implements Neighbours {
  private readonly keys: KeyIndex;
  private readonly values: string[];
  constructor(data: FrozenNeighboursData) {
    this.keys = new KeyIndex(splitKeys(data.keys));
    this.values = splitKeys(data.values);
  }

  get(key: string): readonly string[] | undefined {
    const i = this.keys.find(key);
    return i < 0 ? undefined : this.values[i].split(' ');
  }
}
