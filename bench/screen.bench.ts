/**
 * Screening speed against every list in ../shared/data/sanctions (≥ 50,000 names): queries per
 * second and p50/p99 latency of single queries (names of persons, companies and vessels, with
 * and without identifiers, true hits and misses), and batch vessel screening (AIS-like
 * identities) per second. Baseline in the same run: exhaustive scoring of every entity (no
 * blocking), on a sample, with the share of queries whose best result the index also finds.
 */
import { cpus, loadavg } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { Screener, type MatchQuery } from '../src/screen/matcher.js';
import { isValidShipImo } from '../src/screen/ids.js';
import { parseCsvObjects } from '../src/screen/text.js';
import { importLists, readSanctionsFile, requireSanctionsData } from './lib/sanctions.js';

requireSanctionsData('screen bench');
const read = readSanctionsFile;
const { entities, importMs } = importLists();
const t0 = performance.now();
const screener = new Screener(entities);
const buildS = (performance.now() - t0) / 1000;
const heapMb = process.memoryUsage().heapUsed / 1e6;

// Deterministic pseudo-random numbers (no Math.random: the same queries on every run).
let seed = 42;
const rnd = (): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const typo = (s: string): string => {
  if (s.length < 5) return s;
  const i = 1 + Math.floor(rnd() * (s.length - 2));
  return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
};

const screenable = entities.filter((e) => ['Person', 'Organization', 'Company', 'LegalEntity', 'Vessel'].includes(e.schema));
const vessels = entities.filter((e) => e.schema === 'Vessel' && e.properties['imoNumber']);
const negatives = [...parseCsvObjects(read('eval/yente_negatives_global_1k.csv')), ...parseCsvObjects(read('eval/yente_negatives_us_1k.csv'))];

/** A mixed workload: listed names (exact and with a typo), negatives, vessels with and without IMO. */
const queries: MatchQuery[] = [];
for (let i = 0; i < 6000; i++) {
  const r = rnd();
  if (r < 0.3) {
    const e = pick(screenable);
    queries.push({ schema: e.schema, properties: { name: [rnd() < 0.5 ? e.caption : typo(e.caption)] } });
  } else if (r < 0.6) {
    const n = pick(negatives);
    queries.push({ schema: 'Person', properties: { name: [n['full_name']], birthDate: [n['date_of_birth'] ?? ''], nationality: [n['nationality'] ?? ''] } });
  } else if (r < 0.8) {
    const v = pick(vessels);
    queries.push({ schema: 'Vessel', properties: { name: [v.caption], imoNumber: v.properties['imoNumber'] } });
  } else {
    queries.push({ properties: { name: [typo(pick(screenable).caption)] } });
  }
}

let checksum = 0;
const sum = (res: ReturnType<Screener['match']>): void => {
  checksum = (checksum * 31 + res.length + Math.round((res[0]?.score ?? 0) * 1000)) % 1_000_000_007;
};
// Warm up.
for (let i = 0; i < 1000; i++) screener.match(queries[i]);
// Garbage collections during the measured passes (their pauses land on single queries).
let gcCount = 0;
let gcMs = 0;
/** Start and end (performance.now) of each GC, to find the queries a GC overlapped. */
const gcSpans: number[] = [];
const gcObserver = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gcCount++;
    gcMs += e.duration;
    gcSpans.push(e.startTime, e.startTime + e.duration);
  }
});
gcObserver.observe({ entryTypes: ['gc'] });
interface Pass {
  wall: number[];
  cpu: number[];
  seconds: number;
  cpuSeconds: number;
  gcCount: number;
  gcMs: number;
  load: string;
  /** Queries over 2 ms of CPU time during which a GC ran. */
  slowWithGc: number;
}
/**
 * One single run of every query, each timed on the wall clock (the honest latency) and in
 * process CPU time (process.cpuUsage around the call: what the query cost, without the time the
 * process waited for a core on a shared machine; it includes GC helper threads).
 */
async function pass(first: boolean): Promise<Pass> {
  const wall: number[] = [];
  const cpu: number[] = [];
  const starts: number[] = [];
  const s0 = gcSpans.length;
  const g0 = gcCount;
  const gm0 = gcMs;
  const cpu0 = process.cpuUsage();
  const w0 = performance.now();
  for (let i = 1000; i < queries.length; i++) {
    const c0 = process.cpuUsage();
    const t = performance.now();
    const res = screener.match(queries[i]);
    starts.push(t);
    wall.push(performance.now() - t);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    if (first) sum(res);
    // Let the GC observer's entries arrive (they are delivered on the event loop), between queries.
    if (i % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  const seconds = (performance.now() - w0) / 1000;
  const cu = process.cpuUsage(cpu0);
  await new Promise((resolve) => setImmediate(resolve));
  let slowWithGc = 0;
  for (let k = 0; k < cpu.length; k++) {
    if (cpu[k] <= 2) continue;
    const a = starts[k];
    const b = a + wall[k];
    for (let g = s0; g < gcSpans.length; g += 2) {
      if (gcSpans[g] < b && gcSpans[g + 1] > a) {
        slowWithGc++;
        break;
      }
    }
  }
  return { wall, cpu, seconds, cpuSeconds: (cu.user + cu.system) / 1e6, gcCount: gcCount - g0, gcMs: gcMs - gm0, load: loadavg()[0].toFixed(1), slowWithGc };
}
// The first pass meets every query for the first time (cold memo caches): the figure to quote.
// Two more passes show how much of the tail is the machine (load) rather than the query.
const passes = [await pass(true), await pass(false), await pass(false)];
gcObserver.disconnect();
const lat = [...passes[0].wall];
// On a shared, loaded machine one timing includes time the process was not running: the best
// of three runs of each query approximates the query's own cost.
const best: number[] = [];
for (let i = 1000; i < queries.length; i++) {
  let m = Infinity;
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    screener.match(queries[i]);
    m = Math.min(m, performance.now() - t);
  }
  best.push(m);
}
lat.sort((a, b) => a - b);
best.sort((a, b) => a - b);
const pq = (xs: number[], p: number): number => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const q = (p: number): number => pq(lat, p);
const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);

// Baseline: exhaustive scoring (every entity), on a sample; agreement of the best result.
const sample = queries.slice(1000, 1100);
let agree = 0;
let withHit = 0;
const b0 = performance.now();
for (const qq of sample) {
  const full = screener.match(qq, { exhaustive: true });
  const fast = screener.match(qq);
  if (full.length) {
    withHit++;
    if (fast[0] && fast[0].score === full[0].score) agree++;
  }
}
const exhaustiveMs = (performance.now() - b0) / sample.length;

// Batch vessels: AIS-like identities (mostly unlisted ships, 5% listed), IMO + name + MMSI + call sign + flag.
const batch: MatchQuery[] = [];
const names = vessels.map((v) => v.caption);
for (let i = 0; i < 20000; i++) {
  let imo: string;
  if (rnd() < 0.05) imo = pick(vessels).properties['imoNumber'][0]!;
  else {
    do imo = String(9000000 + Math.floor(rnd() * 999999)); while (!isValidShipImo(imo));
  }
  batch.push({ schema: 'Vessel', properties: { imoNumber: [imo], name: [rnd() < 0.5 ? pick(names) : `SEA ${Math.floor(rnd() * 999)}`], mmsi: [String(200000000 + Math.floor(rnd() * 500000000))], callSign: [`V${Math.floor(rnd() * 99999)}`], flag: [pick(['PA', 'LR', 'MH', 'KM', 'CM', 'RU'])] } });
}
for (let i = 0; i < 2000; i++) screener.match(batch[i]);
const v0 = performance.now();
const vc0 = process.cpuUsage();
for (let i = 2000; i < batch.length; i++) sum(screener.match(batch[i]));
const vc = process.cpuUsage(vc0);
const vps = (batch.length - 2000) / ((performance.now() - v0) / 1000);
const vpsCpu = (batch.length - 2000) / ((vc.user + vc.system) / 1e6);

const n = lat.length;
const wall = passes[0].seconds;
const cpu = passes[0].cpuSeconds;
process.stdout.write(`screen bench: ${screener.size} entities, ${screener.nameCount} names indexed (import ${(importMs / 1000).toFixed(1)} s, index ${buildS.toFixed(1)} s, heap ${heapMb.toFixed(0)} MB); load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on this machine (${cpus().length} cores)\n`);
process.stdout.write(`single queries (${n}, mixed workload, first run of each): ${(n / wall).toFixed(0)} q/s wall, ${(n / cpu).toFixed(0)} q/s per CPU-second; latency p50 ${q(0.5).toFixed(3)} ms, p90 ${q(0.9).toFixed(3)} ms, p99 ${q(0.99).toFixed(3)} ms, max ${lat[n - 1].toFixed(2)} ms (target p99 < 2 ms)\n`);
passes.forEach((p, k) => {
  const w = sorted(p.wall);
  const c = sorted(p.cpu);
  const slow = p.wall.filter((x) => x > 2).length;
  const waited = p.wall.filter((x, i) => x > 2 && p.cpu[i] < 2).length;
  process.stdout.write(`  pass ${k + 1}${k === 0 ? ' (cold)' : ' (warm)'}: wall p50 ${pq(w, 0.5).toFixed(3)} p99 ${pq(w, 0.99).toFixed(3)} ms | CPU time p50 ${pq(c, 0.5).toFixed(3)} p90 ${pq(c, 0.9).toFixed(3)} p99 ${pq(c, 0.99).toFixed(3)} ms | ${slow} queries over 2 ms wall, ${waited} of them under 2 ms CPU (waiting for a core) | ${p.gcCount} GCs, ${p.gcMs.toFixed(0)} ms, ${p.slowWithGc} of ${p.cpu.filter((x) => x > 2).length} queries over 2 ms CPU overlap a GC | load ${p.load}\n`);
});
process.stdout.write(`best of 3 runs per query: p50 ${pq(best, 0.5).toFixed(3)} ms, p90 ${pq(best, 0.9).toFixed(3)} ms, p99 ${pq(best, 0.99).toFixed(3)} ms\n`);
process.stdout.write(`baseline, exhaustive scoring of every entity: ${exhaustiveMs.toFixed(1)} ms/query → index speed-up ×${(exhaustiveMs / q(0.5)).toFixed(0)} at p50; blocked index finds the exhaustive best score for ${agree}/${withHit} queries with a hit\n`);
process.stdout.write(`batch vessels (IMO, name, MMSI, call sign, flag; 5% listed): ${vps.toFixed(0)} vessels/s wall, ${vpsCpu.toFixed(0)} per CPU-second (target 10,000/s)\n`);
process.stdout.write(`checksum ${checksum}\n`);
