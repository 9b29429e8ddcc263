/**
 * A bounded reorder buffer: messages wait until stream time has moved `windowMs` past them, then
 * leave in (time, arrival) order. A message older than what has already left is "late".
 * Input that is already in order (the usual case) goes through a FIFO in O(1); only messages
 * that arrive earlier than their predecessor go into a heap, and the two are merged on release.
 */

/** Reorder buffer of items keyed by (time, arrival sequence): deterministic order for equal times. */
export class ReorderBuffer<T> {
  // FIFO of in-order arrivals (times non-decreasing): a ring of capacity `mask + 1` (a power of
  // two), read at `qHead`, written at `qTail` (both absolute counts; index = count & mask).
  // Typed arrays and a fixed-size item array: no array growth or copies per message.
  private qTimes = new Float64Array(1024);
  private qSeqs = new Float64Array(1024);
  private qItems: (T | undefined)[] = new Array<T | undefined>(1024).fill(undefined);
  private mask = 1023;
  private qHead = 0;
  private qTail = 0;
  // Min-heap of out-of-order arrivals.
  private readonly hTimes: number[] = [];
  private readonly hSeqs: number[] = [];
  private readonly hItems: T[] = [];
  private seq = 0;
  /** Newest time pushed. */
  maxTime = -Infinity;
  /** Time of the newest item released; anything older is late. */
  watermark = -Infinity;

  constructor(readonly windowMs: number) {}

  get size(): number {
    return this.qTail - this.qHead + this.hItems.length;
  }

  /** Add an item; false (and not added) when it is older than what has already been released. */
  push(time: number, item: T): boolean {
    if (time < this.watermark) return false;
    const seq = this.seq++;
    if (time >= this.maxTime) {
      this.maxTime = time;
      if (this.qTail - this.qHead > this.mask) this.resize((this.mask + 1) * 2);
      const i = this.qTail & this.mask;
      this.qTimes[i] = time;
      this.qSeqs[i] = seq;
      this.qItems[i] = item;
      this.qTail++;
      return true;
    }
    this.heapPush(time, seq, item);
    return true;
  }

  /**
   * Let stream time reach `time` without an item (a quiet live feed): the next drain releases what
   * has waited the window by then. Items pushed later that are older go through the heap as usual.
   */
  advance(time: number): void {
    if (time > this.maxTime) this.maxTime = time;
  }

  /** Release every item at or before maxTime − window (all items when `all`), oldest first. */
  drain(release: (time: number, item: T) => void, all = false): void {
    const limit = all ? Infinity : this.maxTime - this.windowMs;
    // The usual case, input in time order: nothing in the heap, release from the FIFO alone.
    while (this.hItems.length === 0 && this.qHead < this.qTail) {
      const i = this.qHead & this.mask;
      const time = this.qTimes[i];
      if (time > limit) return this.shrink();
      const item = this.qItems[i] as T;
      this.qItems[i] = undefined; // let it be collected
      this.qHead++;
      this.watermark = time;
      release(time, item);
    }
    for (;;) {
      const hasQ = this.qHead < this.qTail;
      const hasH = this.hItems.length > 0;
      if (!hasQ && !hasH) break;
      const qi = this.qHead & this.mask;
      let fromHeap: boolean;
      if (!hasQ) fromHeap = true;
      else if (!hasH) fromHeap = false;
      else {
        const qt = this.qTimes[qi];
        const ht = this.hTimes[0];
        fromHeap = ht < qt || (ht === qt && this.hSeqs[0] < this.qSeqs[qi]);
      }
      const time = fromHeap ? this.hTimes[0] : this.qTimes[qi];
      if (time > limit) break;
      let item: T;
      if (fromHeap) item = this.heapPop();
      else {
        item = this.qItems[qi] as T;
        this.qItems[qi] = undefined; // let it be collected
        this.qHead++;
      }
      this.watermark = time;
      release(time, item);
    }
    this.shrink();
  }

  /** Give back the memory of a burst once the FIFO holds under an eighth of its capacity. */
  private shrink(): void {
    const n = this.qTail - this.qHead;
    if (n === 0) this.qHead = this.qTail = 0; // keep the counts small
    else if (this.mask >= 65535 && n * 8 < this.mask + 1) this.resize((this.mask + 1) / 2);
  }

  /** Move the FIFO's items, in order, into a ring of `capacity` (a power of two ≥ their count). */
  private resize(capacity: number): void {
    const times = new Float64Array(capacity);
    const seqs = new Float64Array(capacity);
    const items = new Array<T | undefined>(capacity).fill(undefined);
    const n = this.qTail - this.qHead;
    for (let k = 0; k < n; k++) {
      const i = (this.qHead + k) & this.mask;
      times[k] = this.qTimes[i];
      seqs[k] = this.qSeqs[i];
      items[k] = this.qItems[i];
    }
    this.qTimes = times;
    this.qSeqs = seqs;
    this.qItems = items;
    this.mask = capacity - 1;
    this.qHead = 0;
    this.qTail = n;
  }

  private before(t1: number, s1: number, t2: number, s2: number): boolean {
    return t1 < t2 || (t1 === t2 && s1 < s2);
  }

  private heapPush(time: number, seq: number, item: T): void {
    const times = this.hTimes;
    const seqs = this.hSeqs;
    const items = this.hItems;
    let i = items.length;
    times.push(time);
    seqs.push(seq);
    items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(time, seq, times[parent], seqs[parent])) break;
      times[i] = times[parent]!;
      seqs[i] = seqs[parent]!;
      items[i] = items[parent]!;
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    items[i] = item;
  }

  private heapPop(): T {
    const times = this.hTimes;
    const seqs = this.hSeqs;
    const items = this.hItems;
    const top = items[0];
    const lastTime = times.pop()!;
    const lastSeq = seqs.pop()!;
    const lastItem = items.pop()!;
    const n = items.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && this.before(times[r], seqs[r], times[l], seqs[l]) ? r : l;
        if (this.before(lastTime, lastSeq, times[c], seqs[c])) break;
        times[i] = times[c]!;
        seqs[i] = seqs[c]!;
        items[i] = items[c]!;
        i = c;
      }
      times[i] = lastTime;
      seqs[i] = lastSeq;
      items[i] = lastItem;
    }
    return top;
  }
}
