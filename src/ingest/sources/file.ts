/**
 * `file:///path` (a file, a .gz file or a folder of them) and `-` (stdin). Pace: `fast` (as fast
 * as the pipeline takes it), `recorded` (the recorded timing, `speed=N` times faster) or
 * `follow` (fast to the end, then wait for the file to grow, like `tail -f`). `loop=1` replays
 * forever; `retime=1` shifts reception times so each pass looks live (the demo traffic).
 */
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { lineTime } from './line-time.js';
import { LineSplitter, delay, newStatus } from './source.js';
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
    this.status.state = 'reading';
    let pass = 0;
    do {
      const split = new LineSplitter(this.status);
      let batch: string[] = [];
      const collect = (l: string): void => { batch.push(l); };
      let t0: number | undefined;
      let w0 = 0;
      let shift = 0;
      let index = 0;
      let sawPghp = false;
      const feed = async (): Promise<void> => {
        const lines = batch;
        batch = [];
        for (const line of lines) {
          if (signal.aborted) return;
          const catchingUp = pass === 0 && index < o.skip;
          index++;
          if ((o.pace === 'recorded' || o.retime) && !catchingUp) {
            // A log with Gatehouse $PGHP lines times its sentences by them, not by trailing arrival columns.
            if (line.startsWith('$PGHP')) sawPghp = true;
            const t = sawPghp && !line.startsWith('$PGHP') ? undefined : lineTime(line);
            if (t !== undefined) {
              if (t0 === undefined) {
                t0 = t;
                w0 = Date.now();
                if (o.retime) shift = w0 - t0;
              } else if (o.pace === 'recorded') {
                const wait = Math.min(o.maxWaitMs, w0 + (t - t0) / o.speed - Date.now());
                if (wait > 2) await delay(wait, signal);
                // A shortened silence moves the reference so later lines keep their spacing.
                const late = Date.now() - (w0 + (t - t0) / o.speed);
                if (late > o.maxWaitMs) w0 += late;
              }
            }
          }
          this.status.lines++;
          this.status.position = index;
          this.status.last_seen = Date.now();
          sink.line(this, line, shift);
          if (sink.full) await sink.room();
        }
      };
      if (this.path === undefined) {
        for await (const chunk of process.stdin) {
          split.push(chunk as Buffer, collect);
          await feed();
          if (signal.aborted) break;
        }
      } else {
        for (const file of await listFiles(this.path)) {
          for await (const chunk of fileChunks(file, o.pace === 'follow', signal)) {
            split.push(chunk, collect);
            await feed();
          }
          split.end(collect);
          await feed();
          if (signal.aborted) break;
        }
      }
      split.end(collect);
      await feed();
      pass++;
      this.status.loops = pass;
    } while (o.loop && !signal.aborted && this.path !== undefined);
    this.status.state = signal.aborted ? 'stopped' : 'done';
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.done;
    this.status.state = 'stopped';
  }
}
