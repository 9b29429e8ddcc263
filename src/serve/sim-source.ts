/**
 * A live simulated scenario as an ingest source (the demo's injected behaviours): the simulator
 * (src/sim) runs in-process; each finished scenario is followed by the next (new seed) so the
 * stream never ends. Its clock starts `hours` in the past and runs `speed` times faster than the
 * wall clock until it has caught up with it, then at the wall clock's pace: the first scenario's
 * behaviours play out within minutes, and no message ever carries a time in the future (with
 * speed 60 and 48 hours, it catches up after about 49 minutes). Its times are not those of the
 * replayed recordings, so the server feeds it to its own pipeline (see startServer's `simSources`).
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

/**
 * Wall time (ms) at which simulated time `s` is due, for a clock that started at simulated time
 * `s0` at wall time `w0` (s0 ≤ w0) and runs `speed` times faster until it catches up with the wall
 * clock, then at its pace: never before `s`, so nothing is emitted ahead of the present.
 */
export function simDueTime(s: number, s0: number, w0: number, speed: number): number {
  return Math.max(w0 + (s - s0) / speed, s);
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
    // One simulated clock across scenarios, from s0 = `hours` ago: simulated time s is due at wall
    // time w0 + (s − s0) / speed while that is later than s itself (catching up), then at s.
    const w0 = Date.now();
    const s0 = Math.floor((w0 - this.o.hours * 3_600_000) / 1000) * 1000;
    const due = (s: number): number => simDueTime(s, s0, w0, this.o.speed);
    let start = s0;
    for (let pass = 0; !signal.aborted; pass++) {
      const sc = buildScenario({ preset: this.o.preset, seed: this.o.seed + pass, start, hours: this.o.hours });
      for (const r of receivedLines(sc)) {
        if (signal.aborted) break;
        const wait = due(r.arrival) - Date.now();
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
