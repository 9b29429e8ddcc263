/**
 * Reassembly of multi-sentence AIS messages with a hard bound on what is kept: at most
 * `maxPending` partial messages, none older than `maxAgeLines` input lines. Anything that
 * cannot complete is counted and evicted; nothing ever waits for a missing part.
 *
 * Payloads are held as 6-bit values (what the sentence scan already produced), in buffers
 * reused from a pool: no string is built or concatenated per part.
 */

/** 6-bit values kept per message (as in the message layer: longer payloads are only validated). */
export const FRAGMENT_CHARS = 256;

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
  /** The payload so far as 6-bit values (the first FRAGMENT_CHARS of them). */
  six: Uint8Array;
  /** Armoured characters so far (may exceed FRAGMENT_CHARS). */
  chars: number;
  /** True when any character so far was outside the armour alphabet. */
  badArmour: boolean;
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
  /** Payload buffers of finished or evicted messages, for reuse. */
  private readonly free: Uint8Array[] = [];

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
      for (let i = 0; i < n; i++) this.free.push(p[i].six);
      p.splice(0, n);
      this.evicted += n;
    }
  }

  /** Evicts every partial message (end of input). */
  clear(): void {
    for (const m of this.pending) this.free.push(m.six);
    this.evicted += this.pending.length;
    this.pending.length = 0;
  }

  /** Hands the payload buffer of the message read from `completed` back for reuse. */
  release(m: PendingMessage): void {
    this.free.push(m.six);
  }

  private drop(i: number): void {
    this.free.push(this.pending[i].six);
    this.pending.splice(i, 1);
    this.evicted++;
  }

  /** Appends `count` 6-bit values of `from` to m's payload. */
  private append(m: PendingMessage, from: Uint8Array, count: number, badArmour: boolean): void {
    const six = m.six;
    const at = m.chars;
    const n = at + count <= FRAGMENT_CHARS ? count : FRAGMENT_CHARS - at;
    for (let k = 0; k < n; k++) six[at + k] = from[k];
    m.chars = at + count;
    if (badArmour) m.badArmour = true;
  }

  /**
   * Offers part `num` of `total`, its payload being `chars` armoured characters whose 6-bit
   * values are in `six` (the first FRAGMENT_CHARS of them); returns what happened (a completed
   * message is in `completed`: read it, then {@link release} it).
   */
  add(
    talker: number,
    channel: number,
    seq: number,
    group: number,
    station: string | undefined,
    num: number,
    total: number,
    six: Uint8Array,
    chars: number,
    badArmour: boolean,
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
      if (i >= 0) this.drop(i);
      if (this.pending.length >= this.maxPending) this.drop(0);
      const m: PendingMessage = {
        talker, channel, seq, group, keyStation, station, total, next: 2,
        six: this.free.pop() ?? new Uint8Array(FRAGMENT_CHARS + 8), chars: 0, badArmour: false,
        time, talkerName, channelName, own, line,
      };
      this.append(m, six, chars, badArmour);
      this.pending.push(m);
      return STORED;
    }
    if (i < 0) return ORPHAN;
    const m = this.pending[i];
    if (m.next !== num || m.total !== total) {
      // A gap or a changed part count: what we hold can never complete.
      this.drop(i);
      return ORPHAN;
    }
    this.append(m, six, chars, badArmour);
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
