/**
 * Feeding files to a pipeline: an input is sniffed from its first line, NMEA logs go through the
 * AIS decoder, decoded CSV exports through the CSV reader. CSV rows are often grouped by vessel
 * rather than by time; a CSV file whose order would defeat the reorder window is sorted by time
 * first: in memory, or beyond `csvRunRows` rows on disk (an external merge sort, which a larger
 * file goes through whatever its order: disorder may come late).
 */
import { AisDecoder } from '../ais/nmea/decoder.js';
import { addStats, createStats, type DecodeStats } from '../ais/nmea/stats.js';
import type { ReceivedMessage } from '../ais/types.js';
import { CsvReader, detectCsvLayout, type CsvLayout } from '../ingest/csv.js';
import { splitLines } from '../ingest/lines.js';
import { TimeSortedLines } from '../ingest/time-sort.js';
import type { OpenedInput } from '../ingest/open.js';
import type { Pipeline } from './pipeline.js';

/** Counts over every input fed. */
export interface InputCounts {
  /** Inputs by kind. */
  nmea: number;
  csv: number;
  decode: DecodeStats;
  csvRows: number;
  csvRejected: Record<string, number>;
  /** CSV files that were sorted by time before analysis. */
  csvSorted: number;
  /** Sorted runs written to disk for CSV files larger than the rows held in memory (FeedOptions.csvRunRows). */
  csvSortRuns: number;
}

/** Fresh counters. */
export function createInputCounts(): InputCounts {
  return { nmea: 0, csv: 0, decode: createStats(), csvRows: 0, csvRejected: {}, csvSorted: 0, csvSortRuns: 0 };
}

/** Options of feedInput. */
export interface FeedOptions {
  /** Called after each chunk (progress display). */
  onChunk?: () => void;
  /**
   * CSV rows held in memory at a time (default 500,000): a larger file is sorted on disk, in runs
   * of this many rows merged at the end (src/ingest/time-sort.ts).
   */
  csvRunRows?: number;
  /** Where those runs go (default: the system's temporary folder). */
  sortDir?: string;
  /** The pipeline's reorder window, ms: CSV disorder within it needs no sort. */
  reorderWindowMs?: number;
}

/** Put the first chunk back in front of the rest. */
async function* prepend(first: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield first;
  for (;;) {
    const r = await rest.next();
    if (r.done) return;
    yield r.value;
  }
}

/** The CSV layout of an input whose first line is `head`, or undefined for NMEA (or anything else). */
export function sniffCsv(head: string): CsvLayout | undefined {
  const nl = head.indexOf('\n');
  const first = (nl < 0 ? head : head.slice(0, nl)).replace(/\r$/, '');
  return detectCsvLayout(first);
}

/** An input's kind, told from its first line, and all of its chunks (the first ones put back). */
async function sniffInput(input: OpenedInput): Promise<{ csv: boolean; chunks: AsyncIterable<Buffer> }> {
  const it = input.chunks[Symbol.asyncIterator]();
  let first: Buffer = Buffer.alloc(0);
  // Enough bytes for a header line.
  while (first.length < 4096) {
    const r = await it.next();
    if (r.done) break;
    first = first.length === 0 ? r.value : Buffer.concat([first, r.value]);
    if (first.includes(10)) break;
  }
  return { csv: sniffCsv(first.toString('latin1')) !== undefined, chunks: prepend(first, it) };
}

/** Read one opened input into the pipeline, counting into `counts`. */
export async function feedInput(input: OpenedInput, pipeline: Pipeline, counts: InputCounts, o: FeedOptions = {}): Promise<void> {
  const { csv, chunks } = await sniffInput(input);
  if (csv) {
    counts.csv++;
    await feedCsv(chunks, input.name, pipeline, counts, o);
  } else {
    counts.nmea++;
    // Each message goes to the pipeline as soon as it is decoded. Decoding a whole chunk (4,000
    // messages) into an array first kept them alive through the collections that the pipeline's
    // own allocations set off, and V8 then pretenured the decoder's message objects: every one an
    // old-space allocation (12 % of the analysis of the simulated corpus; docs/tracking.md).
    const decoder = new AisDecoder({ onMessage: (m) => pipeline.push(m) });
    for await (const chunk of chunks) {
      decoder.write(chunk);
      o.onChunk?.();
    }
    decoder.end();
    addStats(counts.decode, decoder.stats);
  }
}

async function feedCsv(chunks: AsyncIterable<Buffer>, name: string, pipeline: Pipeline, counts: InputCounts, o: FeedOptions): Promise<void> {
  const runRows = Math.max(1, o.csvRunRows ?? 500_000);
  const window = o.reorderWindowMs ?? 5 * 60_000;
  let reader: CsvReader | undefined;
  const rows = new TimeSortedLines(o.sortDir);
  let maxTime = -Infinity;
  let disordered = false;
  const out: ReceivedMessage[] = [];
  let analysed = 0;
  const read = (r: CsvReader, line: string): void => {
    r.row(line, out);
    for (let i = 0; i < out.length; i++) pipeline.push(out[i]);
    out.length = 0;
    // Rows held for the sort are analysed after the file is read: the progress goes on meanwhile.
    if (++analysed % 65_536 === 0) o.onChunk?.();
  };
  let lines = 0;
  try {
    for await (const line of splitLines(chunks, 65_536)) {
      if (reader === undefined) {
        reader = new CsvReader(line, name);
        continue;
      }
      const t = reader.timeOf(line);
      if (t !== undefined) {
        if (t < maxTime - window) disordered = true;
        if (t > maxTime) maxTime = t;
      }
      rows.add(t ?? -Infinity, line);
      // To disk, sorted, even while the file looks in order: disorder may come later (files
      // joined out of order, a vessel-by-vessel export), and rows already analysed would make
      // the older ones late. In order, the merge gives the rows back in file order.
      if (rows.held >= runRows) rows.spill();
      if (++lines % 65_536 === 0) o.onChunk?.();
    }
    if (reader === undefined) return;
    if (disordered) counts.csvSorted++;
    counts.csvSortRuns += rows.spilledRuns;
    if (disordered || rows.spilledRuns > 0) for (const l of rows.sorted()) read(reader, l);
    else for (const l of rows.takeHeld()) read(reader, l);
    counts.csvRows += reader.stats.rows;
    for (const [k, v] of Object.entries(reader.stats.rejected)) counts.csvRejected[k] = (counts.csvRejected[k] ?? 0) + v;
  } finally {
    rows.dispose();
  }
}

/** Add decode stats of several runs (re-exported for the CLI summary). */
export { addStats };

/**
 * The most a timed message of these inputs (read as one stream, in the order given) is behind the
 * newest message before it, ms: the reorder window that loses none of them. A first pass for
 * `lookout analyze --reorder-minutes auto`; NMEA inputs only (a disordered CSV export is sorted
 * by feedInput anyway). Costs one decode of each NMEA input.
 */
export async function measureLateness(inputs: AsyncIterable<OpenedInput>): Promise<number> {
  let newest = -Infinity;
  let lateMs = 0;
  const decoder = (): AisDecoder =>
    new AisDecoder({
      onMessage: (m) => {
        const t = m.meta.time;
        if (t === undefined || !Number.isFinite(t)) return;
        if (t >= newest) newest = t;
        else if (newest - t > lateMs) lateMs = newest - t;
      },
    });
  for await (const input of inputs) {
    const { csv, chunks } = await sniffInput(input);
    if (csv) {
      await input.chunks[Symbol.asyncIterator]().return?.(undefined); // close the file unread
      continue;
    }
    const d = decoder();
    for await (const chunk of chunks) d.write(chunk);
    d.end();
  }
  return lateMs;
}
