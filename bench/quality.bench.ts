/**
 * Detection quality benchmark: every preset through the real `lookout simulate` and
 * `lookout analyze`, scored against the simulator's ground truth; then east-asia with 30 % and
 * 50 % message loss, with each type's F1 as a ratio of the default-noise run (the baseline).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../test/support/paths.js';
import { formatTable, parseEvents, score, type ScoreResult } from '../src/score/score.js';

const BIN = join(REPO_ROOT, 'bin', 'lookout.js');

function run(args: string[]): void {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`lookout ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  process.stderr.write(r.stderr);
}

function checksum(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

function trial(preset: string, extra: string[]): { result: ScoreResult; sum: string } {
  const dir = mkdtempSync(join(tmpdir(), `lookout-quality-${preset}-`));
  try {
    run(['simulate', '--preset', preset, '--out', dir, ...extra]);
    const t0 = Date.now();
    run(['analyze', join(dir, 'traffic.nmea'), '--ports', join(dir, 'ports.csv'), '--zones', join(dir, 'zones.geojson'), '-o', join(dir, 'events.jsonl')]);
    const ms = Date.now() - t0;
    const truthText = readFileSync(join(dir, 'truth.jsonl'), 'utf8');
    const eventsText = readFileSync(join(dir, 'events.jsonl'), 'utf8');
    const result = score(parseEvents(truthText).events, parseEvents(eventsText).events);
    process.stdout.write(`analyze took ${(ms / 1000).toFixed(1)} s\n`);
    return { result, sum: checksum(truthText + eventsText) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** LOOKOUT_BUSY_VESSELS scales the false-alarm run (e.g. 500 with LOOKOUT_BUSY_HOURS=48 for 1,000 vessel-days). */
const BUSY_VESSELS = Number(process.env.LOOKOUT_BUSY_VESSELS ?? 150);
const BUSY_HOURS = Number(process.env.LOOKOUT_BUSY_HOURS ?? 24);

const PRESETS: { name: string; vessels: number; hours: number }[] = [
  { name: 'east-asia', vessels: 60, hours: 48 },
  { name: 'baltic', vessels: 50, hours: 48 },
  { name: 'busy-strait', vessels: BUSY_VESSELS, hours: BUSY_HOURS },
];

let baseline: ScoreResult | undefined;
for (const p of PRESETS) {
  process.stdout.write(`\n== ${p.name}: ${p.vessels} vessels, ${p.hours} h, default noise ==\n`);
  const { result, sum } = trial(p.name, ['--vessels', String(p.vessels), '--hours', String(p.hours)]);
  process.stdout.write(formatTable(result) + `checksum ${sum}\n`);
  if (p.name === 'east-asia') baseline = result;
  if (p.name === 'busy-strait') {
    const vesselDays = (p.vessels * p.hours) / 24;
    for (const type of ['encounter', 'gap']) {
      const extra = result.extra.filter((e) => e.type === type).length;
      process.stdout.write(`busy-strait false ${type}: ${extra} in ${vesselDays} vessel-days = ${((extra / vesselDays) * 1000).toFixed(2)} per 1,000 vessel-days (target < 1)\n`);
    }
  }
}

for (const loss of [0.3, 0.5]) {
  process.stdout.write(`\n== east-asia with ${loss * 100}% message loss ==\n`);
  const { result, sum } = trial('east-asia', ['--vessels', '60', '--hours', '48', '--loss', String(loss)]);
  process.stdout.write(formatTable(result) + `checksum ${sum}\n`);
  if (baseline) {
    process.stdout.write('F1 ratio to the default-noise run (baseline):\n');
    for (const t of result.types) {
      const b = baseline.types.find((x) => x.type === t.type);
      const ratio = b?.f1 && t.f1 !== undefined ? (t.f1 / b.f1).toFixed(2) : '—';
      process.stdout.write(`  ${t.type.padEnd(18)} ${ratio}\n`);
    }
  }
}
