/**
 * A small benchmark harness: warm-up, timed runs, min / median / spread, CPU time beside wall
 * time (the machine may be shared), a checksum per run so that faster cannot mean different,
 * and external commands timed the same way.
 */
import { spawn } from 'node:child_process';
import { PerformanceObserver } from 'node:perf_hooks';

/** One timed run. */
export interface Sample {
  /** Wall-clock seconds. */
  wall: number;
  /** CPU seconds (user + system) of the process doing the work. */
  cpu: number;
  /** A value that must not change between runs (e.g. messages decoded, bytes written). */
  checksum: string;
  /** Seconds the process's main thread spent paused for garbage collection (in-process runs only). */
  gc?: number;
}

/** Main-thread garbage collection pauses, ms, summed since the process started observing them. */
let gcPauseMs = 0;
let gcObserver: PerformanceObserver | undefined;
function observeGc(): void {
  if (gcObserver !== undefined) return;
  gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcPauseMs += e.duration;
  });
  gcObserver.observe({ entryTypes: ['gc'] });
}
/** Entries reach the observer after the task that made them: let them arrive. */
const gcEntriesIn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 10));

/** The runs of one contender. */
export interface Measurement {
  name: string;
  samples: Sample[];
  /** Work units per run (sentences), for rates. */
  units: number;
}

export interface MeasureOptions {
  warmup?: number;
  runs?: number;
  units: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Summary statistics of a measurement's wall and CPU times. */
export function stats(m: Measurement): {
  wallMin: number;
  wallMedian: number;
  /** (max − min) / median of wall time: how noisy the runs were. */
  spread: number;
  cpuMedian: number;
  /** Units per second from the median wall time. */
  rate: number;
  /** Units per CPU second (median). */
  cpuRate: number;
} {
  const walls = m.samples.map((s) => s.wall);
  const cpus = m.samples.map((s) => s.cpu);
  const wallMedian = median(walls);
  const cpuMedian = median(cpus);
  return {
    wallMin: Math.min(...walls),
    wallMedian,
    spread: (Math.max(...walls) - Math.min(...walls)) / wallMedian,
    cpuMedian,
    rate: m.units / wallMedian,
    cpuRate: cpuMedian > 0 ? m.units / cpuMedian : NaN,
  };
}

/** Runs `fn` warmup + runs times in this process; checks that every run's checksum agrees. */
export async function measure(
  name: string,
  fn: () => Promise<string> | string,
  options: MeasureOptions,
): Promise<Measurement> {
  const { warmup = 1, runs = 3, units } = options;
  observeGc();
  for (let i = 0; i < warmup; i++) await fn();
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    await gcEntriesIn();
    const g0 = gcPauseMs;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const checksum = await fn();
    const wall = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    await gcEntriesIn();
    samples.push({ wall, cpu: (c.user + c.system) / 1e6, checksum, gc: (gcPauseMs - g0) / 1000 });
  }
  const sums = new Set(samples.map((s) => s.checksum));
  if (sums.size !== 1) throw new Error(`${name}: checksum changed between runs: ${[...sums].join(' / ')}`);
  return { name, samples, units };
}

/** Times an external command (stdin from a file, stdout/stderr discarded) with bash's `time`. */
export function timeCommand(command: string, stdinPath: string): Promise<Sample> {
  const script = `TIMEFORMAT='%R %U %S'; { time ${command} < '${stdinPath}' > /dev/null 2>/dev/null ; } 2>&1`;
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const [r, u, s] = out.trim().split(/\s+/).map(Number);
      if (r === undefined || u === undefined || s === undefined || Number.isNaN(r)) reject(new Error(`could not time ${command}: ${out}`));
      else resolve({ wall: r, cpu: u + s, checksum: '-' });
    });
  });
}

/** Times an external command several times. */
export async function measureCommand(name: string, command: string, stdinPath: string, options: MeasureOptions): Promise<Measurement> {
  const { warmup = 1, runs = 3, units } = options;
  for (let i = 0; i < warmup; i++) await timeCommand(command, stdinPath);
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(await timeCommand(command, stdinPath));
  return { name, samples, units };
}

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');

/**
 * Garbage collection per unit of work, from the median run by CPU time: main-thread pause in
 * microseconds (the collector's helper threads work beside it and count in CPU time only).
 */
export function gcPerUnit(m: Measurement): number | undefined {
  const bySpeed = [...m.samples].sort((a, b) => a.cpu - b.cpu);
  const mid = bySpeed[bySpeed.length >> 1];
  return mid?.gc === undefined ? undefined : (mid.gc * 1e6) / m.units;
}

/** A table of rates with ratios against the named baseline (by wall and by CPU time). */
export function report(title: string, rows: Measurement[], baseline: string): string {
  const base = rows.find((r) => r.name === baseline);
  const b = base ? stats(base) : undefined;
  const lines = [
    title,
    `${'contender'.padEnd(42)} ${'sentences/s'.padStart(12)} ${'× ' + baseline.padEnd(9)} ${'per CPU s'.padStart(12)} ${'× (CPU)'.padStart(8)} ${'min s'.padStart(7)} ${'median s'.padStart(8)} ${'spread'.padStart(7)}  checksum`,
  ];
  for (const r of rows) {
    const s = stats(r);
    const ratio = b ? (s.rate / b.rate).toFixed(2) : '-';
    const cpuRatio = b ? (s.cpuRate / b.cpuRate).toFixed(2) : '-';
    lines.push(
      `${r.name.padEnd(42)} ${fmt(s.rate).padStart(12)} ${ratio.padStart(11)} ${fmt(s.cpuRate).padStart(12)} ${cpuRatio.padStart(8)} ${s.wallMin.toFixed(2).padStart(7)} ${s.wallMedian.toFixed(2).padStart(8)} ${(s.spread * 100).toFixed(0).padStart(6)}%  ${r.samples[0].checksum}`,
    );
  }
  return lines.join('\n');
}
