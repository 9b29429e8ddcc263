/**
 * `lookout decode [FILE…]`: AIS NMEA logs → one JSON object (or CSV row) per message on
 * stdout, a summary on stderr. docs/decoding.md documents the output fields.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { AisDecoder } from '../../ais/nmea/decoder.js';
import { addStats, createStats, ERROR_REASONS, type DecodeStats } from '../../ais/nmea/stats.js';
import type { ReceivedMessage } from '../../ais/types.js';
import { openInput, type OpenedInput } from '../../ingest/open.js';
import { UsageError, type Command } from '../command.js';

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
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string => {
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
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
    else if (a === '-' || !a.startsWith('-')) o.files.push(a);
    else if (a === '--') {
      o.files.push(...argv.slice(i + 1));
      break;
    }
    else throw new UsageError(`unknown option '${a}'`);
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
    return this.size >= OUTPUT_BATCH_CHARS;
  }

  async flush(): Promise<void> {
    if (this.size === 0 || this.closed) {
      this.parts = [];
      this.size = 0;
      return;
    }
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (this.stream.write(text)) return;
    try {
      await Promise.race([once(this.stream, 'drain'), once(this.stream, 'close')]);
    } catch (err) {
      // The reader went away (`lookout decode … | head`): stop writing, not an input error.
      if ((err as NodeJS.ErrnoException).code === 'EPIPE') this.closed = true;
      else throw err;
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
        output.add(csv ? formatCsvRow(m, opts.fields, times) : formatJsonLine(m, times));
      }
      batch.length = 0;
    };
    try {
      for await (const chunk of input.chunks) {
        decoder.write(chunk.toString('latin1'), batch);
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
