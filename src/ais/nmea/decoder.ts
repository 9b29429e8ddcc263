/**
 * The NMEA sentence layer: lines in, `ReceivedMessage`s out. It validates checksums, reads
 * reception metadata from tag blocks, Gatehouse lines and log columns, reassembles
 * multi-sentence messages and hands each payload to the message layer. Written for speed:
 * it works on the bytes of the input (strings are encoded to UTF-8 once per chunk), scans
 * each line once (no regex, no split, no string per line), allocates nothing per line beyond
 * the message it emits, and never throws on input.
 */
import { decodeArmoured, isPayloadError, SIX_BITS, SIX_BITS_CHARS, type PayloadError } from '../messages/decode.js';
import type { AisMessage, ReceivedMessage } from '../types.js';
import { COMPLETED, FRAGMENT_CHARS, FragmentBuffer, ORPHAN } from './fragments.js';
import { createStats, type DecodeStats, type ErrorReason } from './stats.js';

const TAB = 9;
const NEWLINE = 10;
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

/** Byte → 6-bit value of the armour alphabet; -1 outside it; -2 for ',' and '*' (the payload's end). */
const ARMOUR: Int8Array = (() => {
  const t = new Int8Array(256).fill(-1);
  for (let c = 48; c <= 87; c++) t[c] = c - 48; // '0'..'W' → 0..39
  for (let c = 96; c <= 119; c++) t[c] = c - 56; // '`'..'w' → 40..63
  t[COMMA] = -2;
  t[STAR] = -2;
  return t;
})();

/** Hex digit value of a byte, or -1. */
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
 * Parses an unsigned decimal number (optionally with a fraction) in b[a, e).
 * Returns NaN unless the whole range is digits with at most one dot.
 */
function parseDecimal(b: Uint8Array, a: number, e: number): number {
  if (a >= e) return NaN;
  let v = 0;
  let i = a;
  for (; i < e; i++) {
    const c = b[i];
    if (c === DOT) break;
    if (c < ZERO || c > NINE) return NaN;
    v = v * 10 + (c - ZERO);
  }
  if (i < e) {
    if (i === a) return NaN;
    let scale = 0.1;
    for (i++; i < e; i++) {
      const c = b[i];
      if (c < ZERO || c > NINE) return NaN;
      v += (c - ZERO) * scale;
      scale *= 0.1;
    }
  }
  return v;
}

/** Parses a small unsigned integer in b[a, e); -1 unless all digits (and 1–9 digits long). */
function parseUint(b: Uint8Array, a: number, e: number): number {
  if (a >= e || e - a > 9) return -1;
  let v = 0;
  for (let i = a; i < e; i++) {
    const c = b[i];
    if (c < ZERO || c > NINE) return -1;
    v = v * 10 + (c - ZERO);
  }
  return v;
}

/** The value of a decimal digit byte, or -1. */
function digit(c: number): number {
  return c >= ZERO && c <= NINE ? c - ZERO : -1;
}

/** Index of the next '!' or '\\' in b[from, end) (a further sentence on the line), or -1. */
function nextStart(b: Uint8Array, from: number, end: number): number {
  for (let q = from; q < end; q++) {
    const c = b[q];
    if (c === BANG || c === BACKSLASH) return q;
  }
  return -1;
}

const UTF8 = new TextDecoder('utf-8');
const ENCODER = new TextEncoder();

/** b[a, e) as a string (UTF-8; ASCII, the usual case, without a decoder call). */
function text(b: Uint8Array, a: number, e: number): string {
  let ascii = true;
  for (let i = a; i < e; i++) {
    if (b[i] >= 128) {
      ascii = false;
      break;
    }
  }
  if (!ascii) return UTF8.decode(b.subarray(a, e));
  let s = '';
  for (let i = a; i < e; i++) s += String.fromCharCode(b[i]);
  return s;
}

/** Options of an {@link AisDecoder}. */
export interface AisDecoderOptions {
  /** Receives every decoded message when a feeding call is given no output array. */
  onMessage?: (message: ReceivedMessage) => void;
  /** Longest accepted line in bytes (UTF-8); longer lines count as `line_too_long`. Default 4096. */
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

  /**
   * The bytes being parsed: the unfinished last line of the previous chunk (its first
   * `carry` bytes), then the new chunk. Reused and grown as needed.
   */
  private buf: Uint8Array = new Uint8Array(1 << 16);
  private carry = 0;
  /** True while discarding the rest of an over-long line. */
  private skipping = false;

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
  /** Byte lengths of the interned stations (a non-ASCII name is longer in bytes than in characters). */
  private readonly stationBytes = new Int32Array(256);
  /** Comma positions of the sentence being parsed. */
  private readonly commas = new Int32Array(8);
  /** What the last {@link scan} found: checksum, commas, payload characters, bad armour (1). */
  private scanSum = 0;
  private scanCommas = 0;
  private scanChars = 0;
  private scanBad = 0;
  /** Talker names by (first byte − 45) × 46 + (second byte − 45): talker bytes are '-', digits and A–Z. */
  private readonly talkerNames: (string | undefined)[] = new Array<string | undefined>(46 * 46).fill(undefined);
  /** Channel names by byte (dense, 128 entries). */
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
   * until the next chunk or {@link end}). Bytes are read as UTF-8; strings are encoded to
   * UTF-8 (checksums and line lengths count bytes, which for ASCII are the characters).
   * Messages are appended to `out` when given, else passed to `onMessage`. Returns the
   * number of messages produced.
   */
  write(chunk: string | Uint8Array, out?: ReceivedMessage[]): number {
    this.begin(out);
    const at = this.carry;
    let n: number;
    if (typeof chunk === 'string') {
      this.reserve(at + chunk.length * 3);
      n = at + ENCODER.encodeInto(chunk, this.buf.subarray(at)).written;
    } else {
      this.reserve(at + chunk.length);
      this.buf.set(chunk, at);
      n = at + chunk.length;
    }
    this.lines(n);
    return this.finish();
  }

  /** Makes room for n bytes in buf, keeping the carried bytes. */
  private reserve(n: number): void {
    if (n <= this.buf.length) return;
    const bigger = new Uint8Array(Math.max(n, this.buf.length * 2));
    bigger.set(this.buf.subarray(0, this.carry));
    this.buf = bigger;
  }

  /** Parses the complete lines of buf[0, n) and carries the unfinished rest. */
  private lines(n: number): void {
    const b = this.buf;
    const max = this.maxLineLength;
    let start = 0;
    if (this.skipping) {
      // The rest of an over-long line: drop everything up to its end.
      let nl = 0;
      while (nl < n && b[nl] !== NEWLINE) nl++;
      if (nl === n) return;
      this.tooLong();
      this.skipping = false;
      start = nl + 1;
    }
    for (;;) {
      if (start < n && b[start] === BANG) {
        const end = this.plainSentence(b, start, n);
        if (end >= 0) {
          start = end + 1;
          continue;
        }
      }
      // (Bytes past n are stale: a newline found there ends the chunk's lines too.)
      const nl = b.indexOf(NEWLINE, start);
      if (nl < 0 || nl >= n) break;
      if (nl - start > max) this.tooLong();
      else this.line(b, start, nl);
      start = nl + 1;
    }
    const rest = n - start;
    if (rest > max) {
      this.carry = 0;
      this.skipping = true;
    } else {
      if (start > 0 && rest > 0) b.copyWithin(0, start, n);
      this.carry = rest;
    }
  }

  /**
   * Ends the input: decodes an unterminated last line and evicts every partial message
   * (counted as `incomplete_message`). The decoder can be reused afterwards.
   */
  end(out?: ReceivedMessage[]): number {
    this.begin(out);
    if (this.skipping) this.tooLong();
    else if (this.carry > 0) this.line(this.buf, 0, this.carry);
    this.carry = 0;
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
    const bytes = ENCODER.encode(line);
    if (bytes.length > this.maxLineLength) this.tooLong();
    else this.line(bytes, 0, bytes.length);
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

  /** One physical line b[start, end). */
  private line(b: Uint8Array, start: number, end: number): void {
    const stats = this.stats;
    stats.lines++;
    while (end > start && b[end - 1] <= SPACE) end--;
    while (start < end && b[start] <= SPACE) start++;
    if (start === end) {
      stats.blank++;
      return;
    }
    if (b[start] === HASH) {
      stats.comments++;
      return;
    }
    // The records of the line: usually one, more when sentences are glued together.
    let next = this.recordAt(b, start, end);
    while (next >= 0) {
      stats.joined++;
      next = this.recordAt(b, next, end);
    }
  }

  /**
   * One record: an optional leading time column, tag block and sentence, or a `$` line.
   * Returns where a further record glued onto the same line starts, or -1.
   */
  private recordAt(b: Uint8Array, p: number, end: number): number {
    this.tagTime = NaN;
    this.tagStation = undefined;
    this.tagGroup = -1;
    this.columnTime = NaN;
    this.columnStation = undefined;
    let c = b[p];
    if (c === BANG) return this.sentence(b, p, end);
    if (c >= ZERO && c <= NINE) {
      // A leading UNIX-time column: digits (and a fraction), then a separator.
      let q = p;
      while (q < end) {
        const d = b[q];
        if ((d >= ZERO && d <= NINE) || d === DOT) q++;
        else break;
      }
      const sep = q < end ? b[q] : 0;
      if (sep === SPACE || sep === TAB || sep === COMMA || sep === SEMICOLON) {
        const v = parseDecimal(b, p, q);
        q++;
        while (q < end && b[q] <= SPACE) q++;
        const next = q < end ? b[q] : 0;
        if (!Number.isNaN(v) && (next === BANG || next === BACKSLASH || next === DOLLAR)) {
          this.columnTime = unixToMs(v);
          p = q;
          c = next;
        }
      }
    }
    if (c === BACKSLASH) {
      const after = this.tagBlock(b, p, end);
      if (after < 0) return -1;
      p = after;
      c = p < end ? b[p] : 0;
      if (c !== BANG && c !== DOLLAR) {
        this.reject('malformed_sentence');
        return -1;
      }
    }
    if (c === BANG) {
      return this.sentence(b, p, end);
    }
    if (c === DOLLAR) {
      if (
        end - p > 6 &&
        b[p + 1] === 80 && // P
        b[p + 2] === 71 && // G
        b[p + 3] === 72 && // H
        b[p + 4] === 80 && // P
        b[p + 5] === COMMA
      ) {
        this.gatehouse(b, p, end);
        return -1;
      }
      // Some receivers emit VDM with a `$` start delimiter: decode it like `!`.
      if (end - p > 7 && b[p + 3] === 86 && b[p + 4] === 68) {
        const e = b[p + 5];
        if ((e === 77 || e === 79) && b[p + 6] === COMMA) {
          return this.sentence(b, p, end);
        }
      }
      this.reject('not_ais');
      return -1;
    }
    this.reject('not_nmea');
    return -1;
  }

  /**
   * Parses the tag block starting at b[p] === '\\'. Fills tagTime/tagStation/tagGroup and
   * returns the index after the closing backslash, or -1 after counting a rejection.
   */
  private tagBlock(b: Uint8Array, p: number, end: number): number {
    let close = p + 1;
    while (close < end && b[close] !== BACKSLASH) close++;
    if (close >= end) {
      this.reject('malformed_sentence');
      return -1;
    }
    const star = close - 3;
    if (star <= p || b[star] !== STAR) {
      this.reject('bad_tag_block_checksum');
      return -1;
    }
    const h = hexValue(b[star + 1]);
    const l = hexValue(b[star + 2]);
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
      const c = e < star ? b[e] : COMMA;
      if (c !== COMMA) {
        x ^= c;
        continue;
      }
      if (e < star) x ^= c;
      if (e - f >= 2) {
        const key = b[f];
        if (b[f + 1] === COLON) {
          if (key === 99) {
            // c: UNIX time, seconds or milliseconds.
            const v = parseDecimal(b, f + 2, e);
            if (!Number.isNaN(v)) this.tagTime = unixToMs(v);
          } else if (key === 115) {
            // s: source station.
            if (e > f + 2) this.tagStation = this.station(b, f + 2, e);
          } else if (key === 103) {
            // g: part-total-group id.
            this.tagGroup = this.groupId(b, f + 2, e);
          }
        } else if (e - f >= 5 && b[f + 1] === 71 /* G */) {
          // NMEA 4.0 grouping "1G2:58944": part G total : group id.
          let colon = f + 2;
          while (colon < e && b[colon] !== COLON) colon++;
          if (colon < e) {
            const id = parseUint(b, colon + 1, e);
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
  private groupId(b: Uint8Array, a: number, e: number): number {
    let dash = 0;
    let idStart = -1;
    for (let i = a; i < e; i++) {
      const c = b[i];
      if (c === MINUS) {
        dash++;
        if (dash === 2) idStart = i + 1;
      } else if (c < ZERO || c > NINE) return -1;
    }
    if (dash !== 2) return -1;
    return parseUint(b, idStart, e);
  }

  /**
   * b[a, e) as a string, interned: a feed has a few hundred stations, so a small
   * direct-mapped cache (hashed on length and three bytes) avoids a string per line.
   */
  private station(b: Uint8Array, a: number, e: number): string {
    const n = e - a;
    const slot = (n * 31 + b[a] * 7 + b[e - 1] * 13 + b[a + (n >> 1)]) & 255;
    const cached = this.stations[slot];
    if (cached !== undefined && cached.length === n && this.stationBytes[slot] === n) {
      let i = 0;
      while (i < n && cached.charCodeAt(i) === b[a + i]) i++;
      if (i === n) return cached;
    }
    const v = text(b, a, e);
    this.stations[slot] = v;
    this.stationBytes[slot] = n;
    return v;
  }

  /** A Gatehouse `$PGHP,1,yyyy,m,d,h,min,s,ms,country,region,station,…*hh` line. */
  private gatehouse(b: Uint8Array, p: number, end: number): void {
    let star = -1;
    for (let i = p + 6; i < end; i++) {
      if (b[i] === STAR) {
        star = i;
        break;
      }
    }
    if (star < 0) {
      this.reject('missing_checksum');
      return;
    }
    const h = star + 2 < end ? hexValue(b[star + 1]) : -1;
    const l = star + 2 < end ? hexValue(b[star + 2]) : -1;
    let x = 0;
    for (let i = p + 1; i < star; i++) x ^= b[i];
    if (h < 0 || l < 0 || x !== ((h << 4) | l)) {
      this.reject('bad_checksum');
      return;
    }
    // Fields after "$PGHP,": kind, year, month, day, hour, minute, second, ms, country, region, station.
    const v = [0, 0, 0, 0, 0, 0, 0, 0];
    let f = p + 6;
    let station: string | undefined;
    for (let k = 0; k < 11 && f <= star; k++) {
      let e = f;
      while (e < star && b[e] !== COMMA) e++;
      if (k < 8) {
        const n = parseUint(b, f, e);
        if (n < 0) {
          this.reject('malformed_sentence');
          return;
        }
        v[k] = n;
      } else if (k === 10 && e > f) station = this.station(b, f, e);
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
  private columns(b: Uint8Array, a: number, end: number): void {
    let f = a;
    while (f < end) {
      let e = f;
      while (e < end && b[e] !== COMMA) e++;
      if (e > f) {
        const c = b[f];
        if (c >= ZERO && c <= NINE) {
          const v = parseDecimal(b, f, e);
          if (!Number.isNaN(v) && v >= 1e8) this.columnTime = unixToMs(v);
        } else if ((c === 114 /* r */ || c === 98) /* b */ && this.columnStation === undefined && e - f > 1) {
          this.columnStation = this.station(b, f, e);
        }
      }
      f = e + 1;
    }
  }

  /**
   * The checksum loop of the sentence at b[p], whose address field (`!ttVDM,`) is checked:
   * from there to '*' it computes the checksum, finds the six field commas and converts the
   * payload (the field after the fifth comma) to 6-bit values in SIX_BITS, in three loops so
   * that each does only what its part of the sentence needs. Returns the index of the '*',
   * -1 when there is none before `limit`, or (only when `lineEnd`) -2 at a newline. Leaves
   * the checksum, comma count, payload length and bad-armour flag in the scan fields.
   */
  private scan(b: Uint8Array, p: number, limit: number, lineEnd: boolean): number {
    const commas = this.commas;
    let x = b[p + 1] ^ b[p + 2] ^ b[p + 3] ^ b[p + 4] ^ b[p + 5] ^ COMMA;
    commas[0] = p + 6;
    let k = 1;
    let i = p + 7;
    // Fields 1–4: total, number, sequential id, channel.
    for (; i < limit; i++) {
      const c = b[i];
      if (c <= COMMA) {
        if (c === STAR) break;
        if (c === COMMA) {
          x ^= c;
          commas[k++] = i;
          if (k === 5) {
            i++;
            break;
          }
          continue;
        }
        if (c === NEWLINE && lineEnd) return -2;
      }
      x ^= c;
    }
    // The payload, up to ',' or '*': checksum and 6-bit values (the first SIX_BITS_CHARS kept).
    const payloadStart = i;
    let bad = 0;
    if (k === 5) {
      const six = SIX_BITS;
      const stop = limit - i > SIX_BITS_CHARS ? i + SIX_BITS_CHARS : limit;
      let j = 0;
      for (; i < stop; i++) {
        const c = b[i];
        const sv = ARMOUR[c];
        if (sv < 0) {
          if (sv === -2) break;
          if (c === NEWLINE && lineEnd) return -2;
          bad = 1;
        }
        x ^= c;
        six[j++] = sv;
      }
      if (i === stop) {
        for (; i < limit; i++) {
          const c = b[i];
          const sv = ARMOUR[c];
          if (sv < 0) {
            if (sv === -2) break;
            if (c === NEWLINE && lineEnd) return -2;
            bad = 1;
          }
          x ^= c;
        }
      }
    }
    this.scanChars = i - payloadStart;
    this.scanBad = bad;
    // The rest: the fill bits field (and any surplus fields) up to '*'.
    for (; i < limit; i++) {
      const c = b[i];
      if (c <= COMMA) {
        if (c === STAR) break;
        if (c === COMMA && k < 7) commas[k++] = i;
        else if (c === NEWLINE && lineEnd) return -2;
      }
      x ^= c;
    }
    this.scanSum = x;
    this.scanCommas = k;
    return i < limit ? i : -1;
  }

  /**
   * The common line, decoded without first finding its end: `!ttVDM,…*hh` then LF or CR LF,
   * checksum good, six fields, within maxLineLength. Returns the index of its newline, or -1
   * (having changed nothing) for any other line, which then takes the general path.
   */
  private plainSentence(b: Uint8Array, p: number, n: number): number {
    if (n - p < 12) return -1;
    const t1 = b[p + 1];
    const t2 = b[p + 2];
    const m = b[p + 5];
    if (b[p + 3] !== 86 || b[p + 4] !== 68 || (m !== 77 && m !== 79) || !isTalkerChar(t1) || !isTalkerChar(t2) || b[p + 6] !== COMMA) return -1;
    const limit = n - p > this.maxLineLength ? p + this.maxLineLength : n;
    const star = this.scan(b, p, limit, true);
    if (star < 0 || star + 3 >= n || this.scanCommas !== 6) return -1;
    let nl = star + 3;
    if (b[nl] === 13) nl++;
    if (nl >= n || b[nl] !== NEWLINE || nl - p > this.maxLineLength) return -1;
    const h = hexValue(b[star + 1]);
    const l = hexValue(b[star + 2]);
    if (h < 0 || l < 0 || this.scanSum !== ((h << 4) | l)) return -1;
    // From here on, what line() → recordAt() → sentence() would do with this line.
    this.stats.lines++;
    this.tagTime = NaN;
    this.tagStation = undefined;
    this.tagGroup = -1;
    this.columnTime = NaN;
    this.columnStation = undefined;
    const gatehouseTime = this.gatehouseTime;
    const gatehouseStation = this.gatehouseStation;
    this.gatehouseTime = NaN;
    this.gatehouseStation = undefined;
    this.fields(b, p, star, star + 3, gatehouseTime, gatehouseStation);
    return nl;
  }

  /** The sentence at b[p] ('!' or '$'): `!ttVDM,total,num,seq,channel,payload,fill*hh`. */
  private sentence(b: Uint8Array, p: number, end: number): number {
    // The pending Gatehouse time belongs to this sentence, whatever becomes of it.
    const gatehouseTime = this.gatehouseTime;
    const gatehouseStation = this.gatehouseStation;
    this.gatehouseTime = NaN;
    this.gatehouseStation = undefined;

    if (end - p < 7) {
      this.reject(end - p >= 6 || !isUpperAlnum(end - p > 1 ? b[p + 1] : 0) ? 'malformed_sentence' : 'not_ais');
      return -1;
    }
    const t1 = b[p + 1];
    const t2 = b[p + 2];
    const v = b[p + 3];
    const d = b[p + 4];
    const m = b[p + 5];
    if (v !== 86 || d !== 68 || (m !== 77 && m !== 79) || !isTalkerChar(t1) || !isTalkerChar(t2)) {
      // A well-formed address field of some other sentence is "not AIS"; anything else is broken.
      const other = isUpperAlnum(t1) && isUpperAlnum(t2) && isUpperAlnum(v) && isUpperAlnum(d) && isUpperAlnum(m) && b[p + 6] === COMMA;
      this.reject(other ? 'not_ais' : 'malformed_sentence');
      return -1;
    }
    if (b[p + 6] !== COMMA) {
      this.reject('malformed_sentence');
      return -1;
    }
    const star = this.scan(b, p, end, false);
    if (star < 0) {
      this.reject('missing_checksum');
      return -1;
    }
    const h = star + 2 < end ? hexValue(b[star + 1]) : -1;
    const l = star + 2 < end ? hexValue(b[star + 2]) : -1;
    if (h < 0 || l < 0 || this.scanSum !== ((h << 4) | l)) {
      this.reject('bad_checksum');
      // A sentence glued on after this one is still worth decoding.
      return nextStart(b, star + 1, end);
    }
    if (this.scanCommas !== 6) {
      this.reject('malformed_sentence');
      return -1;
    }
    return this.fields(b, p, star, end, gatehouseTime, gatehouseStation);
  }

  /**
   * The sentence at b[p] from its checksummed fields on: `scan` has found the six commas and
   * the star, and the checksum matched. Returns where a further record starts, or -1.
   */
  private fields(b: Uint8Array, p: number, star: number, end: number, gatehouseTime: number, gatehouseStation: string | undefined): number {
    const stats = this.stats;
    const commas = this.commas;
    const t1 = b[p + 1];
    const t2 = b[p + 2];
    const m = b[p + 5];
    const chars = this.scanChars;
    const bad = this.scanBad;
    // Fields: total, num, seq, channel, payload, fill.
    const f1 = commas[0] + 1;
    const e1 = commas[1];
    const f2 = e1 + 1;
    const e2 = commas[2];
    const f3 = e2 + 1;
    const e3 = commas[3];
    const f4 = e3 + 1;
    const e4 = commas[4];
    const f6 = commas[5] + 1;
    const total = e1 - f1 === 1 ? digit(b[f1]) : parseUint(b, f1, e1);
    const num = e2 - f2 === 1 ? digit(b[f2]) : parseUint(b, f2, e2);
    const seq = e3 === f3 ? -1 : parseUint(b, f3, e3);
    if (total < 1 || total > 99 || num < 1 || num > total || (e3 > f3 && seq < 0) || e4 - f4 > 2 || star - f6 !== 1) {
      this.reject('malformed_sentence');
      return -1;
    }
    const fill = b[f6] - ZERO;
    if (fill < 0 || fill > 9) {
      this.reject('malformed_sentence');
      return -1;
    }

    // After the checksum: nothing, log columns, stray characters, or another sentence.
    let nextRecord = -1;
    const r = star + 3;
    if (r < end) {
      if (b[r] === COMMA) {
        let q = r + 1;
        while (q < end && b[q] !== BANG && b[q] !== BACKSLASH) q++;
        this.columns(b, r + 1, q);
        if (q < end) nextRecord = q;
      } else nextRecord = nextStart(b, r, end);
    }

    stats.sentences++;
    let time = this.tagTime;
    if (Number.isNaN(time)) time = gatehouseTime;
    if (Number.isNaN(time)) time = this.columnTime;
    const station = this.tagStation ?? gatehouseStation ?? this.columnStation;
    const talkerCode = (t1 - MINUS) * 46 + (t2 - MINUS);
    let talker = this.talkerNames[talkerCode];
    if (talker === undefined) {
      talker = String.fromCharCode(t1, t2);
      this.talkerNames[talkerCode] = talker;
    }
    const own = m === 79;
    let channel: string | undefined;
    let channelCode = 0;
    if (e4 - f4 === 1) {
      channelCode = b[f4];
      // Channels 1 and 2 are A and B.
      if (channelCode === 49) channelCode = 65;
      else if (channelCode === 50) channelCode = 66;
      if (channelCode < 128) {
        channel = this.channelNames[channelCode];
        if (channel === undefined) {
          channel = String.fromCharCode(channelCode);
          this.channelNames[channelCode] = channel;
        }
      } else channel = text(b, f4, e4);
    } else if (e4 - f4 === 2) {
      channelCode = (b[f4] << 8) | b[f4 + 1];
      channel = text(b, f4, e4);
    }

    if (total === 1) {
      this.emit(decodeArmoured(chars, fill, bad !== 0), time, station, channel, talker, own);
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
        SIX_BITS,
        chars,
        bad !== 0,
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
        const n = done.chars < FRAGMENT_CHARS ? done.chars : FRAGMENT_CHARS;
        const from = done.six;
        const six = SIX_BITS;
        for (let q = 0; q < n; q++) six[q] = from[q];
        frags.release(done);
        this.emit(decodeArmoured(done.chars, fill, done.badArmour), done.time, done.station ?? station, done.channelName, done.talkerName, done.own);
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
    // The type is the payload's first 6-bit value (read here rather than from the message,
    // whose shape depends on its type).
    stats.types[SIX_BITS[0]]++;
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
