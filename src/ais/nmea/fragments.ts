/**
 * Reassembly of multi-sentence AIS messages with a hard bound on what is kept: at most
 * `maxPending` partial messages, none older than `maxAgeLines` input lines. Anything that
 * cannot complete is counted and evicted; nothing ever waits for a missing part.
 */

/** One partial message: the identity that later parts must match, and what has arrived. */
export interface PendingMessage {
  /** 1 for VDO (own ship), 0 for VDM: parts must share it. */
  talker: number;
  /** Channel char code, 0 when the field was empty. */
  channel: number;
  /** Sequential message id 0–9, or -1 when the field was empty. */
  seq: number;
  /** Tag-block group id, or -1 when the sentence had no (valid) group. */
  group: number;
  /** Receiving station as identity: only when there is no tag-block group. */
  keyStation: string | undefined;
  /** Receiving station reported for the message (from the first part that has one). */
  station: string | undefined;
  total: number;
  /** The part number expected next (2 … total). */
  next: number;
  payload: string;
  /** Reception time (ms) of the first part, NaN when unknown. */
  time: number;
  talkerName: string;
  channelName: string | undefined;
  own: boolean;
  /** Input line number at which the first part arrived. */
  line: number;
}

/** Outcome of offering a fragment: stored (first or middle part). */
export const STORED = 0;
/** Outcome: the message is complete; read it from `completed`. */
export const COMPLETED = 1;
/** Outcome: a later part with no matching earlier parts, counted as an orphan. */
export const ORPHAN = 2;

/** Bounded store of partial messages, keyed by (talker, channel, sequence id, group or station). */
export class FragmentBuffer {
  /** Partial messages, oldest first. */
  private readonly pending: PendingMessage[] = [];
  /** The last message completed by `add`. */
  completed: PendingMessage | undefined;
  /** Partial messages evicted since the counter was last read and reset by the caller. */
  evicted = 0;

  constructor(
    private readonly maxPending: number,
    private readonly maxAgeLines: number,
  ) {}

  /** Number of partial messages held now. */
  get size(): number {
    return this.pending.length;
  }

  private find(talker: number, channel: number, seq: number, group: number, station: string | undefined, exact: boolean): number {
    const p = this.pending;
    for (let i = p.length - 1; i >= 0; i--) {
      const m = p[i];
      if (m.seq === seq && m.channel === channel && m.talker === talker && m.group === group) {
        // A later part without a station of its own (no tag block, no Gatehouse line) matches any.
        if (group !== -1 || m.keyStation === station || (station === undefined && !exact)) return i;
      }
    }
    return -1;
  }

  /** Drops partial messages that started more than maxAgeLines before `line`. */
  expire(line: number): void {
    const p = this.pending;
    let n = 0;
    while (n < p.length && line - p[n].line > this.maxAgeLines) n++;
    if (n > 0) {
      p.splice(0, n);
      this.evicted += n;
    }
  }

  /** Evicts every partial message (end of input). */
  clear(): void {
    this.evicted += this.pending.length;
    this.pending.length = 0;
  }

  /** Offers part `num` of `total`; returns what happened (completed message in `completed`). */
  add(
    talker: number,
    channel: number,
    seq: number,
    group: number,
    station: string | undefined,
    num: number,
    total: number,
    payload: string,
    time: number,
    talkerName: string,
    channelName: string | undefined,
    own: boolean,
    line: number,
  ): number {
    this.expire(line);
    const keyStation = group === -1 ? station : undefined;
    const i = this.find(talker, channel, seq, group, keyStation, num === 1);
    if (num === 1) {
      // A new first part replaces any unfinished message with the same identity.
      if (i >= 0) {
        this.pending.splice(i, 1);
        this.evicted++;
      }
      if (this.pending.length >= this.maxPending) {
        this.pending.shift();
        this.evicted++;
      }
      this.pending.push({
        talker, channel, seq, group, keyStation, station, total, next: 2, payload, time,
        talkerName, channelName, own, line,
      });
      return STORED;
    }
    if (i < 0) return ORPHAN;
    const m = this.pending[i];
    if (m.next !== num || m.total !== total) {
      // A gap or a changed part count: what we hold can never complete.
      this.pending.splice(i, 1);
      this.evicted++;
      return ORPHAN;
    }
    m.payload += payload;
    if (Number.isNaN(m.time)) m.time = time;
    m.station ??= station;
    if (num === total) {
      this.pending.splice(i, 1);
      this.completed = m;
      return COMPLETED;
    }
    m.next++;
    return STORED;
  }
}
