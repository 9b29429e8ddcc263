/**
 * `file:///path` (a file, a .gz file or a folder of them) and `-` (stdin). Pace: `fast` (as fast
 * as the pipeline takes it), `recorded` (the recorded timing, `speed=N` times faster) or
 * `follow` (fast to the end, then wait for the file to grow, like `tail -f`). `loop=1` replays
 * forever; `retime=1` shifts reception times so each pass looks live (the demo traffic). At
 * recorded pace a silence longer than `maxWaitMs` is shortened to it, and the re-timed times
 * drop the shortened part with it, so that a re-timed replay never runs ahead of the clock.
 */
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { lineTime } from './line-time.js';
import { ByteLineSplitter, delay, latin1Of, newStatus, offerLine } from './source.js';
import type { LineSink, Source, SourceStatus } from './source.js';

export type Pace = 'fast' | 'recorded' | 'follow';

export interface FileOptions {
  pace: Pace;
  /** Replay speed factor for `recorded`. */
  speed: number;
  loop: boolean;
  retime: boolean;
  /** Lines of the first pass to read without pacing (catching up after a restart). */
  skip: number;
  /** Longest wait between two lines in `recorded` pace, ms (a recording's long silences are shortened). */
  maxWaitMs: number;
}

export const FILE_DEFAULTS: FileOptions = { pace: 'fast', speed: 1, loop: false, retime: false, skip: 0, maxWaitMs: 10_000 };

/** The files a path names: itself, or the regular files of a folder sorted by name. */
export async function listFiles(path: string): Promise<string[]> {
  const st = await stat(path);
  if (!st.isDirectory()) return [path];
  const names = (await readdir(path)).filter((n) => !n.startsWith('.')).sort();
  const out: string[] = [];
  for (const n of names) if ((await stat(join(path, n))).isFile()) out.push(join(path, n));
  return out;
}

async function* fileChunks(path: string, follow: boolean, signal: AbortSignal): AsyncGenerator<Buffer> {
  if (path.endsWith('.gz')) {
    for await (const c of createReadStream(path).pipe(createGunzip())) {
      if (signal.aborted) return;
      yield c as Buffer;
    }
    return;
  }
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    let pos = 0;
    while (!signal.aborted) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead > 0) {
        pos += bytesRead;
        yield buf.subarray(0, bytesRead);
        continue;
      }
      if (!follow) return;
      await delay(200, signal);
      if ((await fh.stat()).size < pos) pos = 0; // truncated or rotated in place: start over
    }
  } finally {
    await fh.close();
  }
}

/** Reads files (or stdin) into the sink with the chosen pace. */
export class FileSource implements Source {
  readonly status: SourceStatus;
  readonly stampArrival: boolean;
  private readonly abort = new AbortController();
  private done: Promise<void> = Promise.resolve();
  /** Resolves when the input is exhausted (never for follow/loop until stopped). */
  finished: Promise<void> = Promise.resolve();

  constructor(readonly name: string, readonly url: string, private readonly path: string | undefined, readonly options: FileOptions) {
    this.status = newStatus(name, url, path === undefined ? 'stdin' : 'file');
    this.stampArrival = path === undefined;
    this.status.position = 0;
    this.status.loops = 0;
  }

  start(sink: LineSink): void {
    this.done = this.run(sink).catch((err: unknown) => {
      this.status.last_error = err instanceof Error ? err.message : String(err);
      this.status.state = 'stopped';
    });
    this.finished = this.done;
  }

  private async run(sink: LineSink): Promise<void> {
    const o = this.options;
    const signal = this.abort.signal;
    const status = this.status;
    // Only a recorded pace or re-timing reads each line's time (as a string); otherwise lines go to
    // the sink as bytes, without a string per line.
    const timed = o.pace === 'recorded' || o.retime;
    status.state = 'reading';
    let pass = 0;
    do {
      const split = new ByteLineSplitter(status);
      let t0: number | undefined;
      let w0 = 0;
      let shift = 0;
      let index = 0;
      let sawPghp = false;
      /** The current line of `split` to the sink, paced; false once stopped. */
      const one = async (): Promise<boolean> => {
        if (signal.aborted) return false;
        const catchingUp = pass === 0 && index < o.skip;
        index++;
        if (timed && !catchingUp) {
          const line = latin1Of(split.buf, split.start, split.end);
          // A log with Gatehouse $PGHP lines times its sentences by them, not by trailing arrival columns.
          if (line.startsWith('$PGHP')) sawPghp = true;
          const t = sawPghp && !line.startsWith('$PGHP') ? undefined : lineTime(line);
          if (t !== undefined) {
            if (t0 === undefined) {
              t0 = t;
              w0 = Date.now();
              if (o.retime) shift = w0 - t0;
            } else if (o.pace === 'recorded') {
              const due = w0 + (t - t0) / o.speed;
              const ahead = due - Date.now();
              const wait = Math.min(o.maxWaitMs, ahead);
              if (wait > 2) await delay(wait, signal);
              // A silence longer than maxWaitMs is shortened, and a replay that fell behind (paused
              // by backpressure) does not rush to catch up: either way the reference moves so that
              // later lines keep their spacing, and re-timed times move with it, so that a re-timed
              // replay stays on the clock (running ahead, it made every other source's messages late).
              const off = Date.now() - due;
              if (ahead > o.maxWaitMs || off > o.maxWaitMs) {
                w0 += off;
                if (o.retime) shift += off * o.speed;
              }
            }
          }
        }
        status.lines++;
        status.position = index;
        status.last_seen = Date.now();
        offerLine(sink, this, split.buf, split.start, split.end, shift);
        if (sink.full) await sink.room();
        return true;
      };
      /** Every line of the chunk fed to `split`; false once stopped. */
      const feed = async (): Promise<boolean> => {
        if (timed) {
          while (split.next()) if (!(await one())) return false;
          return true;
        }
        // Fast pace: the same steps as one(), inline, awaiting only when the sink is full; the
        // wall clock is read once per chunk and wait (not per line: a new heap number each).
        // The counts are brought up to date before every wait and return: the ingest reads
        // status.position (its checkpoint) only while this loop waits.
        const now = Date.now();
        let lines = 0;
        const count = (): void => {
          index += lines;
          status.lines += lines;
          status.position = index;
          status.last_seen = now;
          lines = 0;
        };
        while (split.next()) {
          if (signal.aborted) break;
          lines++;
          offerLine(sink, this, split.buf, split.start, split.end, shift);
          if (sink.full) {
            count();
            await sink.room();
          }
        }
        count();
        return !signal.aborted;
      };
      const last = async (): Promise<void> => {
        if (split.finish()) await one();
      };
      if (this.path === undefined) {
        for await (const chunk of process.stdin) {
          split.feed(chunk as Buffer);
          if (!(await feed())) break;
        }
      } else {
        for (const file of await listFiles(this.path)) {
          for await (const chunk of fileChunks(file, o.pace === 'follow', signal)) {
            split.feed(chunk);
            if (!(await feed())) break;
          }
          await last();
          if (signal.aborted) break;
        }
      }
      await last();
      pass++;
      status.loops = pass;
    } while (o.loop && !signal.aborted && this.path !== undefined);
    status.state = signal.aborted ? 'stopped' : 'done';
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.done;
    this.status.state = 'stopped';
  }
}
