/**
 * A live simulated scenario as an ingest source (the demo's injected behaviours): the simulator
 * (src/sim) runs in-process, accelerated `speed` times, starting now; each finished scenario is
 * followed by the next (new seed) so the stream never ends. Its clock runs ahead of the wall
 * clock, so the server feeds it to its own pipeline (see startServer's `simSources`).
 */
import { buildScenario } from '../sim/scenario.js';
import { receivedLines } from '../sim/stream.js';
import { delay, newStatus } from '../ingest/sources/source.js';
import type { LineSink, Source, SourceStatus } from '../ingest/sources/source.js';

export interface SimSourceOptions {
  preset: string;
  /** Simulated seconds per wall second. */
  speed: number;
  /** Scenario length, hours. */
  hours: number;
  seed: number;
}

export class SimSource implements Source {
  readonly status: SourceStatus;
  readonly stampArrival = false;
  private readonly abort = new AbortController();
  private done: Promise<void> = Promise.resolve();

  constructor(readonly name: string, private readonly o: SimSourceOptions) {
    this.url = `sim://${o.preset}?speed=${o.speed}&hours=${o.hours}&seed=${o.seed}`;
    this.status = newStatus(name, this.url, 'sim');
    this.status.loops = 0;
  }

  readonly url: string;

  start(sink: LineSink): void {
    this.done = this.run(sink).catch((err: unknown) => {
      this.status.last_error = err instanceof Error ? err.message : String(err);
      this.status.state = 'stopped';
    });
  }

  private async run(sink: LineSink): Promise<void> {
    const signal = this.abort.signal;
    this.status.state = 'reading';
    // One simulated clock across scenarios: simulated time s is due at wall time w0 + (s − s0) / speed.
    const s0 = Math.floor(Date.now() / 1000) * 1000;
    const w0 = Date.now();
    let start = s0;
    for (let pass = 0; !signal.aborted; pass++) {
      const sc = buildScenario({ preset: this.o.preset, seed: this.o.seed + pass, start, hours: this.o.hours });
      for (const r of receivedLines(sc)) {
        if (signal.aborted) break;
        const wait = w0 + (r.arrival - s0) / this.o.speed - Date.now();
        if (wait > 5) await delay(wait, signal);
        for (const line of r.lines) {
          this.status.lines++;
          this.status.last_seen = Date.now();
          sink.line(this, line, 0);
        }
        if (sink.full) await sink.room();
      }
      start = sc.end;
      this.status.loops = pass + 1;
    }
    this.status.state = 'stopped';
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.done;
    this.status.state = 'stopped';
  }
}
