/**
 * A bounded reorder buffer: messages wait until stream time has moved `windowMs` past them, then
 * leave in (time, arrival) order. A message older than what has already left is "late".
 * Input that is already in order (the usual case) goes through a FIFO in O(1); only messages
 * that arrive earlier than their predecessor go into a heap, and the two are merged on release.
 */

/** Reorder buffer of items keyed by (time, arrival sequence): deterministic order for equal times. */
export class ReorderBuffer<T> {
  // FIFO of in-order arrivals (times non-decreasing).
  private qTimes: number[] = [];
  private qSeqs: number[] = [];
  private qItems: T[] = [];
  private qHead = 0;
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
    return this.qItems.length - this.qHead + this.hItems.length;
  }

  /** Add an item; false (and not added) when it is older than what has already been released. */
  push(time: number, item: T): boolean {
    if (time < this.watermark) return false;
    const seq = this.seq++;
    if (time >= this.maxTime) {
      this.maxTime = time;
      this.qTimes.push(time);
      this.qSeqs.push(seq);
      this.qItems.push(item);
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
    if (this.hItems.length === 0) {
      const times = this.qTimes;
      const items = this.qItems;
      let head = this.qHead;
      while (head < items.length && times[head] <= limit) {
        const time = times[head];
        const item = items[head];
        items[head] = undefined as T; // let it be collected
        this.qHead = ++head;
        this.watermark = time;
        release(time, item);
        // release() may not push (the pipeline never does), but stay correct if it did.
        if (this.hItems.length > 0) return this.drain(release, all);
      }
      this.compact();
      return;
    }
    for (;;) {
      const hasQ = this.qHead < this.qItems.length;
      const hasH = this.hItems.length > 0;
      if (!hasQ && !hasH) break;
      let fromHeap: boolean;
      if (!hasQ) fromHeap = true;
      else if (!hasH) fromHeap = false;
      else {
        const qt = this.qTimes[this.qHead];
        const ht = this.hTimes[0];
        fromHeap = ht < qt || (ht === qt && this.hSeqs[0] < this.qSeqs[this.qHead]);
      }
      const time = fromHeap ? this.hTimes[0] : this.qTimes[this.qHead];
      if (time > limit) break;
      let item: T;
      if (fromHeap) item = this.heapPop();
      else {
        item = this.qItems[this.qHead]!;
        this.qItems[this.qHead] = undefined as T; // let it be collected
        this.qHead++;
      }
      this.watermark = time;
      release(time, item);
    }
    this.compact();
  }

  /** Compact the FIFO once its consumed head dominates. */
  private compact(): void {
    if (this.qHead > 4096 && this.qHead * 2 > this.qItems.length) {
      this.qTimes = this.qTimes.slice(this.qHead);
      this.qSeqs = this.qSeqs.slice(this.qHead);
      this.qItems = this.qItems.slice(this.qHead);
      this.qHead = 0;
    } else if (this.qHead === this.qItems.length && this.qHead > 0) {
      this.qTimes.length = 0;
      this.qSeqs.length = 0;
      this.qItems.length = 0;
      this.qHead = 0;
    }
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
