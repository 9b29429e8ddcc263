/**
 * The NMEA sentence layer: lines in, `ReceivedMessage`s out. It validates checksums, reads
 * reception metadata from tag blocks, Gatehouse lines and log columns, reassembles
 * multi-sentence messages and hands each payload to the message layer. Written for speed:
 * it scans each line once with charCodeAt (no regex, no split), allocates nothing per line
 * beyond the message it emits, and never throws on input.
 */
import { nmeaChecksum } from '../checksum.js';
import { ARMOUR_TO_SIX } from '../messages/armour.js';
import { decodeArmoured, decodePayload, isPayloadError, SIX_BITS, SIX_BITS_CHARS, type PayloadError } from '../messages/decode.js';
import type { AisMessage, ReceivedMessage } from '../types.js';
import { COMPLETED, FragmentBuffer, ORPHAN } from './fragments.js';
import { createStats, type DecodeStats, type ErrorReason } from './stats.js';

const TAB = 9;
const SPACE = 32;
const BANG = 33;
const HASH = 35;
const DOLLAR = 36;
const STAR = 42;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const COLON = 58;
const SEMICOLON = 59;
const BACKSLASH = 92;
const NEWLINE = '\n';

/** Hex digit value of a char code, or -1. */
function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

function isUpperAlnum(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/** A talker id character: A–Z, 0–9, or '-' ("--" is the null talker some base stations send). */
function isTalkerChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === MINUS;
}

/** A UNIX time in seconds or milliseconds (told apart by size) → milliseconds. */
function unixToMs(v: number): number {
  // 1e11 s lies in the year 5138; 1e11 ms in 1973: no real log is ambiguous.
  return v >= 1e11 ? Math.round(v) : Math.round(v * 1000);
}

/**
 * Parses an unsigned decimal number (optionally with a fraction) in s[a, b).
 * Returns NaN unless the whole range is digits with at most one dot.
 */
function parseDecimal(s: string, a: number, b: number): number {
  if (a >= b) return NaN;
  let v = 0;
  let i = a;
  for (; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c === DOT) break;
    if (c < ZERO || c > NINE) return NaN;
    v = v * 10 + (c - ZERO);
  }
  if (i < b) {
    if (i === a) return NaN;
    let scale = 0.1;
    for (i++; i < b; i++) {
      const c = s.charCodeAt(i);
      if (c < ZERO || c > NINE) return NaN;
      v += (c - ZERO) * scale;
      scale *= 0.1;
    }
  }
  return v;
}

/** Parses a small unsigned integer in s[a, b); -1 unless all digits (and 1–9 digits long). */
function parseUint(s: string, a: number, b: number): number {
  if (a >= b || b - a > 9) return -1;
  let v = 0;
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c < ZERO || c > NINE) return -1;
    v = v * 10 + (c - ZERO);
  }
  return v;
}

/** Index of the next '!' or '\\' in s[from, end) (a further sentence on the line), or -1. */
function nextStart(s: string, from: number, end: number): number {
  for (let q = from; q < end; q++) {
    const c = s.charCodeAt(q);
    if (c === BANG || c === BACKSLASH) return q;
  }
  return -1;
}

/** Options of an {@link AisDecoder}. */
export interface AisDecoderOptions {
  /** Receives every decoded message when a feeding call is given no output array. */
  onMessage?: (message: ReceivedMessage) => void;
  /** Longest accepted line in characters; longer lines count as `line_too_long`. Default 4096. */
  maxLineLength?: number;
  /** Most partial multi-sentence messages held at once. Default 256. */
  maxPendingMessages?: number;
  /** A partial message not completed within this many lines is evicted. Default 1000. */
  maxFragmentAgeLines?: number;
}

/** Synchronous, allocation-lean AIS decoder over lines or chunks of text/bytes. */
export class AisDecoder {
  /** Running counts (see {@link DecodeStats}); read at any time. */
  readonly stats: DecodeStats = createStats();

  private readonly onMessage: ((message: ReceivedMessage) => void) | undefined;
  private readonly maxLineLength: number;
  private readonly fragments: FragmentBuffer;
  private out: ReceivedMessage[] | undefined;
  private emitted = 0;

  /** Unfinished last line of the previous chunk. */
  private carry = '';
  /** True while discarding the rest of an over-long line. */
  private skipping = false;
  private bytes: InstanceType<typeof TextDecoder> | undefined;

  /** Reception time and station from a Gatehouse line, for the next sentence. */
  private gatehouseTime = NaN;
  private gatehouseStation: string | undefined = undefined;

  // Per-record scratch, reset by each record (fields, not locals, so helpers can fill them).
  private tagTime = NaN;
  private tagStation: string | undefined = undefined;
  private tagGroup = -1;
  private columnTime = NaN;
  private columnStation: string | undefined = undefined;

  /** Interned strings, so repeated values cost no allocation. */
  private readonly stations: (string | undefined)[] = new Array<string | undefined>(256).fill(undefined);
  /** Comma positions of the sentence being parsed. */
  private readonly commas = new Int32Array(8);
  private lastTalkerCode = -1;
  private lastTalker = '';
  private readonly talkerNames = new Map<number, string>();
  /** Channel names by char code (dense, 128 entries). */
  private readonly channelNames: (string | undefined)[] = new Array<string | undefined>(128).fill(undefined);

  constructor(options: AisDecoderOptions = {}) {
    this.onMessage = options.onMessage;
    this.maxLineLength = options.maxLineLength ?? 4096;
    this.fragments = new FragmentBuffer(options.maxPendingMessages ?? 256, options.maxFragmentAgeLines ?? 1000);
  }

  /** Partial multi-sentence messages held now (bounded by maxPendingMessages). */
  get pendingFragments(): number {
    return this.fragments.size;
  }

  /**
   * Feeds a chunk of input: any number of lines, the last possibly unfinished (it is kept
   * until the next chunk or {@link end}). Bytes are read as UTF-8. Messages are appended to
   * `out` when given, else passed to `onMessage`. Returns the number of messages produced.
   */
  write(chunk: string | Uint8Array, out?: ReceivedMessage[]): number {
    let s: string;
    if (typeof chunk === 'string') s = chunk;
    else {
      this.bytes ??= new TextDecoder('utf-8');
      s = this.bytes.decode(chunk, { stream: true });
    }
    this.begin(out);
    let start = 0;
    const n = s.length;
    if (this.carry !== '' || this.skipping) {
      const nl = s.indexOf(NEWLINE);
      if (nl < 0) {
        this.hold(s);
        return this.finish();
      }
      if (this.skipping || this.carry.length + nl > this.maxLineLength) this.tooLong();
      else {
        const line = this.carry + s.slice(0, nl);
        this.line(line, 0, line.length);
      }
      this.carry = '';
      this.skipping = false;
      start = nl + 1;
    }
    const max = this.maxLineLength;
    while (start < n) {
      const nl = s.indexOf(NEWLINE, start);
      if (nl < 0) {
        this.hold(start === 0 ? s : s.slice(start));
        break;
      }
      if (nl - start > max) this.tooLong();
      else this.line(s, start, nl);
      start = nl + 1;
    }
    return this.finish();
  }

  /**
   * Ends the input: decodes an unterminated last line and evicts every partial message
   * (counted as `incomplete_message`). The decoder can be reused afterwards.
   */
  end(out?: ReceivedMessage[]): number {
    this.begin(out);
    if (this.bytes) {
      const rest = this.bytes.decode();
      if (rest !== '') {
        this.finish();
        this.write(rest, out);
        this.begin(out);
      }
    }
    if (this.skipping) this.tooLong();
    else if (this.carry !== '') {
      const line = this.carry;
      this.line(line, 0, line.length);
    }
    this.carry = '';
    this.skipping = false;
    this.fragments.clear();
    this.countEvicted();
    this.gatehouseTime = NaN;
    this.gatehouseStation = undefined;
    return this.finish();
  }

  /**
   * Decodes one complete line (a trailing CR/LF is ignored). Messages go to `out` when
   * given, else to `onMessage`. Returns the number of messages produced.
   */
  decodeLine(line: string, out?: ReceivedMessage[]): number {
    this.begin(out);
    if (line.length > this.maxLineLength) this.tooLong();
    else this.line(line, 0, line.length);
    return this.finish();
  }

  private begin(out: ReceivedMessage[] | undefined): void {
    this.out = out;
    this.emitted = 0;
  }

  private finish(): number {
    this.out = undefined;
    return this.emitted;
  }

  private hold(rest: string): void {
    if (this.skipping) return;
    if (this.carry.length + rest.length > this.maxLineLength) {
      this.carry = '';
      this.skipping = true;
    } else this.carry = this.carry === '' ? rest : this.carry + rest;
  }

  private tooLong(): void {
    this.stats.lines++;
    this.stats.errors.line_too_long++;
  }

  private reject(reason: ErrorReason): void {
    this.stats.errors[reason]++;
  }

  private countEvicted(): void {
    const f = this.fragments;
    if (f.evicted > 0) {
      this.stats.errors.incomplete_message += f.evicted;
      f.evicted = 0;
    }
  }

  /** One physical line s[start, end). */
  private line(s: string, start: number, end: number): void {
    const stats = this.stats;
    stats.lines++;
    while (end > start && s.charCodeAt(end - 1) <= SPACE) end--;
    while (start < end && s.charCodeAt(start) <= SPACE) start++;
    if (start === end) {
      stats.blank++;
      return;
    }
    if (s.charCodeAt(start) === HASH) {
      stats.comments++;
      return;
    }
    this.record(s, start, end);
  }

  /** The records of one line: usually one, more when sentences are glued together (a loop, not recursion). */
  private record(s: string, p: number, end: number): void {
    let next = this.recordAt(s, p, end);
    while (next >= 0) {
      this.stats.joined++;
      next = this.recordAt(s, next, end);
    }
  }

  /**
   * One record: an optional leading time column, tag block and sentence, or a `$` line.
   * Returns where a further record glued onto the same line starts, or -1.
   */
  private recordAt(s: string, p: number, end: number): number {
    this.tagTime = NaN;
    this.tagStation = undefined;
    this.tagGroup = -1;
    this.columnTime = NaN;
    this.columnStation = undefined;
    let c = s.charCodeAt(p);
    if (c >= ZERO && c <= NINE) {
      // A leading UNIX-time column: digits (and a fraction), then a separator.
      let q = p;
      while (q < end) {
        const d = s.charCodeAt(q);
        if ((d >= ZERO && d <= NINE) || d === DOT) q++;
        else break;
      }
      const sep = s.charCodeAt(q);
      if (q < end && (sep === SPACE || sep === TAB || sep === COMMA || sep === SEMICOLON)) {
        const v = parseDecimal(s, p, q);
        q++;
        while (q < end && s.charCodeAt(q) <= SPACE) q++;
        const next = s.charCodeAt(q);
        if (!Number.isNaN(v) && (next === BANG || next === BACKSLASH || next === DOLLAR)) {
          this.columnTime = unixToMs(v);
          p = q;
          c = next;
        }
      }
    }
    if (c === BACKSLASH) {
      const after = this.tagBlock(s, p, end);
      if (after < 0) return -1;
      p = after;
      c = p < end ? s.charCodeAt(p) : 0;
      if (c !== BANG && c !== DOLLAR) {
        this.reject('malformed_sentence');
        return -1;
      }
    }
    if (c === BANG) {
      return this.sentence(s, p, end);
    }
    if (c === DOLLAR) {
      if (
        end - p > 6 &&
        s.charCodeAt(p + 1) === 80 && // P
        s.charCodeAt(p + 2) === 71 && // G
        s.charCodeAt(p + 3) === 72 && // H
        s.charCodeAt(p + 4) === 80 && // P
        s.charCodeAt(p + 5) === COMMA
      ) {
        this.gatehouse(s, p, end);
        return -1;
      }
      // Some receivers emit VDM with a `$` start delimiter: decode it like `!`.
      if (end - p > 7 && s.charCodeAt(p + 3) === 86 && s.charCodeAt(p + 4) === 68) {
        const e = s.charCodeAt(p + 5);
        if ((e === 77 || e === 79) && s.charCodeAt(p + 6) === COMMA) {
          return this.sentence(s, p, end);
        }
      }
      this.reject('not_ais');
      return -1;
    }
    this.reject('not_nmea');
    return -1;
  }

  /**
   * Parses the tag block starting at s[p] === '\\'. Fills tagTime/tagStation/tagGroup and
   * returns the index after the closing backslash, or -1 after counting a rejection.
   */
  private tagBlock(s: string, p: number, end: number): number {
    const close = s.indexOf('\\', p + 1);
    if (close < 0 || close >= end) {
      this.reject('malformed_sentence');
      return -1;
    }
    const star = close - 3;
    if (star <= p || s.charCodeAt(star) !== STAR) {
      this.reject('bad_tag_block_checksum');
      return -1;
    }
    const h = hexValue(s.charCodeAt(star + 1));
    const l = hexValue(s.charCodeAt(star + 2));
    if (h < 0 || l < 0) {
      this.reject('bad_tag_block_checksum');
      return -1;
    }
    // One pass computes the checksum and finds the fields (the tag block is on every line of
    // a network feed). Fields are read before the checksum is known: on a mismatch the whole
    // line is rejected and the next record resets them.
    let x = 0;
    let f = p + 1;
    for (let e = f; e <= star; e++) {
      const c = e < star ? s.charCodeAt(e) : COMMA;
      if (c !== COMMA) {
        x ^= c;
        continue;
      }
      if (e < star) x ^= c;
      if (e - f >= 2) {
        const key = s.charCodeAt(f);
        if (s.charCodeAt(f + 1) === COLON) {
          if (key === 99) {
            // c: UNIX time, seconds or milliseconds.
            const v = parseDecimal(s, f + 2, e);
            if (!Number.isNaN(v)) this.tagTime = unixToMs(v);
          } else if (key === 115) {
            // s: source station.
            if (e > f + 2) this.tagStation = this.station(s, f + 2, e);
          } else if (key === 103) {
            // g: part-total-group id.
            this.tagGroup = this.groupId(s, f + 2, e);
          }
        } else if (e - f >= 5 && s.charCodeAt(f + 1) === 71 /* G */) {
          // NMEA 4.0 grouping "1G2:58944": part G total : group id.
          const colon = s.indexOf(':', f + 2);
          if (colon > 0 && colon < e) {
            const id = parseUint(s, colon + 1, e);
            if (id >= 0) this.tagGroup = id;
          }
        }
      }
      f = e + 1;
    }
    if (x !== ((h << 4) | l)) {
      this.reject('bad_tag_block_checksum');
      return -1;
    }
    return close + 1;
  }

  /** The group id of a `g:` field "part-total-id"; -1 when malformed (then ignored). */
  private groupId(s: string, a: number, b: number): number {
    let dash = 0;
    let idStart = -1;
    for (let i = a; i < b; i++) {
      const c = s.charCodeAt(i);
      if (c === MINUS) {
        dash++;
        if (dash === 2) idStart = i + 1;
      } else if (c < ZERO || c > NINE) return -1;
    }
    if (dash !== 2) return -1;
    return parseUint(s, idStart, b);
  }

  /**
   * s[a, b) as a string, interned: a feed has a few hundred stations, so a small
   * direct-mapped cache (hashed on length and three characters) avoids a string per line.
   */
  private station(s: string, a: number, b: number): string {
    const n = b - a;
    const slot = (n * 31 + s.charCodeAt(a) * 7 + s.charCodeAt(b - 1) * 13 + s.charCodeAt(a + (n >> 1))) & 255;
    const cached = this.stations[slot];
    if (cached !== undefined && cached.length === n) {
      let i = 0;
      while (i < n && cached.charCodeAt(i) === s.charCodeAt(a + i)) i++;
      if (i === n) return cached;
    }
    const v = s.slice(a, b);
    this.stations[slot] = v;
    return v;
  }

  /** A Gatehouse `$PGHP,1,yyyy,m,d,h,min,s,ms,country,region,station,…*hh` line. */
  private gatehouse(s: string, p: number, end: number): void {
    let star = -1;
    for (let i = p + 6; i < end; i++) {
      if (s.charCodeAt(i) === STAR) {
        star = i;
        break;
      }
    }
    if (star < 0) {
      this.reject('missing_checksum');
      return;
    }
    const h = star + 2 < end ? hexValue(s.charCodeAt(star + 1)) : -1;
    const l = star + 2 < end ? hexValue(s.charCodeAt(star + 2)) : -1;
    if (h < 0 || l < 0 || nmeaChecksum(s, p + 1, star) !== ((h << 4) | l)) {
      this.reject('bad_checksum');
      return;
    }
    // Fields after "$PGHP,": kind, year, month, day, hour, minute, second, ms, country, region, station.
    const v = [0, 0, 0, 0, 0, 0, 0, 0];
    let f = p + 6;
    let station: string | undefined;
    for (let k = 0; k < 11 && f <= star; k++) {
      let e = f;
      while (e < star && s.charCodeAt(e) !== COMMA) e++;
      if (k < 8) {
        const n = parseUint(s, f, e);
        if (n < 0) {
          this.reject('malformed_sentence');
          return;
        }
        v[k] = n;
      } else if (k === 10 && e > f) station = this.station(s, f, e);
      f = e + 1;
    }
    const [kind, year, month, day, hour, minute, second, ms] = v as [number, number, number, number, number, number, number, number];
    if (kind !== 1 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60 || ms > 999) {
      this.reject('malformed_sentence');
      return;
    }
    this.gatehouseTime = Date.UTC(year, month - 1, day, hour, minute, second, ms);
    this.gatehouseStation = station;
    this.stats.metadata++;
  }

  /** Trailing comma-separated columns after a checksum: station ids and a UNIX time. */
  private columns(s: string, a: number, b: number): void {
    let f = a;
    while (f < b) {
      let e = f;
      while (e < b && s.charCodeAt(e) !== COMMA) e++;
      if (e > f) {
        const c = s.charCodeAt(f);
        if (c >= ZERO && c <= NINE) {
          const v = parseDecimal(s, f, e);
          if (!Number.isNaN(v) && v >= 1e8) this.columnTime = unixToMs(v);
        } else if ((c === 114 /* r */ || c === 98) /* b */ && this.columnStation === undefined && e - f > 1) {
          this.columnStation = this.station(s, f, e);
        }
      }
      f = e + 1;
    }
  }

  /** The sentence at s[p] ('!' or '$'): `!ttVDM,total,num,seq,channel,payload,fill*hh`. */
  private sentence(s: string, p: number, end: number): number {
    const stats = this.stats;
    // The pending Gatehouse time belongs to this sentence, whatever becomes of it.
    const gatehouseTime = this.gatehouseTime;
    const gatehouseStation = this.gatehouseStation;
    this.gatehouseTime = NaN;
    this.gatehouseStation = undefined;

    if (end - p < 7) {
      this.reject(end - p >= 6 || !isUpperAlnum(s.charCodeAt(p + 1)) ? 'malformed_sentence' : 'not_ais');
      return -1;
    }
    const t1 = s.charCodeAt(p + 1);
    const t2 = s.charCodeAt(p + 2);
    const v = s.charCodeAt(p + 3);
    const d = s.charCodeAt(p + 4);
    const m = s.charCodeAt(p + 5);
    if (v !== 86 || d !== 68 || (m !== 77 && m !== 79) || !isTalkerChar(t1) || !isTalkerChar(t2)) {
      // A well-formed address field of some other sentence is "not AIS"; anything else is broken.
      const other =
        isUpperAlnum(t1) && isUpperAlnum(t2) && isUpperAlnum(v) && isUpperAlnum(d) && isUpperAlnum(m) && s.charCodeAt(p + 6) === COMMA;
      this.reject(other ? 'not_ais' : 'malformed_sentence');
      return -1;
    }
    if (s.charCodeAt(p + 6) !== COMMA) {
      this.reject('malformed_sentence');
      return -1;
    }
    // One pass from the address to '*' computes the checksum, finds the six field commas and
    // converts the payload (the field after the fifth comma) to 6-bit values for the message
    // layer (fused rather than a checksum pass, a slice and an armour pass: this is the hot loop).
    const commas = this.commas;
    const six = SIX_BITS;
    let x = 0;
    let k = 0;
    let j = 0;
    let bad = 0;
    let i = p + 1;
    for (; i < end; i++) {
      const c = s.charCodeAt(i);
      if (c === STAR) break;
      x ^= c;
      if (c === COMMA) {
        if (k < 7) commas[k++] = i;
      } else if (k === 5) {
        const v = c < 128 ? ARMOUR_TO_SIX[c] : -1;
        bad |= v;
        if (j < SIX_BITS_CHARS) six[j] = v;
        j++;
      }
    }
    if (i >= end) {
      this.reject('missing_checksum');
      return -1;
    }
    const star = i;
    const h = star + 2 < end ? hexValue(s.charCodeAt(star + 1)) : -1;
    const l = star + 2 < end ? hexValue(s.charCodeAt(star + 2)) : -1;
    if (h < 0 || l < 0 || x !== ((h << 4) | l)) {
      this.reject('bad_checksum');
      // A sentence glued on after this one is still worth decoding.
      return nextStart(s, star + 1, end);
    }
    if (k !== 6) {
      this.reject('malformed_sentence');
      return -1;
    }
    // Fields: total, num, seq, channel, payload, fill.
    const f1 = commas[0] + 1;
    const e1 = commas[1];
    const f2 = e1 + 1;
    const e2 = commas[2];
    const f3 = e2 + 1;
    const e3 = commas[3];
    const f4 = e3 + 1;
    const e4 = commas[4];
    const f5 = e4 + 1;
    const e5 = commas[5];
    const f6 = e5 + 1;
    const e6 = star;
    const total = parseUint(s, f1, e1);
    const num = parseUint(s, f2, e2);
    const seq = e3 === f3 ? -1 : parseUint(s, f3, e3);
    if (total < 1 || num < 1 || num > total || total > 99 || (e3 > f3 && seq < 0) || e4 - f4 > 2 || e6 - f6 !== 1) {
      this.reject('malformed_sentence');
      return -1;
    }
    const fill = s.charCodeAt(f6) - ZERO;
    if (fill < 0 || fill > 9) {
      this.reject('malformed_sentence');
      return -1;
    }

    // After the checksum: nothing, log columns, stray characters, or another sentence.
    let nextRecord = -1;
    const r = star + 3;
    if (r < end) {
      const c = s.charCodeAt(r);
      if (c === COMMA) {
        let q = r + 1;
        while (q < end && s.charCodeAt(q) !== BANG && s.charCodeAt(q) !== BACKSLASH) q++;
        this.columns(s, r + 1, q);
        if (q < end) nextRecord = q;
      } else {
        for (let q = r; q < end; q++) {
          const x = s.charCodeAt(q);
          if (x === BANG || x === BACKSLASH) {
            nextRecord = q;
            break;
          }
        }
      }
    }

    stats.sentences++;
    let time = this.tagTime;
    if (Number.isNaN(time)) time = gatehouseTime;
    if (Number.isNaN(time)) time = this.columnTime;
    const station = this.tagStation ?? gatehouseStation ?? this.columnStation;
    const talkerCode = (t1 << 8) | t2;
    let talker = this.lastTalker;
    if (talkerCode !== this.lastTalkerCode) {
      talker = this.talkerNames.get(talkerCode) ?? String.fromCharCode(t1, t2);
      this.talkerNames.set(talkerCode, talker);
      this.lastTalkerCode = talkerCode;
      this.lastTalker = talker;
    }
    const own = m === 79;
    let channel: string | undefined;
    let channelCode = 0;
    if (e4 - f4 === 1) {
      channelCode = s.charCodeAt(f4);
      // Channels 1 and 2 are A and B.
      if (channelCode === 49) channelCode = 65;
      else if (channelCode === 50) channelCode = 66;
      channel = channelCode < 128 ? this.channelNames[channelCode] : undefined;
      if (channel === undefined) {
        channel = String.fromCharCode(channelCode);
        if (channelCode < 128) this.channelNames[channelCode] = channel;
      }
    } else if (e4 - f4 === 2) {
      channelCode = (s.charCodeAt(f4) << 8) | s.charCodeAt(f4 + 1);
      channel = s.slice(f4, e4);
    }

    if (total === 1) {
      this.emit(decodeArmoured(e5 - f5, fill, bad < 0), time, station, channel, talker, own);
    } else {
      stats.fragments++;
      const frags = this.fragments;
      const result = frags.add(
        // Not the talker: aggregated feeds relabel parts of one message (!ABVDM part 1, !AIVDM part 2).
        own ? 1 : 0,
        channelCode,
        seq,
        this.tagGroup,
        station,
        num,
        total,
        s.slice(f5, e5),
        time,
        talker,
        channel,
        own,
        stats.lines,
      );
      if (result === ORPHAN) this.reject('orphan_fragment');
      this.countEvicted();
      if (result === COMPLETED) {
        const done = frags.completed!;
        frags.completed = undefined;
        this.emit(decodePayload(done.payload, fill), done.time, done.station ?? station, done.channelName, done.talkerName, done.own);
      }
    }
    return nextRecord;
  }

  /** Emits the message decoded from one assembled payload, or counts the reason it failed. */
  private emit(
    result: AisMessage | PayloadError,
    time: number,
    station: string | undefined,
    channel: string | undefined,
    talker: string,
    own: boolean,
  ): void {
    const stats = this.stats;
    stats.payloads++;
    if (isPayloadError(result)) {
      const reason = result.error as ErrorReason;
      if (reason in stats.errors) stats.errors[reason]++;
      else stats.errors.unknown_type++;
      return;
    }
    const message: AisMessage = result;
    stats.messages++;
    stats.types[message.type & 63]++;
    const received: ReceivedMessage = {
      message,
      meta: { time: Number.isNaN(time) ? undefined : time, station, channel, talker, own },
    };
    this.emitted++;
    if (this.out !== undefined) this.out.push(received);
    else if (this.onMessage !== undefined) this.onMessage(received);
  }
}

/** Decodes a whole text (or byte array) at once: every message plus the stats. */
export function decodeText(
  input: string | Uint8Array,
  options: Omit<AisDecoderOptions, 'onMessage'> = {},
): { messages: ReceivedMessage[]; stats: DecodeStats } {
  const decoder = new AisDecoder(options);
  const messages: ReceivedMessage[] = [];
  decoder.write(input, messages);
  decoder.end(messages);
  return { messages, stats: decoder.stats };
}
