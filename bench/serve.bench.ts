/**
 * `npm run bench:serve`: the server under load, on generated traffic (real recordings are far too
 * small for these volumes), each number beside its baseline measured in the same run:
 *
 * 1. Ingest: NMEA lines → decode → pipeline with every detector and the bundled geography →
 *    batched SQLite writes, sustained messages per second; beside a raw bulk insert of one
 *    position row per message into the same schema with the same batch size (the storage
 *    ceiling), and beside decode-only and decode+pipeline rates (where the time goes). Each row
 *    also gives CPU µs per message: this thread's (Linux: /proc/thread-self) and the process's
 *    (all threads: GC helpers, the writer); the serve ingest's main-thread CPU is split into
 *    decode, pipeline and what serve adds, and the writer thread's CPU is reported by the writer.
 *    The machine is shared, so the wall rates move with its load; the CPU figures and the ratios
 *    are what to compare between runs. Both timed ingest paths (raw insert and serve) are warmed
 *    up first on scratch databases: the target is the sustained rate.
 * 2. API latency p50/p99 with LOOKOUT_BENCH_VESSELS live vessels (default 50,000) and
 *    LOOKOUT_BENCH_POSITIONS stored positions (default 10 million): viewport snapshots over the
 *    HTTP API, and one vessel's 30-day track (43,200 fixes at scale 1, one a minute, simplified to
 *    5,000). The client runs in a worker thread; the server's CPU per request is this thread's.
 * 3. Live-stream fan-out to LOOKOUT_BENCH_CLIENTS WebSocket clients (default 100, in a worker
 *    thread): time from a commit to its delivery at the last client, and the server thread's CPU
 *    per commit.
 *
 * LOOKOUT_BENCH_SCALE (default 1) scales message and position counts down for a quick run;
 * LOOKOUT_BENCH_PHASES (default ingest,api,fanout) picks the parts to run.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { AisDecoder } from '../src/ais/nmea/decoder.js';
import type { ReceivedMessage } from '../src/ais/types.js';
import { toSentences } from '../src/ais/sentence-encode.js';
import { createSource } from '../src/ingest/sources/index.js';
import { Pipeline } from '../src/pipeline/pipeline.js';
import { loadRefData } from '../src/pipeline/refdata.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { POSITION_STRIDE, packPositions } from '../src/store/position-columns.js';
import type { PositionRecord, VesselRecord } from '../src/store/store.js';
import { startServer } from '../src/serve/server.js';
import { threadCpuMs } from '../src/serve/thread-cpu.js';
import { createScreeningDetector } from '../src/pipeline/screening.js';

const SCALE = Number(process.env.LOOKOUT_BENCH_SCALE ?? 1);
const MESSAGES = Math.round(Number(process.env.LOOKOUT_BENCH_MESSAGES ?? 600_000) * SCALE);
const LIVE_VESSELS = Number(process.env.LOOKOUT_BENCH_VESSELS ?? 50_000);
const POSITIONS = Math.round(Number(process.env.LOOKOUT_BENCH_POSITIONS ?? 10_000_000) * SCALE);
const CLIENTS = Number(process.env.LOOKOUT_BENCH_CLIENTS ?? 100);
/** Lines of the ingest traffic fed through a scratch server before the timed ingest (warm-up). */
const WARMUP_LINES = Math.round(200_000 * Math.min(1, SCALE));
const PHASES = new Set((process.env.LOOKOUT_BENCH_PHASES ?? 'ingest,api,fanout').split(','));
/** Ships in the ingest traffic: up to 20,000, at least 30 messages each. */
const INGEST_VESSELS = Math.max(10, Math.min(20_000, Math.floor(MESSAGES / 30)));
const T0 = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const ms = (n: number): string => `${n.toFixed(2)} ms`;

/** Generated traffic: INGEST_VESSELS ships sailing straight lines, a static message each first, then positions round-robin every ~10 s. */
function generateTraffic(n: number): { lines: string[]; rows: PositionRecord[] } {
  const r = rng(42);
  const ships = Array.from({ length: INGEST_VESSELS }, (_, i) => ({
    mmsi: [257, 311, 636, 538, 477, 413][i % 6] * 1_000_000 + i, lat: -50 + r() * 110, lon: -180 + r() * 360, course: r() * 360, speed: 2 + r() * 18,
  }));
  const lines: string[] = [];
  const rows: PositionRecord[] = [];
  ships.forEach((s, i) => {
    if (lines.length >= n) return;
    lines.push(...toSentences({ type: 5, repeat: 0, mmsi: s.mmsi, shipname: `BENCH ${i}`, callsign: `B${i}`, ship_type: 70, imo: 9_000_000 + i, to_bow: 100, to_stern: 20, to_port: 10, to_starboard: 10, draught: 8, destination: 'NOWHERE' }, { tagBlock: { time: T0 } }));
  });
  let t = T0;
  const step = 10_000 / INGEST_VESSELS; // every ship reports every 10 s of stream time
  for (let k = 0; lines.length < n; k++) {
    const s = ships[k % INGEST_VESSELS];
    t += step;
    const d = (s.speed * 10) / 3600 / 60; // degrees moved in 10 s
    s.lat = Math.max(-80, Math.min(80, s.lat + d * Math.cos((s.course * Math.PI) / 180)));
    s.lon = ((s.lon + d * Math.sin((s.course * Math.PI) / 180) + 540) % 360) - 180;
    const time = Math.round(t);
    const msg = { type: 1, repeat: 0, mmsi: s.mmsi, lat: Math.round(s.lat * 600000) / 600000, lon: Math.round(s.lon * 600000) / 600000, speed: Math.round(s.speed * 10) / 10, course: Math.round(s.course * 10) / 10, heading: Math.round(s.course) % 360, status: 0, second: Math.floor(time / 1000) % 60 };
    lines.push(toSentences(msg, { tagBlock: { time } })[0]);
    rows.push({ mmsi: s.mmsi, time, lat: msg.lat, lon: msg.lon, speed: msg.speed, course: msg.course, heading: msg.heading, status: 0 });
  }
  return { lines, rows };
}

/** CPU and wall time of a synchronous or asynchronous step: this thread's CPU (Linux) and the whole process's. */
async function timed<T>(f: () => T | Promise<T>): Promise<{ value: T; wallS: number; threadMs: number; processMs: number }> {
  const c0 = process.cpuUsage();
  const th0 = threadCpuMs() ?? NaN;
  const t0 = performance.now();
  const value = await f();
  const wallS = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { value, wallS, threadMs: (threadCpuMs() ?? NaN) - th0, processMs: (c.user + c.system) / 1000 };
}

async function benchIngest(dir: string): Promise<Record<string, number>> {
  console.log(`\n## 1. Ingest: ${fmt(MESSAGES)} messages, ${fmt(INGEST_VESSELS)} vessels, every detector, bundled geography\n`);
  const t0 = performance.now();
  const file = join(dir, 'traffic.nmea');
  // The generated lines and rows are dropped once written and packed: kept alive, they were
  // 1.2 million objects for every major GC of the runs below to mark (on helper threads, counted
  // in the process CPU of the serve ingest).
  const { lineCount, packed } = (() => {
    const { lines, rows } = generateTraffic(MESSAGES);
    writeFileSync(file, lines.join('\n') + '\n');
    // Raw insert batches, pre-packed in the columnar form outside the timing.
    const p: Float64Array[] = [];
    for (let i = 0; i < rows.length; i += 20_000) p.push(packPositions(rows.slice(i, i + 20_000)));
    return { lineCount: lines.length, packed: p };
  })();
  const rowCount = packed.reduce((n, p) => n + p.length / POSITION_STRIDE, 0);
  console.log(`generated ${fmt(lineCount)} lines in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const refdata = await loadRefData();
  const out: ReceivedMessage[] = [];
  // The decoder gets the file's bytes in 1 MiB chunks, as lookout serve gives it bytes (its line
  // queue holds bytes, handed over in runs of lines), not a string per line.
  const bytes = readFileSync(file);
  const decodeAll = (each: (ms: ReceivedMessage[]) => void): void => {
    const d = new AisDecoder();
    for (let i = 0; i < bytes.length; i += 1 << 20) { out.length = 0; d.write(bytes.subarray(i, i + (1 << 20)), out); each(out); }
    out.length = 0;
    d.end(out);
    each(out);
  };

  // Decode only.
  const dec = await timed(() => {
    let n = 0;
    decodeAll((ms) => { n += ms.length; });
    return n;
  });
  const decoded = dec.value;

  // Decode + pipeline (every detector, and the screening hook as serve runs it with no list stored),
  // nothing stored; run again after the serve ingest: serve's own share is the difference between
  // two separate runs, and the two pipeline runs show how far such runs differ on this machine.
  let events = 0;
  const runPipeline = (): Promise<{ value: number; wallS: number; threadMs: number; processMs: number }> => timed(() => {
    let n = 0;
    const p = new Pipeline({ refdata, reorderWindowMs: 3000, onEvent: () => { n++; }, extraDetectors: [createScreeningDetector({ match: () => [] })] });
    // Each message to the pipeline as decoded, as lookout analyze and the ingest's 64-line runs
    // do: a megabyte of decoded messages held in an array gets V8 to pretenure them.
    const d = new AisDecoder({ onMessage: (m) => p.push(m) });
    for (let i = 0; i < bytes.length; i += 1 << 20) d.write(bytes.subarray(i, i + (1 << 20)));
    d.end();
    p.finish();
    return n;
  });
  const pipe = await runPipeline();
  events = pipe.value;

  // Raw bulk insert baseline (the storage ceiling): one row per message, same schema and batch
  // size, no decoding; batches pre-packed in the columnar form outside the timing (above), then the
  // store's best path: one transaction per batch, key order, 100-row INSERTs, WAL, synchronous=NORMAL.
  // Both timed paths are warmed up first, on scratch databases, as every other benchmark here warms
  // up its contenders: the target is the *sustained* rate, and a cold run of a few seconds charges
  // the compiler's first passes over serve's code (on a helper thread) to the ingest.
  const rawWarm = await openSqliteStore({ path: join(dir, 'raw-warm.db') });
  for (const positionColumns of packed.slice(0, 3)) rawWarm.writeSync({ positionColumns });
  await rawWarm.close();
  const raw = await openSqliteStore({ path: join(dir, 'raw.db') });
  const ins = await timed(() => { for (const positionColumns of packed) raw.writeSync({ positionColumns }); });
  const rawCount = (await raw.stats()).positions;
  await raw.close();

  // The real thing: lookout serve's ingest from a file source, fast pace; after a warm-up ingest of
  // the traffic's first WARMUP_LINES lines into a scratch database.
  const warmFile = join(dir, 'warm.nmea');
  let cut = 0;
  for (let n = 0; n < WARMUP_LINES && cut >= 0; n++) cut = bytes.indexOf(10, cut) + 1 || -1;
  writeFileSync(warmFile, bytes.subarray(0, cut > 0 ? cut : bytes.length));
  const warm = await startServer({ db: join(dir, 'warm.db'), host: '127.0.0.1', port: 0, sources: [createSource({ name: 'warm-up', url: warmFile })], refdata, log: () => {} });
  while (!warm.ingest.isFinished()) await new Promise((r) => setTimeout(r, 20));
  await warm.stop();
  const source = createSource({ name: 'bench', url: file });
  const server = await startServer({ db: join(dir, 'ingest.db'), host: '127.0.0.1', port: 0, sources: [source], refdata, log: () => {} });
  const serve = await timed(async () => { while (!server.ingest.isFinished()) await new Promise((r) => setTimeout(r, 20)); });
  const msgs = server.ingest.totals.messages;
  const writer = server.ingest.writerUsage;
  const stats = await server.store.stats();
  const checksum = `${msgs} msgs, ${stats.positions} positions, ${stats.events} events, ${stats.vessels} vessels, ${server.ingest.totals.batches} batches (pipeline alone: ${events} events)`;
  await server.stop();
  const pipe2 = await runPipeline();

  const rawRate = rowCount / ins.wallS;
  const decodeRate = decoded / dec.wallS;
  const pipelineRate = decoded / pipe.wallS;
  const ingestRate = msgs / serve.wallS;
  const us = (cpuMs: number, n: number): number => (cpuMs * 1000) / n;
  const pct2 = (x: number, of: number): string => `${((x / of) * 100).toFixed(0)}%`;
  // CPU per message, this thread (the bench and the server's main thread are one thread).
  const decUs = us(dec.threadMs, decoded);
  const pipeRuns = [us(pipe.threadMs, decoded), us(pipe2.threadMs, decoded)];
  const pipeUs = (pipeRuns[0] + pipeRuns[1]) / 2;
  const rawUs = us(ins.threadMs, rowCount);
  const mainUs = us(serve.threadMs, msgs);
  const writerUs = writer?.cpuMs !== undefined ? us(writer.cpuMs, msgs) : NaN;
  const procUs = us(serve.processMs, msgs);
  console.log('| path | messages/s (wall) | vs raw insert | CPU µs per message (this thread) | CPU µs per message (process) |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(`| raw bulk insert (baseline: 1 row per message, batches of 20,000) | ${fmt(rawRate)} | 100% | ${rawUs.toFixed(2)} | ${us(ins.processMs, rowCount).toFixed(2)} |`);
  console.log(`| decode only | ${fmt(decodeRate)} | ${pct2(decodeRate, rawRate)} | ${decUs.toFixed(2)} | ${us(dec.processMs, decoded).toFixed(2)} |`);
  console.log(`| decode + pipeline (all detectors, screening hook), no store | ${fmt(pipelineRate)} | ${pct2(pipelineRate, rawRate)} | ${pipeUs.toFixed(2)} (runs before and after serve: ${pipeRuns.map((x) => x.toFixed(2)).join(', ')}) | ${us(pipe.processMs, decoded).toFixed(2)} |`);
  console.log(`| **lookout serve ingest** (file → decode → pipeline → SQLite, thinned) | **${fmt(ingestRate)}** | **${pct2(ingestRate, rawRate)}** | ${mainUs.toFixed(2)} (main) | ${procUs.toFixed(2)} |`);
  console.log('\nCPU per message by stage in lookout serve (µs; main-thread stages from the runs above, same data):\n');
  console.log('| stage | thread | CPU µs per message | share of the main thread |');
  console.log('|---|---|---:|---:|');
  console.log(`| decode | main | ${decUs.toFixed(2)} | ${pct2(decUs, mainUs)} |`);
  console.log(`| track + detect + screening hook | main | ${(pipeUs - decUs).toFixed(2)} | ${pct2(pipeUs - decUs, mainUs)} |`);
  console.log(`| serve: queue, live picture, thinning, batching, hand-off, file source (main − the pipeline runs' mean; ± half their difference, ${(Math.abs(pipeRuns[0] - pipeRuns[1]) / 2).toFixed(2)}) | main | ${(mainUs - pipeUs).toFixed(2)} | ${pct2(mainUs - pipeUs, mainUs)} |`);
  console.log(`| store writer (one transaction per batch: ${writer?.batches ?? 0} batches, busy ${fmt(writer?.busyMs ?? NaN)} ms) | writer | ${writerUs.toFixed(2)} | — |`);
  console.log(`| other threads (GC helpers, file I/O) | — | ${(procUs - mainUs - (Number.isNaN(writerUs) ? 0 : writerUs)).toFixed(2)} | — |`);
  const bound = 1e6 / mainUs;
  console.log(`\nbound: the main thread needs ${mainUs.toFixed(1)} µs of CPU per message → at most ${fmt(bound)} msg/s on one free core (decode + pipeline alone: ${fmt(1e6 / pipeUs)} msg/s); the writer thread needs ${writerUs.toFixed(1)} µs (${fmt(1e6 / writerUs)} msg/s) on the other core.`);
  console.log(`wall rate vs CPU bound: ${pct2(ingestRate, bound)} (below 100%: the process did not get a full core)`);
  console.log(`\nchecksum: raw ${rawCount} rows; ingest ${checksum}`);
  console.log(`targets: ≥ 100,000 msg/s ${ingestRate >= 100_000 ? 'MET' : 'NOT MET'}; ≥ 70% of raw insert ${ingestRate >= 0.7 * rawRate ? 'MET' : 'NOT MET'}`);
  return { rawRate, decodeRate, pipelineRate, ingestRate, rawUs, decodeUs: decUs, pipelineUs: pipeUs, ingestMainUs: mainUs, ingestWriterUs: writerUs, ingestProcessUs: procUs };
}

/** Fill a store with LIVE_VESSELS vessels and POSITIONS positions: 100 vessels with a fix a minute for 30 days, the rest spread out. */
async function buildHistory(path: string): Promise<{ heavy: number[]; end: number; heavyFixes: number }> {
  const store = await openSqliteStore({ path, cacheMb: 256 });
  const r = rng(7);
  const heavyCount = Math.min(100, LIVE_VESSELS);
  const perHeavy = 30 * 24 * 60;
  const heavyTotal = Math.min(POSITIONS, heavyCount * perHeavy);
  const lightPer = Math.max(1, Math.floor((POSITIONS - heavyTotal) / (LIVE_VESSELS - heavyCount)));
  const end = T0 + 30 * DAY;
  const heavy: number[] = [];
  const t0 = performance.now();
  let batch: PositionRecord[] = [];
  const vessels: VesselRecord[] = [];
  let total = 0;
  for (let i = 0; i < LIVE_VESSELS; i++) {
    const mmsi = 300_000_000 + i;
    const isHeavy = i < heavyCount;
    if (isHeavy) heavy.push(mmsi);
    const n = isHeavy ? Math.floor(heavyTotal / heavyCount) : lightPer;
    const stepMs = isHeavy ? 60_000 : Math.floor((30 * DAY) / n);
    let lat = -60 + r() * 130;
    let lon = -180 + r() * 360;
    const course = r() * 360;
    let time = end - n * stepMs;
    for (let k = 0; k < n; k++) {
      time += stepMs;
      // A meandering course, so that simplification has real work to do.
      const c = ((course + 40 * Math.sin(k / 60) + 15 * Math.sin(k / 7)) * Math.PI) / 180;
      lat = Math.max(-85, Math.min(85, lat + 0.002 * Math.cos(c)));
      lon = ((lon + 0.002 * Math.sin(c) + 540) % 360) - 180;
      batch.push({ mmsi, time, lat, lon, speed: 12, course, heading: Math.round(course) % 360, status: 0 });
      if (batch.length === 50_000) { store.writeSync({ positions: batch }); total += batch.length; batch = []; }
    }
    vessels.push({ mmsi, name: `VESSEL ${i}`, callsign: `C${i}`, imo: 9_100_000 + i, ship_type: 60 + (i % 30), flag: ['NO', 'DK', 'PA', 'LR', 'KP', 'CN'][i % 6], class: 'A', first_seen: end - 30 * DAY, last_seen: time, fixes: n, lat, lon, speed: 12, course, fix_time: time });
  }
  store.writeSync({ positions: batch, vessels });
  total += batch.length;
  console.log(`built ${fmt(total)} positions for ${fmt(LIVE_VESSELS)} vessels in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await store.close();
  return { heavy, end, heavyFixes: Math.floor(heavyTotal / heavyCount) };
}

async function benchApi(dir: string): Promise<Record<string, number>> {
  console.log(`\n## 2. API latency: ${fmt(LIVE_VESSELS)} live vessels, ${fmt(POSITIONS)} stored positions\n`);
  const db = join(dir, 'history.db');
  const { heavy, end, heavyFixes } = await buildHistory(db);
  const refdata = await loadRefData({ bundled: false });
  const server = await startServer({ db, host: '127.0.0.1', port: 0, sources: [], refdata, log: () => {} });
  // The HTTP client runs in a worker thread, as a real client runs elsewhere: the server's thread
  // CPU per request (this thread's CPU while the worker waits on it) is then the server's alone.
  const client = new Worker(API_CLIENT, { eval: true });
  const fetchAll = (urls: string[]): Promise<{ ms: number[]; bytes: number; error?: string }> => new Promise((resolve) => {
    client.once('message', resolve);
    client.postMessage({ urls });
  });
  const r = rng(9);
  const viewport = (): string => {
    const w = -180 + r() * 320;
    const s = -60 + r() * 100;
    return `${server.url}/api/vessels?bbox=${w.toFixed(3)},${s.toFixed(3)},${(w + 40).toFixed(3)},${(s + 30).toFixed(3)}&limit=50000`;
  };
  const track = (): string => `${server.url}/api/vessels/${heavy[Math.floor(r() * heavy.length)]}/track?from=${new Date(end - 30 * DAY).toISOString()}&to=${new Date(end).toISOString()}`;
  const runs: Record<string, { ms: number[]; bytes: number; cpuMs: number }> = {};
  const measure = async (name: string, make: () => string, n: number): Promise<void> => {
    await fetchAll(Array.from({ length: 10 }, make)); // warm-up
    const urls = Array.from({ length: n }, make);
    const c0 = threadCpuMs() ?? NaN;
    const res = await fetchAll(urls);
    const cpuMs = (threadCpuMs() ?? NaN) - c0;
    if (res.error) throw new Error(res.error);
    runs[name] = { ms: res.ms, bytes: res.bytes, cpuMs: cpuMs / n };
  };
  const VIEWPORT = 'viewport 40°×30° (GET /api/vessels?bbox)';
  const TRACK = `30-day track, ${fmt(heavyFixes)} fixes → ≤ 5,000 (GET …/track)`;
  await measure(VIEWPORT, viewport, 300);
  await measure(`whole world viewport, ${fmt(LIVE_VESSELS)} vessels`, () => `${server.url}/api/vessels?bbox=-180,-90,180,90&limit=100000`, 10);
  await measure('search (GET /api/vessels?q=)', () => `${server.url}/api/vessels?q=VESEL%20${Math.floor(r() * LIVE_VESSELS)}&limit=20`, 30);
  await measure(TRACK, track, 100);
  const one = await fetchAll([track()]);
  await client.terminate();
  await server.stop();
  console.log('| query | p50 | p99 | server CPU per request | mean response |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [name, m] of Object.entries(runs)) console.log(`| ${name} | ${ms(pct(m.ms, 50))} | ${ms(pct(m.ms, 99))} | ${ms(m.cpuMs)} | ${fmt(m.bytes / m.ms.length / 1024)} KiB |`);
  const vp = runs[VIEWPORT];
  const tr = runs[TRACK];
  console.log(`\nchecksum: one track response ${one.bytes} bytes`);
  console.log(`targets: viewport p99 < 50 ms ${pct(vp.ms, 99) < 50 ? 'MET' : 'NOT MET'}; 30-day track p99 < 100 ms ${pct(tr.ms, 99) < 100 ? 'MET' : 'NOT MET'}`);
  return { viewportP50: pct(vp.ms, 50), viewportP99: pct(vp.ms, 99), viewportCpuMs: vp.cpuMs, trackP50: pct(tr.ms, 50), trackP99: pct(tr.ms, 99), trackCpuMs: tr.cpuMs };
}

/** The API client thread: fetches the URLs it is given one after another, answers with each latency. */
const API_CLIENT = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', async ({ urls }) => {
  const ms = [];
  let bytes = 0;
  try {
    for (const url of urls) {
      const t = performance.now();
      const res = await fetch(url);
      const body = await res.arrayBuffer();
      if (res.status !== 200) throw new Error(url + ': HTTP ' + res.status);
      ms.push(performance.now() - t);
      bytes += body.byteLength;
    }
    parentPort.postMessage({ ms, bytes });
  } catch (err) {
    parentPort.postMessage({ ms, bytes, error: String(err) });
  }
});
`;

const CLIENT_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { WebSocket } = require(workerData.ws);
const { url, clients } = workerData;
let open = 0;
const seen = new Map();
for (let i = 0; i < clients; i++) {
  const w = -180 + ((i * 37) % 300), s = -60 + ((i * 13) % 80);
  const ws = new WebSocket(url + '/api/live?bbox=' + [w, s, Math.min(180, w + 90), s + 45].join(','));
  ws.on('open', () => { if (++open === clients) parentPort.postMessage({ ready: true }); });
  ws.on('message', (d) => {
    const text = d.toString();
    // Count the positions message of each commit (it follows the commit's event message).
    const m = /^\\{"type":"positions","cursor":(\\d+)/.exec(text);
    if (!m) return;
    const k = m[1];
    const n = (seen.get(k) || 0) + 1;
    seen.set(k, n);
    if (n === clients) parentPort.postMessage({ batch: Number(k), at: performance.timeOrigin + performance.now(), bytes: text.length });
  });
}
`;

async function benchFanout(dir: string): Promise<Record<string, number>> {
  console.log(`\n## 3. Live-stream fan-out: ${CLIENTS} WebSocket clients (worker thread), commits of 2,000 moved vessels + 1 event\n`);
  const refdata = await loadRefData({ bundled: false });
  const server = await startServer({ db: join(dir, 'fanout.db'), host: '127.0.0.1', port: 0, sources: [], refdata, log: () => {} });
  const worker = new Worker(CLIENT_WORKER, { eval: true, workerData: { url: server.url.replace('http', 'ws'), clients: CLIENTS, ws: createRequire(import.meta.url).resolve('ws') } });
  const delivered = new Map<number, number>();
  let bytes = 0;
  await new Promise<void>((resolve) => worker.on('message', (m: { ready?: boolean; batch?: number; at?: number; bytes?: number }) => {
    if (m.ready) resolve();
    else { delivered.set(m.batch!, m.at!); bytes += m.bytes!; }
  }));
  const r = rng(3);
  const sent = new Map<number, number>();
  const COMMITS = 50;
  let seq = 0;
  const c0 = threadCpuMs() ?? NaN;
  let publishMs = 0;
  for (let b = 1; b <= COMMITS; b++) {
    const moved: VesselRecord[] = Array.from({ length: 2000 }, (_, i) => ({ mmsi: 400_000_000 + i, first_seen: T0, last_seen: T0 + b, fixes: b, lat: -60 + r() * 130, lon: -180 + r() * 360, fix_time: T0 + b * 1000, speed: 10, course: 90, name: `FAN ${i}` }));
    // An event whose seq equals the batch number lets the clients tell batches apart.
    seq = b;
    const event = { id: `gap-${b.toString(16).padStart(16, '0')}`, type: 'gap' as const, mmsi: 400_000_000, start: new Date(T0).toISOString(), end: new Date(T0 + b).toISOString(), lat: 0, lon: 0, confidence: 1, details: { batch: b } };
    const p0 = performance.now();
    sent.set(b, performance.timeOrigin + p0);
    server.stream.publish({ events: [{ seq, event }], moved });
    publishMs += performance.now() - p0;
    await new Promise((res) => setTimeout(res, 100));
  }
  const deadline = Date.now() + 30_000;
  while (delivered.size < COMMITS && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
  // The server thread's CPU over the whole run (publishing, then the sockets' writes), per commit.
  const cpuPerCommit = ((threadCpuMs() ?? NaN) - c0) / COMMITS;
  const lat = [...sent].map(([b, t]) => (delivered.get(b) ?? NaN) - t).filter((x) => Number.isFinite(x));
  await worker.terminate();
  await server.stop();
  console.log('| measure | value |');
  console.log('|---|---:|');
  console.log(`| commits delivered to all ${CLIENTS} clients | ${lat.length} / ${COMMITS} |`);
  console.log(`| commit → last client received, p50 | ${ms(pct(lat, 50))} |`);
  console.log(`| commit → last client received, p99 | ${ms(pct(lat, 99))} |`);
  console.log(`| publish() per commit (wall, server thread) | ${ms(publishMs / COMMITS)} |`);
  console.log(`| server thread CPU per commit (publish + socket writes) | ${ms(cpuPerCommit)} |`);
  console.log(`| bytes delivered (all clients) | ${fmt(bytes / 1024)} KiB |`);
  console.log(`\nbaseline: one client would receive ${fmt(bytes / CLIENTS / 1024)} KiB; checksum ${delivered.size} deliveries`);
  return { fanoutP50: pct(lat, 50), fanoutP99: pct(lat, 99), fanoutCpuMs: cpuPerCommit };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-bench-serve-'));
  console.log(`# bench:serve (scale ${SCALE}; Node ${process.version}; ${new Date().toISOString()})`);
  try {
    const a = PHASES.has('ingest') ? await benchIngest(dir) : {};
    const b = PHASES.has('api') ? await benchApi(dir) : {};
    const c = PHASES.has('fanout') ? await benchFanout(dir) : {};
    console.log('\n## Summary\n');
    console.log(JSON.stringify({ scale: SCALE, messages: MESSAGES, vessels: LIVE_VESSELS, positions: POSITIONS, clients: CLIENTS, ...Object.fromEntries(Object.entries({ ...a, ...b, ...c }).map(([k, v]) => [k, Math.round(v * 100) / 100])) }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
