/**
 * A bounded reorder buffer: messages wait until stream time has moved `windowMs` past them, then
 * leave in (time, arrival) order. A message older than what has already left is "late".
 */

/** A min-heap of items keyed by (time, sequence): deterministic order for equal times. */
export class ReorderBuffer<T> {
  private readonly times: number[] = [];
  private readonly seqs: number[] = [];
  private readonly items: T[] = [];
  private seq = 0;
  /** Newest time pushed. */
  maxTime = -Infinity;
  /** Time of the newest item released; anything older is late. */
  watermark = -Infinity;

  constructor(readonly windowMs: number) {}

  get size(): number {
    return this.items.length;
  }

  /** Add an item; false (and not added) when it is older than what has already been released. */
  push(time: number, item: T): boolean {
    if (time < this.watermark) return false;
    if (time > this.maxTime) this.maxTime = time;
    let i = this.items.length;
    const seq = this.seq++;
    this.times.push(time);
    this.seqs.push(seq);
    this.items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(time, seq, parent)) break;
      this.move(parent, i);
      i = parent;
    }
    this.times[i] = time;
    this.seqs[i] = seq;
    this.items[i] = item;
    return true;
  }

  /** Release every item at or before maxTime − window (all items when `all`), oldest first. */
  drain(release: (time: number, item: T) => void, all = false): void {
    const limit = all ? Infinity : this.maxTime - this.windowMs;
    while (this.items.length > 0 && (this.times[0]) <= limit) {
      const time = this.times[0];
      const item = this.pop();
      this.watermark = time;
      release(time, item);
    }
  }

  private less(time: number, seq: number, j: number): boolean {
    const tj = this.times[j];
    return time < tj || (time === tj && seq < (this.seqs[j]));
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from];
    this.seqs[to] = this.seqs[from];
    this.items[to] = this.items[from];
  }

  private pop(): T {
    const top = this.items[0];
    const lastTime = this.times.pop() as number;
    const lastSeq = this.seqs.pop() as number;
    const lastItem = this.items.pop() as T;
    const n = this.items.length;
    if (n > 0) {
      let i = 0;
      while (true) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && this.less(this.times[r], this.seqs[r], l) ? r : l;
        // Stop when the moved-down item is not after child c.
        const tc = this.times[c];
        if (lastTime < tc || (lastTime === tc && lastSeq < (this.seqs[c]))) break;
        this.move(c, i);
        i = c;
      }
      this.times[i] = lastTime;
      this.seqs[i] = lastSeq;
      this.items[i] = lastItem;
    }
    return top;
  }
}
