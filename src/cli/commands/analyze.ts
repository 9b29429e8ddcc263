/**
 * `lookout analyze FILE…`: AIS (NMEA logs or decoded CSV, gzip or not) → the vessel picture →
 * every detector → events, sorted by start then id, as JSON lines, GeoJSON or CSV. A progress bar
 * on a terminal; a summary on stderr. docs/events.md documents the events.
 */
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { ERROR_REASONS } from '../../ais/nmea/stats.js';
import { ConfigError, parseDetectorConfig, type DetectorConfig } from '../../detect/config.js';
import type { LookoutEvent } from '../../detect/event.js';
import { openInput, type OpenedInput } from '../../ingest/open.js';
import { createInputCounts, feedInput, measureLateness, type InputCounts } from '../../pipeline/inputs.js';
import { compareEvents, footer, formatEvent, header, type EventFormat } from '../../pipeline/output.js';
import { Pipeline, type PipelineStats } from '../../pipeline/pipeline.js';
import { loadRefData } from '../../pipeline/refdata.js';
import { UsageError, type Command } from '../command.js';
import { readArgs } from '../args.js';

const HELP = `lookout analyze: detect behaviours (gaps, encounters, loitering, port visits, identity
changes and anomalies, shared MMSIs, spoofing, draught changes, zone entries/exits/transits)

Usage: lookout analyze [options] FILE…

Inputs: NMEA logs (any timestamp convention 'lookout decode' reads) and decoded CSV
exports (Danish Maritime Authority aisdk, NOAA MarineCadastre, semicolon "decoded
reports"), recognised from their first line; gzip is detected by its magic bytes;
'-' reads stdin. Inputs are analysed as one stream, in the order given.

Options:
  --ports FILE          extra ports (CSV: name,lat,lon,radius_m,country,unlocode,tags); repeatable
  --zones FILE          extra zones (GeoJSON FeatureCollection with id and name); repeatable
  --config FILE         detector parameters (JSON; 'lookout analyze --print-config' lists them)
  --format FMT          jsonl (default), geojson or csv
  -o, --output FILE     write events to FILE instead of stdout
  --reorder-minutes N   how late (stream time) a message may arrive and still be used (default 5);
                        'auto' reads the NMEA inputs once first and sizes the window to keep
                        every message (satellite logs arrive in passes, tens of minutes late)
  --print-config        print every parameter with its default as JSON and exit
  --no-progress         no progress bar (shown only on a terminal)
  --quiet               no summary on stderr
  -h, --help            this help

Time comes from the messages (tag blocks, $PGHP lines, log or CSV time columns); a message
without one takes the previous message's time, so a log with no times at all yields nothing
but 'no_time' rejections. A message older than the reorder window allows is counted as
'late'; the summary then says how far behind it was and which window would keep it.

A decoded CSV export (DMA, MarineCadastre, decoded reports) is put in time order first: in
memory up to 500,000 rows, on disk beyond (sorted runs in TMPDIR, about the input's size,
removed at the end), so a file listed vessel by vessel loses nothing to the window.

Events are written once the whole input has been read, sorted by start time then id, so
the output is byte-for-byte the same for the same input. The summary on stderr gives
messages, vessels, tracks, events per type, and rejected lines and positions by reason.

Exit status: 0 when every input was read (bad lines are counted, not fatal), 1 when an
input could not be read, 2 on a usage or configuration error.
`;

interface AnalyzeOptions {
  files: string[];
  ports: string[];
  zones: string[];
  config: string | undefined;
  format: EventFormat;
  output: string | undefined;
  /** Fixed window, or 'auto' (sized by a first pass over the inputs). */
  reorderMinutes: number | 'auto';
  printConfig: boolean;
  progress: boolean;
  quiet: boolean;
}

function parseArgs(argv: string[]): AnalyzeOptions {
  const o: AnalyzeOptions = {
    files: [],
    ports: [],
    zones: [],
    config: undefined,
    format: 'jsonl',
    output: undefined,
    reorderMinutes: 5,
    printConfig: false,
    progress: true,
    quiet: false,
  };
  for (const arg of readArgs(argv)) {
    const { name, value } = arg;
    if (arg.operand) {
      o.files.push(name);
      continue;
    }
    if (name === '--ports') o.ports.push(value());
    else if (name === '--zones') o.zones.push(value());
    else if (name === '--config') o.config = value();
    else if (name === '--format') {
      const f = value();
      if (f !== 'jsonl' && f !== 'geojson' && f !== 'csv') throw new UsageError(`unknown format '${f}' (jsonl, geojson or csv)`);
      o.format = f;
    } else if (name === '-o' || name === '--output') o.output = value();
    else if (name === '--reorder-minutes') {
      const v = value();
      const n = Number(v);
      if (v === 'auto') o.reorderMinutes = 'auto';
      else if (v.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError("--reorder-minutes must be a number ≥ 0 or 'auto'");
      else o.reorderMinutes = n;
    } else if (name === '--print-config') o.printConfig = true;
    else if (name === '--no-progress') o.progress = false;
    else if (name === '--quiet' || name === '-q') o.quiet = true;
    else throw new UsageError(`unknown option '${arg.raw}'`);
  }
  return o;
}

function readConfig(path: string | undefined): DetectorConfig {
  if (path === undefined) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read --config ${path}: ${(err as Error).message}`);
  }
  try {
    return parseDetectorConfig(raw);
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(`--config ${path}: ${err.message}`);
    throw err;
  }
}

/** A one-line progress bar on stderr, for terminals only; wall-clock time here is display only. */
class Progress {
  private last = 0;
  private shown = false;
  private readonly started = Date.now();
  constructor(
    private readonly input: OpenedInput,
    private readonly stats: PipelineStats,
  ) {}

  update(): void {
    const now = Date.now();
    if (now - this.last < 200) return;
    this.last = now;
    this.shown = true;
    const size = this.input.size;
    const frac = size === undefined || size === 0 ? 0 : Math.min(1, this.input.bytesRead / size);
    const width = 24;
    const done = Math.round(frac * width);
    const secs = (now - this.started) / 1000;
    const rate = secs > 0 ? Math.round(this.stats.messages / secs) : 0;
    const events = Object.values(this.stats.events).reduce((a, b) => a + b, 0);
    process.stderr.write(
      `\r[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${(frac * 100).toFixed(0).padStart(3)}%  ${this.stats.messages.toLocaleString('en-US')} msgs  ${rate.toLocaleString('en-US')}/s  ${this.stats.vessels.toLocaleString('en-US')} vessels  ${events} events `,
    );
  }

  clear(): void {
    if (this.shown) process.stderr.write(`\r${' '.repeat(100)}\r`);
  }
}

const n = (x: number): string => x.toLocaleString('en-US');
const list = (r: Record<string, number>): string => {
  const parts = Object.keys(r)
    .sort()
    .filter((k) => (r[k] ?? 0) > 0)
    .map((k) => `${k} ${n(r[k] ?? 0)}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
};

/** The reorder window a run used: minutes, and whether `auto` sized it from a first pass. */
export interface ReorderReport {
  minutes: number;
  auto: boolean;
  /** auto only: the most a message was behind a newer one in the first pass, ms. */
  measuredMs?: number;
}

/** Longest window `--reorder-minutes auto` sets: a day of stream time. */
const AUTO_MAX_MINUTES = 24 * 60;
const minutes = (ms: number): string => (ms / 60_000).toFixed(1);

/** The stderr summary of a run. */
export function formatAnalyzeSummary(stats: PipelineStats, counts: InputCounts, seconds: number, events: number, reorder: ReorderReport): string {
  const d = counts.decode;
  const decodeErrors: Record<string, number> = {};
  for (const r of ERROR_REASONS) if (d.errors[r] > 0) decodeErrors[r] = d.errors[r];
  const out = [
    `analysed ${n(stats.messages)} messages in ${seconds.toFixed(2)} s (${n(seconds > 0 ? Math.round(stats.messages / seconds) : 0)} msgs/s): ${n(stats.vessels)} vessels, ${n(stats.tracks)} tracks, ${n(events)} events`,
    `  inputs            ${counts.nmea} NMEA (${n(d.lines)} lines), ${counts.csv} CSV (${n(counts.csvRows)} rows${counts.csvSorted > 0 ? `, ${counts.csvSorted} sorted by time` : ''}${counts.csvSortRuns > 0 ? `, ${counts.csvSortRuns} sorted runs on disk` : ''})`,
    `  events by type    ${list(stats.events)}`,
    `  positions         ${n(stats.positions)} accepted, ${n(stats.statics)} static messages, ${n(stats.other)} other types`,
    `  rejected messages ${list(stats.rejected)}`,
    `  rejected lines    ${list({ ...decodeErrors, ...Object.fromEntries(Object.entries(counts.csvRejected).map(([k, v]) => [`csv_${k}`, v])) })}`,
  ];
  if (reorder.auto) {
    const found = reorder.measuredMs ?? 0;
    out.push(
      `  reorder window    ${reorder.minutes} min (auto: ${found > 0 ? `a first pass found messages up to ${minutes(found)} min behind newer ones` : 'the inputs are in time order'}${found > AUTO_MAX_MINUTES * 60_000 ? `; capped at ${AUTO_MAX_MINUTES} min` : ''})`,
    );
  }
  const late = stats.rejected['late'] ?? 0;
  if (late > 0) {
    const keep = Math.ceil(stats.late_max_ms / 60_000);
    out.push(
      `  late messages     ${n(late)} were up to ${minutes(stats.late_max_ms)} min behind newer ones, beyond the ${reorder.minutes}-min reorder window: --reorder-minutes ${keep} (or auto) keeps them` +
        (stats.late_statics > 0 ? ` (${n(stats.late_statics)} late static messages still filled unknown identity fields)` : ''),
    );
  }
  if (stats.stream_time !== undefined) out.push(`  stream ends       ${new Date(stats.stream_time).toISOString()}`);
  return out.join('\n') + '\n';
}

async function write(stream: Writable, text: string): Promise<void> {
  if (stream.write(text)) return;
  // Wait for drain (or close), then remove the listener that lost the race: without the abort,
  // every backpressure wait would leave a 'close' listener behind.
  const ac = new AbortController();
  const ignoreAbort = (): void => undefined;
  const drained = once(stream, 'drain', { signal: ac.signal });
  const closed = once(stream, 'close', { signal: ac.signal });
  drained.catch(ignoreAbort);
  closed.catch(ignoreAbort);
  try {
    await Promise.race([drained, closed]);
  } finally {
    ac.abort();
  }
}

/**
 * The reorder window: as given, or for 'auto' the most a message of the inputs is behind a newer
 * one (a first pass that decodes every NMEA input), in whole minutes, at most a day.
 */
async function reorderWindow(o: AnalyzeOptions): Promise<ReorderReport> {
  if (o.reorderMinutes !== 'auto') return { minutes: o.reorderMinutes, auto: false };
  if (o.files.includes('-')) throw new UsageError("--reorder-minutes auto reads the inputs twice: it cannot read stdin ('-')");
  async function* opened(): AsyncGenerator<OpenedInput> {
    for (const file of o.files) {
      let input: OpenedInput;
      try {
        input = await openInput(file);
      } catch {
        continue; // reported by the analysis pass
      }
      yield input;
    }
  }
  const lateMs = await measureLateness(opened());
  return { minutes: Math.min(AUTO_MAX_MINUTES, Math.ceil(lateMs / 60_000)), auto: true, measuredMs: lateMs };
}

async function run(argv: string[]): Promise<number> {
  const o = parseArgs(argv);
  if (o.printConfig) {
    const { defaultConfig } = await import('../../detect/config.js');
    process.stdout.write(JSON.stringify(defaultConfig(), null, 2) + '\n');
    return 0;
  }
  if (o.files.length === 0) throw new UsageError('no input FILE (use - for stdin)');
  const config = readConfig(o.config);
  const started = Date.now();
  const refdata = await loadRefData({
    ports: o.ports,
    zones: o.zones,
    onReject: (file, where, reason) => {
      if (!o.quiet) process.stderr.write(`lookout analyze: ${file} ${where}: ${reason}\n`);
    },
  });
  const events: LookoutEvent[] = [];
  const reorder = await reorderWindow(o);
  const reorderWindowMs = reorder.minutes * 60_000;
  const pipeline = new Pipeline({ refdata, config, onEvent: (e) => events.push(e), reorderWindowMs });
  const counts = createInputCounts();
  let status = 0;
  for (const file of o.files) {
    let input: OpenedInput;
    try {
      input = await openInput(file);
    } catch (err) {
      process.stderr.write(`lookout analyze: cannot open ${file}: ${(err as Error).message}\n`);
      status = 1;
      continue;
    }
    const progress = o.progress && process.stderr.isTTY === true ? new Progress(input, pipeline.stats) : undefined;
    try {
      await feedInput(input, pipeline, counts, { reorderWindowMs, onChunk: () => progress?.update() });
    } catch (err) {
      process.stderr.write(`lookout analyze: error reading ${file}: ${(err as Error).message}\n`);
      status = 1;
    }
    progress?.clear();
  }
  pipeline.finish();
  events.sort(compareEvents);

  const stream: Writable = o.output === undefined ? process.stdout : createWriteStream(o.output);
  let closed = false;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') closed = true;
    else {
      process.stderr.write(`lookout analyze: cannot write ${o.output ?? 'stdout'}: ${err.message}\n`);
      closed = true;
      status = 1;
    }
  });
  let batch = header(o.format);
  for (let i = 0; i < events.length && !closed; i++) {
    batch += formatEvent(events[i], o.format, i);
    if (batch.length > 256 * 1024) {
      await write(stream, batch);
      batch = '';
    }
  }
  batch += footer(o.format);
  if (!closed) await write(stream, batch);
  if (o.output !== undefined) {
    stream.end();
    await once(stream, 'finish').catch(() => undefined);
  }
  if (!o.quiet) process.stderr.write(formatAnalyzeSummary(pipeline.stats, counts, (Date.now() - started) / 1000, events.length, reorder));
  return status;
}

/** The `analyze` subcommand. */
export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'detect behaviours in AIS logs or CSV exports: events as JSON lines, GeoJSON or CSV',
  help: HELP,
  run,
};
