/**
 * Lines sorted by a time each one carries, in bounded memory: an external merge sort. Lines are
 * held until `runRows` of them wait; the caller then spills them (sorted) to a temporary file, a
 * run, or takes them as they are. `sorted()` merges the runs on disk with what is still held.
 * Equal times keep the order the lines were added (each run is sorted stably, and runs are merged
 * in the order they were written), so the result is the same whatever `runRows` is.
 *
 * Why: decoded CSV exports such as NOAA MarineCadastre's daily files list rows vessel by vessel
 * (7–10 million rows a day); the pipeline needs them in time order, and a whole day of parsed
 * messages does not fit in memory.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Lines written to a run file per write call. */
const WRITE_LINES = 16_384;
/** Bytes read from a run file at a time while merging. */
const READ_BYTES = 1 << 20;

/** One sorted source of lines during the merge: its current head, or done. */
interface Run {
  time: number;
  line: string;
  done: boolean;
  advance(): void;
}

/** A run on disk: `<time>\t<line>\n` records (latin1, as the lines were read), read in blocks. */
class FileRun implements Run {
  time = 0;
  line = '';
  done = false;
  private readonly buf = Buffer.allocUnsafe(READ_BYTES);
  private text = '';
  private pos = 0;
  private eof = false;

  constructor(private readonly fd: number) {
    this.advance();
  }

  /** Done: close the file (once). */
  close(): void {
    if (this.done) return;
    this.done = true;
    closeSync(this.fd);
  }

  advance(): void {
    for (;;) {
      const nl = this.text.indexOf('\n', this.pos);
      if (nl >= 0) {
        // The time has no tab in it: the first tab ends it (the line may hold tabs of its own).
        const tab = this.text.indexOf('\t', this.pos);
        this.time = Number(this.text.slice(this.pos, tab));
        this.line = this.text.slice(tab + 1, nl);
        this.pos = nl + 1;
        return;
      }
      if (this.eof) {
        this.close();
        return;
      }
      const n = readSync(this.fd, this.buf, 0, READ_BYTES, null);
      if (n === 0) this.eof = true;
      this.text = this.text.slice(this.pos) + this.buf.toString('latin1', 0, n);
      this.pos = 0;
    }
  }
}

/** The lines still held, in sorted order. */
class MemoryRun implements Run {
  time = 0;
  line = '';
  done = false;
  private i = 0;

  constructor(private readonly lines: string[], private readonly times: number[], private readonly order: Uint32Array) {
    this.advance();
  }

  advance(): void {
    if (this.i >= this.order.length) {
      this.done = true;
      return;
    }
    const k = this.order[this.i++];
    this.time = this.times[k];
    this.line = this.lines[k];
  }
}

/** Indices of `times` in ascending order, equal times in index order (a stable sort). */
function stableOrder(times: number[]): Uint32Array {
  const order = new Uint32Array(times.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  // −Infinity (no time) minus −Infinity is NaN, which `||` passes over to the index order.
  order.sort((a, b) => times[a] - times[b] || a - b);
  return order;
}

export class TimeSortedLines {
  private lines: string[] = [];
  private times: number[] = [];
  private dir: string | undefined;
  private readonly runs: string[] = [];
  /** Run files open for a merge (closed when read to the end, or by dispose). */
  private open: FileRun[] = [];

  /** `parent`: where the run files go (a new folder in it; default the system's temporary folder). */
  constructor(private readonly parent = tmpdir()) {}

  /** Lines held in memory. */
  get held(): number {
    return this.lines.length;
  }

  /** Runs written to disk so far. */
  get spilledRuns(): number {
    return this.runs.length;
  }

  /** Hold a line with its time (−Infinity for none: such lines come first). */
  add(time: number, line: string): void {
    this.lines.push(line);
    this.times.push(time);
  }

  /** The held lines in the order added, no longer held (for input found in order so far). */
  takeHeld(): string[] {
    const out = this.lines;
    this.lines = [];
    this.times = [];
    return out;
  }

  /** Sort the held lines and write them to a new run file. */
  spill(): void {
    try {
      this.writeRun();
    } catch (err) {
      throw new Error(`sorting by time on disk, in ${this.parent} (set TMPDIR for another folder; it needs about the input's size): ${(err as Error).message}`, { cause: err });
    }
  }

  private writeRun(): void {
    if (this.lines.length === 0) return;
    this.dir ??= mkdtempSync(join(this.parent, 'lookout-sort-'));
    const path = join(this.dir, `run-${this.runs.length}`);
    const fd = openSync(path, 'w');
    try {
      const order = stableOrder(this.times);
      const parts: string[] = [];
      for (let i = 0; i < order.length; i++) {
        const k = order[i];
        parts.push(`${this.times[k]}\t${this.lines[k]}\n`);
        if (parts.length === WRITE_LINES || i === order.length - 1) {
          writeSync(fd, parts.join(''), null, 'latin1');
          parts.length = 0;
        }
      }
    } finally {
      closeSync(fd);
    }
    this.runs.push(path);
    this.lines = [];
    this.times = [];
  }

  /** Every line added and not taken, by time (equal times in the order added). */
  *sorted(): Generator<string> {
    this.open = this.runs.map((path) => new FileRun(openSync(path, 'r')));
    const sources: Run[] = [...this.open];
    sources.push(new MemoryRun(this.lines, this.times, stableOrder(this.times)));
    this.lines = [];
    this.times = [];
    const live = sources.filter((r) => !r.done);
    // A linear scan for the smallest head: runs are few (one per `runRows` lines), and the
    // earlier run wins a tie (runs hold the input in order).
    while (live.length > 0) {
      let best = 0;
      for (let i = 1; i < live.length; i++) if (live[i].time < live[best].time) best = i;
      const r = live[best];
      yield r.line;
      r.advance();
      if (r.done) live.splice(best, 1);
    }
  }

  /** Remove the run files (call when done, also after an error). */
  dispose(): void {
    for (const r of this.open) r.close();
    this.open = [];
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
    this.runs.length = 0;
  }
}
