/**
 * `lookout decode [FILE…]`: AIS NMEA logs → one JSON object (or CSV row) per message on
 * stdout, a summary on stderr. docs/decoding.md documents the output fields.
 */
import { Buffer } from 'node:buffer';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { AisDecoder } from '../../ais/nmea/decoder.js';
import { addStats, createStats, ERROR_REASONS, type DecodeStats } from '../../ais/nmea/stats.js';
import type { ReceivedMessage } from '../../ais/types.js';
import { openInput, type OpenedInput } from '../../ingest/open.js';
import { UsageError, type Command } from '../command.js';
import { readArgs } from '../args.js';

const HELP = `lookout decode: decode AIS NMEA sentences to JSON lines or CSV

Usage: lookout decode [options] [FILE…]

Reads each FILE in turn (stdin when none, or for '-'); gzip input is detected by its
magic bytes and decompressed. Accepts !xxVDM/!xxVDO from any talker, NMEA 4.0 tag
blocks, Gatehouse $PGHP lines, leading or trailing UNIX-time columns and USCG station
columns. Writes one line per decoded message to stdout and a summary to stderr (lines,
messages per type, rejected lines per reason, rate). Bad lines are counted, never fatal.

Options:
  --format jsonl|csv   output format (default jsonl)
  --types LIST         only these message types, e.g. --types 1,2,3,18
  --fields LIST        CSV columns (default: reception fields and the common ones)
  --quiet              no summary on stderr
  --no-progress        no progress bar (shown only on a terminal for inputs over 8 MiB)
  -h, --help           this help

JSON lines: the message fields (docs/ais-fields.md) preceded by the reception fields
  received  reception time, ISO 8601 UTC (tag block c:, $PGHP, or a log's time column)
  station   receiving station (tag block s:, $PGHP, USCG column)
  channel   A or B
  talker    NMEA talker id (AI, AB, BS, …)
  own       true for VDO (own-ship) sentences, absent otherwise
Absent values are left out; in CSV they are empty cells.

Exit status: 0 when every input could be read (even with rejected lines), 1 when an
input could not be opened or read, 2 on a usage error.
`;

const DEFAULT_CSV_FIELDS = [
  'received', 'station', 'channel', 'talker', 'type', 'repeat', 'mmsi', 'status', 'turn', 'speed',
  'accuracy', 'lon', 'lat', 'course', 'heading', 'second', 'shipname', 'callsign', 'imo', 'ship_type',
  'to_bow', 'to_stern', 'to_port', 'to_starboard', 'draught', 'destination', 'partno',
];

const PROGRESS_MIN_BYTES = 8 * 1024 * 1024;
const OUTPUT_BATCH_CHARS = 256 * 1024;

interface DecodeOptions {
  files: string[];
  format: 'jsonl' | 'csv';
  types: boolean[] | undefined;
  fields: string[];
  quiet: boolean;
  progress: boolean;
}

function parseArgs(argv: string[]): DecodeOptions {
  const o: DecodeOptions = { files: [], format: 'jsonl', types: undefined, fields: DEFAULT_CSV_FIELDS, quiet: false, progress: true };
  for (const arg of readArgs(argv)) {
    const { name, value } = arg;
    if (arg.operand) {
      o.files.push(name);
      continue;
    }
    if (name === '--format') {
      const f = value();
      if (f !== 'jsonl' && f !== 'csv' && f !== 'json') throw new UsageError(`unknown format '${f}' (jsonl or csv)`);
      o.format = f === 'csv' ? 'csv' : 'jsonl';
    } else if (name === '--types') {
      const t = new Array<boolean>(64).fill(false);
      for (const part of value().split(',')) {
        const n = Number(part.trim());
        if (!Number.isInteger(n) || n < 0 || n > 63 || part.trim() === '') throw new UsageError(`bad message type '${part}'`);
        t[n] = true;
      }
      o.types = t;
    } else if (name === '--fields') {
      const f = value().split(',').map((s) => s.trim()).filter((s) => s !== '');
      if (f.length === 0) throw new UsageError('--fields needs at least one field');
      o.fields = f;
    } else if (name === '--quiet' || name === '-q') o.quiet = true;
    else if (name === '--no-progress') o.progress = false;
    else throw new UsageError(`unknown option '${arg.raw}'`);
  }
  if (o.files.length === 0) o.files.push('-');
  return o;
}

/** ISO time strings, cached: consecutive messages often share a timestamp. */
export class TimeFormatter {
  private lastMs = NaN;
  private lastIso = '';
  iso(ms: number): string {
    if (ms !== this.lastMs) {
      this.lastMs = ms;
      const d = new Date(ms);
      this.lastIso = Number.isNaN(d.getTime()) ? '' : d.toISOString();
    }
    return this.lastIso;
  }

  /** The reception fields as the start of a JSON object, cached while they repeat. */
  private headTime: number | undefined = NaN;
  private headStation: string | undefined = '\u0000';
  private headChannel: string | undefined = '\u0000';
  private headTalker: string | undefined = '\u0000';
  private headOwn: boolean | undefined = undefined;
  private head = '';
  jsonHead(meta: ReceivedMessage['meta']): string {
    if (
      meta.time === this.headTime &&
      meta.station === this.headStation &&
      meta.channel === this.headChannel &&
      meta.talker === this.headTalker &&
      meta.own === this.headOwn
    ) {
      return this.head;
    }
    let head = '{';
    if (meta.time !== undefined) {
      const iso = this.iso(meta.time);
      if (iso !== '') head += `"received":"${iso}",`;
    }
    if (meta.station !== undefined) head += `"station":${JSON.stringify(meta.station)},`;
    if (meta.channel !== undefined) head += `"channel":${JSON.stringify(meta.channel)},`;
    if (meta.talker !== undefined) head += `"talker":${JSON.stringify(meta.talker)},`;
    if (meta.own === true) head += '"own":true,';
    this.headTime = meta.time;
    this.headStation = meta.station;
    this.headChannel = meta.channel;
    this.headTalker = meta.talker;
    this.headOwn = meta.own;
    this.head = head;
    return head;
  }
}

/** One JSON object per message: reception fields first, then the message fields. */
export function formatJsonLine(m: ReceivedMessage, times: TimeFormatter): string {
  const body = JSON.stringify(m.message);
  return times.jsonHead(m.meta) + body.slice(1) + '\n';
}

/**
 * A JSON key prefix `,"key":` ready to copy: its bytes, and the same as little-endian 32-bit
 * words (pairs of byte offset and word, the last word overlapping the one before) with and
 * without the comma, so that a key is written 4 bytes at a time. Empty when shorter than 4.
 */
interface KeyPrefix {
  bytes: Uint8Array;
  words: Int32Array;
  wordsFirst: Int32Array;
}

function wordsOf(b: Uint8Array): Int32Array {
  const n = b.length;
  if (n < 4) return new Int32Array(0);
  const out: number[] = [];
  for (let at = 0; ; at += 4) {
    const o = at + 4 <= n ? at : n - 4;
    out.push(o, b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24));
    if (o + 4 >= n) break;
  }
  return Int32Array.from(out);
}

/** Key prefixes by key (message keys are a few dozen names). */
const KEY_BYTES = new Map<string, KeyPrefix>();
const ENCODER = new TextEncoder();
const TRUE = ENCODER.encode('true');
const FALSE = ENCODER.encode('false');
const OWN = ENCODER.encode('"own":true,');
const BATCH_BYTES = 1 << 20;

/** Two ASCII digits of every number 0–99. */
const DIGIT_PAIRS: Uint8Array = Uint8Array.from({ length: 200 }, (_, i) => 48 + ((i & 1) === 0 ? ((i >> 1) / 10) | 0 : (i >> 1) % 10));

function keyBytes(k: string): KeyPrefix {
  let b = KEY_BYTES.get(k);
  if (b === undefined) {
    const bytes = ENCODER.encode(',' + JSON.stringify(k) + ':');
    b = { bytes, words: wordsOf(bytes), wordsFirst: wordsOf(bytes.subarray(1)) };
    // Bounded: keys come from the decoder's layouts, but formatJsonLines takes any object.
    if (KEY_BYTES.size < 4096) KEY_BYTES.set(k, b);
  }
  return b;
}

/**
 * JSON lines written straight into bytes, identical to {@link formatJsonLine} (and so to
 * JSON.stringify) but several times faster: no string per line, integers and the fixed-point
 * decimals of AIS fields (lon/lat to 1e-6, speed and course to 0.1) written digit by digit.
 * Anything unusual (non-ASCII or escaped strings, nested values, other numbers) goes through
 * JSON.stringify, so the output never differs.
 */
export class JsonLineWriter {
  private buf: Uint8Array = Buffer.allocUnsafe(BATCH_BYTES);
  /** buf as a DataView, for 4-byte writes. */
  private view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  private pos = 0;
  /**
   * Key bytes by message type and property position (absent fields included): the messages
   * of a type are built in one shape, so the key at a position rarely changes.
   */
  private readonly slotKeys: string[][] = Array.from({ length: 64 }, () => []);
  private readonly slotBytes: KeyPrefix[][] = Array.from({ length: 64 }, () => []);
  /** Bytes of `"received":"…",` for the last reception time. */
  private receivedIso = '';
  private receivedBytes: Uint8Array = new Uint8Array(0);
  /** Bytes of `"station":…,` etc. by value (a feed has a few hundred stations). */
  private readonly metaBytes = [new Map<string, Uint8Array>(), new Map<string, Uint8Array>(), new Map<string, Uint8Array>()];
  /** The last value of each reception field and its bytes (consecutive messages often share them). */
  private readonly lastMeta: (string | undefined)[] = [undefined, undefined, undefined];
  private readonly lastMetaBytes: Uint8Array[] = [new Uint8Array(0), new Uint8Array(0), new Uint8Array(0)];

  constructor(private readonly times: TimeFormatter = new TimeFormatter()) {}

  /** Bytes written since the last {@link take}. */
  get length(): number {
    return this.pos;
  }

  /** The bytes written so far (a view that stays valid); the writer starts a new buffer. */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.pos);
    // Not zero-filled: every byte handed out is written first.
    this.buf = Buffer.allocUnsafe(Math.max(BATCH_BYTES, this.pos));
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    this.pos = 0;
    return out;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    bigger.set(this.buf.subarray(0, this.pos));
    this.buf = bigger;
    this.view = new DataView(bigger.buffer, bigger.byteOffset, bigger.byteLength);
  }

  private bytes(b: Uint8Array): void {
    this.ensure(b.length);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < b.length; i++) buf[p++] = b[i];
    this.pos = p;
  }

  /** A key prefix `,"key":`, without its comma for the first field. */
  private key(k: KeyPrefix, first: boolean): void {
    const b = k.bytes;
    const skip = first ? 1 : 0;
    const n = b.length - skip;
    this.ensure(n);
    const p = this.pos;
    const words = first ? k.wordsFirst : k.words;
    if (words.length > 0) {
      const view = this.view;
      for (let i = 0; i < words.length; i += 2) view.setInt32(p + words[i], words[i + 1], true);
    } else {
      const buf = this.buf;
      for (let i = 0; i < n; i++) buf[p + i] = b[skip + i];
    }
    this.pos = p + n;
  }

  /** Text that may hold any character, written as UTF-8 (what a string written to stdout becomes). */
  private text(s: string): void {
    this.ensure(s.length * 3);
    const r = ENCODER.encodeInto(s, this.buf.subarray(this.pos));
    this.pos += r.written;
  }

  /** A non-negative integer below 2^31 at the current position (room already ensured). */
  private uint(v: number): void {
    const buf = this.buf;
    const p = this.pos;
    if (v < 10) {
      buf[p] = 48 + v;
      this.pos = p + 1;
      return;
    }
    const digits = v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5 : v < 1000000 ? 6 : v < 10000000 ? 7 : v < 100000000 ? 8 : v < 1000000000 ? 9 : 10;
    // Two digits at a time from the end; v < 2^31, so 32-bit integer arithmetic is exact.
    let t = v | 0;
    let q = p + digits;
    while (t >= 100) {
      const d = (t / 100) | 0;
      const r = (t - d * 100) << 1;
      buf[--q] = DIGIT_PAIRS[r + 1];
      buf[--q] = DIGIT_PAIRS[r];
      t = d;
    }
    if (t >= 10) {
      buf[--q] = DIGIT_PAIRS[(t << 1) + 1];
      buf[--q] = DIGIT_PAIRS[t << 1];
    } else buf[--q] = 48 + t;
    this.pos = p + digits;
  }

  /** `"name":value,` for a reception field, cached by value. */
  private meta(slot: number, name: string, value: string): void {
    if (value === this.lastMeta[slot]) {
      this.bytes(this.lastMetaBytes[slot]);
      return;
    }
    const cache = this.metaBytes[slot];
    let b = cache.get(value);
    if (b === undefined) {
      b = ENCODER.encode(`"${name}":${JSON.stringify(value)},`);
      if (cache.size >= 4096) cache.clear();
      cache.set(value, b);
    }
    this.lastMeta[slot] = value;
    this.lastMetaBytes[slot] = b;
    this.bytes(b);
  }

  /** The reception fields, byte for byte what {@link TimeFormatter.jsonHead} gives. */
  private head(meta: ReceivedMessage['meta']): void {
    this.ensure(1);
    this.buf[this.pos++] = 123;
    if (meta.time !== undefined) {
      const iso = this.times.iso(meta.time);
      if (iso !== this.receivedIso) {
        this.receivedIso = iso;
        this.receivedBytes = ENCODER.encode(iso === '' ? '' : `"received":"${iso}",`);
      }
      this.bytes(this.receivedBytes);
    }
    if (meta.station !== undefined) this.meta(0, 'station', meta.station);
    if (meta.channel !== undefined) this.meta(1, 'channel', meta.channel);
    if (meta.talker !== undefined) this.meta(2, 'talker', meta.talker);
    if (meta.own === true) this.bytes(OWN);
  }

  private number(v: number): void {
    this.ensure(32);
    if ((v | 0) === v) {
      // Integers (and -0, which JSON writes as 0).
      if (v < 0) {
        if (v === -2147483648) return this.text(String(v));
        this.buf[this.pos++] = 45;
        v = -v;
      }
      this.uint(v);
      return;
    }
    const a = v < 0 ? -v : v;
    if (a < 1e5) {
      // A decimal of at most 6 places: when k/1e6 is exactly this double, the shortest
      // round-trip form (what JSON writes) is k·10⁻⁶ without trailing zeros, since no other
      // decimal of as few digits lies within half an ulp (2⁻³⁷ here) of it.
      const k = Math.round(a * 1e6);
      if (k / 1e6 === a) {
        const ip = Math.floor(a);
        let frac = k - ip * 1e6;
        if (v < 0) this.buf[this.pos++] = 45;
        this.uint(ip);
        const buf = this.buf;
        let p = this.pos;
        buf[p++] = 46;
        for (let j = 5; j >= 0; j--) {
          // frac < 10^6: 32-bit integer arithmetic is exact.
          const q = (frac / 10) | 0;
          buf[p + j] = 48 + frac - q * 10;
          frac = q;
        }
        let len = 6;
        while (buf[p + len - 1] === 48) len--;
        this.pos = p + len;
        return;
      }
    }
    this.text(Number.isFinite(v) ? String(v) : 'null');
  }

  private string(s: string): void {
    const n = s.length;
    this.ensure(n + 2);
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = 34;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 32 || c > 126 || c === 34 || c === 92) {
        // Needs escaping or UTF-8: let JSON.stringify decide, from the start of the string.
        this.text(JSON.stringify(s));
        return;
      }
      buf[p++] = c;
    }
    buf[p++] = 34;
    this.pos = p;
  }

  /** Appends one message as a JSON line: reception fields first, then the message fields. */
  add(m: ReceivedMessage): void {
    this.head(m.meta);
    const msg = m.message as Record<string, unknown>;
    const type = msg.type;
    const slot = typeof type === 'number' ? type & 63 : 0;
    const keys = this.slotKeys[slot];
    const keyBytesAt = this.slotBytes[slot];
    let first = true;
    let f = 0;
    for (const k in msg) {
      if (keys[f] !== k) {
        keys[f] = k;
        keyBytesAt[f] = keyBytes(k);
      }
      const kb = keyBytesAt[f];
      f++;
      const v = msg[k];
      if (v === undefined) continue;
      const t = typeof v;
      if (t === 'function' || t === 'symbol') continue;
      if (t === 'object' || t === 'bigint') {
        const json = JSON.stringify(v) as string | undefined;
        // toJSON gave undefined: JSON.stringify leaves the key out.
        if (json === undefined) continue;
        this.key(kb, first);
        this.text(json);
      } else {
        this.key(kb, first);
        if (t === 'number') this.number(v as number);
        else if (t === 'string') this.string(v as string);
        else this.bytes(v === true ? TRUE : FALSE);
      }
      first = false;
    }
    this.ensure(2);
    this.buf[this.pos++] = 125;
    this.buf[this.pos++] = 10;
  }
}

/** RFC 4180 quoting is needed for commas, quotes, line breaks and edge spaces. */
function needsQuotes(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  if (s.charCodeAt(0) <= 32 || s.charCodeAt(n - 1) <= 32) return true;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 44 || c === 34 || c === 10 || c === 13) return true;
  }
  return false;
}

function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return needsQuotes(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function formatCsvRow(m: ReceivedMessage, fields: string[], times: TimeFormatter): string {
  let row = '';
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    let v: unknown;
    if (f === 'received') v = m.meta.time === undefined ? undefined : times.iso(m.meta.time);
    else if (f === 'station' || f === 'channel' || f === 'talker' || f === 'own') v = m.meta[f];
    else v = m.message[f];
    row += i === 0 ? csvCell(v) : `,${csvCell(v)}`;
  }
  return row + '\n';
}

/** Batches output text and honours stdout backpressure; stops quietly on a closed pipe. */
class Output {
  private parts: string[] = [];
  private size = 0;
  closed = false;
  /** JSON lines go here as bytes (CSV rows as strings through add). */
  readonly json = new JsonLineWriter();

  constructor(private readonly stream: Writable) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') this.closed = true;
      else throw err;
    });
  }

  add(text: string): void {
    this.parts.push(text);
    this.size += text.length;
  }

  get full(): boolean {
    return this.size + this.json.length >= OUTPUT_BATCH_CHARS;
  }

  async flush(): Promise<void> {
    if ((this.size === 0 && this.json.length === 0) || this.closed) {
      this.parts = [];
      this.size = 0;
      this.json.take();
      return;
    }
    // One of the two is empty: a run writes either CSV rows or JSON lines.
    const data: string | Uint8Array = this.size > 0 ? this.parts.join('') : this.json.take();
    this.parts = [];
    this.size = 0;
    if (this.stream.write(data)) return;
    // Wait for drain (or close), then remove the listener that lost the race: without the
    // abort, every backpressure wait would leave listeners behind (MaxListenersExceededWarning).
    const ac = new AbortController();
    const ignoreAbort = (): void => undefined;
    const drained = once(this.stream, 'drain', { signal: ac.signal });
    const closed = once(this.stream, 'close', { signal: ac.signal });
    drained.catch(ignoreAbort);
    closed.catch(ignoreAbort);
    try {
      await Promise.race([drained, closed]);
    } catch (err) {
      // The reader went away (`lookout decode … | head`): stop writing, not an input error.
      if ((err as NodeJS.ErrnoException).code === 'EPIPE') this.closed = true;
      else throw err;
    } finally {
      ac.abort();
    }
  }
}

class Progress {
  private last = 0;
  private shown = false;
  constructor(
    private readonly input: OpenedInput,
    private readonly start: number,
  ) {}

  update(stats: DecodeStats): void {
    const now = Date.now();
    if (now - this.last < 200 || this.input.size === undefined) return;
    this.last = now;
    this.shown = true;
    const frac = Math.min(1, this.input.bytesRead / this.input.size);
    const width = 30;
    const done = Math.round(frac * width);
    const secs = (now - this.start) / 1000;
    const rate = secs > 0 ? Math.round(stats.lines / secs) : 0;
    process.stderr.write(
      `\r[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${(frac * 100).toFixed(0).padStart(3)}%  ${stats.lines.toLocaleString('en-US')} lines  ${rate.toLocaleString('en-US')} lines/s `,
    );
  }

  clear(): void {
    if (this.shown) process.stderr.write(`\r${' '.repeat(79)}\r`);
  }
}

/** The stderr summary: lines, messages per type, rejections per reason, rate. */
export function formatSummary(stats: DecodeStats, seconds: number, files: number): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  const rate = seconds > 0 ? Math.round(stats.lines / seconds) : 0;
  const out: string[] = [];
  out.push(
    `decoded ${n(stats.messages)} messages from ${n(stats.lines)} lines (${n(stats.sentences)} AIS sentences) in ${files} input${files === 1 ? '' : 's'}, ${seconds.toFixed(2)} s, ${n(rate)} lines/s`,
  );
  const types = stats.types.map((c, t) => (c > 0 ? `${t}: ${n(c)}` : '')).filter((x) => x !== '');
  if (types.length > 0) out.push(`  messages by type  ${types.join(', ')}`);
  out.push(`  ignored           ${n(stats.blank)} blank, ${n(stats.comments)} comment, ${n(stats.metadata)} $PGHP time lines`);
  const errors = ERROR_REASONS.filter((r) => stats.errors[r] > 0).map((r) => `${r} ${n(stats.errors[r])}`);
  out.push(`  rejected          ${errors.length > 0 ? errors.join(', ') : 'none'}`);
  return out.join('\n') + '\n';
}

async function run(argv: string[]): Promise<number> {
  const opts = parseArgs(argv);
  const started = Date.now();
  const total = createStats();
  const times = new TimeFormatter();
  const output = new Output(process.stdout);
  const json = output.json;
  const types = opts.types;
  const csv = opts.format === 'csv';
  if (csv) output.add(opts.fields.join(',') + '\n');
  const batch: ReceivedMessage[] = [];
  let status = 0;

  for (const file of opts.files) {
    let input: OpenedInput;
    try {
      input = await openInput(file);
    } catch (err) {
      process.stderr.write(`lookout decode: cannot open ${file}: ${(err as Error).message}\n`);
      status = 1;
      continue;
    }
    const decoder = new AisDecoder();
    const showProgress =
      opts.progress && process.stderr.isTTY === true && input.size !== undefined && input.size >= PROGRESS_MIN_BYTES;
    const progress = showProgress ? new Progress(input, Date.now()) : undefined;
    const emit = (): void => {
      for (let i = 0; i < batch.length; i++) {
        const m = batch[i];
        if (types !== undefined && types[m.message.type] !== true) continue;
        if (csv) output.add(formatCsvRow(m, opts.fields, times));
        else json.add(m);
      }
      batch.length = 0;
    };
    try {
      for await (const chunk of input.chunks) {
        decoder.write(chunk, batch);
        emit();
        if (output.full) await output.flush();
        if (output.closed) break;
        progress?.update(decoder.stats);
      }
      decoder.end(batch);
      emit();
    } catch (err) {
      process.stderr.write(`lookout decode: error reading ${file}: ${(err as Error).message}\n`);
      status = 1;
    }
    progress?.clear();
    addStats(total, decoder.stats);
    if (output.closed) break;
  }
  await output.flush();
  if (!opts.quiet) process.stderr.write(formatSummary(total, (Date.now() - started) / 1000, opts.files.length));
  return status;
}

/** The `decode` subcommand. */
export const decodeCommand: Command = {
  name: 'decode',
  summary: 'decode AIS NMEA logs (files, gzip or stdin) to JSON lines or CSV',
  help: HELP,
  run,
};
