import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AisMessage, ReceivedMessage } from '../ais/types.js';
import type { DetectorConfig } from '../detect/config.js';
import type { Detector } from '../detect/detector.js';
import type { LookoutEvent } from '../detect/event.js';
import type { OpenedInput } from '../ingest/open.js';
import { FIXTURES, SHARED_DATA } from '../../test/support/paths.js';
import { createInputCounts, feedInput, type FeedOptions } from './inputs.js';
import { compareEvents, formatEvents } from './output.js';
import { Pipeline } from './pipeline.js';
import { testWorld } from './test-world.js';

const world = testWorld();
const T0 = Date.UTC(2024, 0, 1);
const MIN = 60_000;
const msg = (m: Partial<AisMessage> & { mmsi: number }, time?: number, station?: string): ReceivedMessage => ({
  message: { type: 1, repeat: 0, ...m },
  meta: time === undefined ? {} : station === undefined ? { time } : { time, station },
});

test('messages out of order within the reorder window are used, in time order', () => {
  const seen: number[] = [];
  const p = new Pipeline({ refdata: world, reorderWindowMs: 5 * MIN, onFix: (_t, f) => seen.push(f.time) });
  for (const k of [0, 2, 1, 4, 3, 6, 5]) p.push(msg({ mmsi: 244123456, lat: 52 + k * 0.001, lon: 4 }, T0 + k * MIN));
  p.finish();
  assert.deepEqual(seen, [0, 1, 2, 3, 4, 5, 6].map((k) => T0 + k * MIN));
  assert.equal(p.stats.positions, 7);
});

test('a message later than the reorder window is rejected as late, not silently dropped', () => {
  const p = new Pipeline({ refdata: world, reorderWindowMs: MIN });
  p.push(msg({ mmsi: 244123456, lat: 52, lon: 4 }, T0 + 10 * MIN));
  p.push(msg({ mmsi: 244123456, lat: 52.01, lon: 4 }, T0 + 20 * MIN));
  p.push(msg({ mmsi: 244123456, lat: 52.001, lon: 4 }, T0 + 5 * MIN));
  p.finish();
  assert.deepEqual(p.stats.rejected, { late: 1 });
  assert.equal(p.stats.positions, 2);
  // 15 minutes behind the newest message: the window that would have kept it.
  assert.equal(p.stats.late_max_ms, 15 * MIN);
});

test('a late static message fills identity fields still unknown, never changes a known one', () => {
  const changes: string[] = [];
  const p = new Pipeline({ refdata: world, reorderWindowMs: MIN, onIdentity: (t, c) => changes.push(`${t.track_id} ${c.field} ${String(c.before)}→${String(c.after)}`) });
  const stat = (mmsi: number, shipname: string, callsign: string, time: number): ReceivedMessage => ({
    message: { type: 5, repeat: 0, mmsi, shipname, callsign, imo: 0, ship_type: 80, to_bow: 0, to_stern: 0, to_port: 0, to_starboard: 0, draught: 0, destination: '' },
    meta: { time },
  });
  // Vessel A is tracked and named; vessel B is heard only in a late satellite pass.
  p.push(msg({ mmsi: 244123456, lat: 52, lon: 4 }, T0 + 10 * MIN));
  p.push(stat(244123456, 'NEW NAME', '', T0 + 11 * MIN));
  p.push(msg({ mmsi: 244123456, lat: 52.01, lon: 4 }, T0 + 20 * MIN));
  // Twenty minutes late: an older name (must not replace the newer one) and a call sign (unknown so far).
  p.push(stat(244123456, 'OLD NAME', 'PDAB', T0 + MIN));
  p.push(stat(636019825, 'SAT ONLY', 'D5AB', T0 + 2 * MIN));
  p.finish();
  assert.deepEqual(p.stats.rejected, { late: 2 });
  assert.equal(p.stats.late_statics, 2);
  assert.equal(p.track('244123456')?.identity.name, 'NEW NAME');
  assert.equal(p.track('244123456')?.identity.callsign, 'PDAB');
  assert.equal(p.track('636019825')?.identity.name, 'SAT ONLY');
  assert.equal(p.track('636019825')?.identity.ship_type, 80);
  assert.equal(p.stats.vessels, 2);
  // First values only: no change from NEW NAME to OLD NAME.
  assert.ok(!changes.some((c) => c.includes('OLD NAME')), changes.join('; '));
  assert.ok(changes.includes('244123456 callsign undefined→PDAB'), changes.join('; '));
});

test('a message without a time takes the last known time; before any time it is rejected', () => {
  const times: number[] = [];
  const p = new Pipeline({ refdata: world, onFix: (_t, f) => times.push(f.time) });
  p.push(msg({ mmsi: 244123456, lat: 52, lon: 4 }));
  p.push(msg({ mmsi: 244123456, lat: 52.001, lon: 4 }, T0));
  p.push(msg({ mmsi: 244123456, lat: 52.002, lon: 4, second: 30 }));
  p.push(msg({ mmsi: 244123456, lat: 52, lon: 4 }, 12));
  p.finish();
  assert.deepEqual(p.stats.rejected, { no_time: 1, invalid_time: 1 });
  assert.deepEqual(times, [T0, T0]);
});

test('stats count messages, vessels, tracks and events by type; extra detectors run beside the registry', () => {
  const seenByExtra: string[] = [];
  const extra = (): Detector => ({ name: 'extra', position: (t) => void seenByExtra.push(t.track_id), finish: () => undefined });
  const p = new Pipeline({ refdata: world, extraDetectors: [extra] });
  p.push(msg({ mmsi: 123456789, lat: 30, lon: 125, speed: 5, course: 0 }, T0));
  p.push(msg({ type: 5, mmsi: 123456789, shipname: 'X' }, T0 + 1000));
  p.push(msg({ type: 4, mmsi: 2573000 }, T0 + 2000));
  p.finish();
  assert.equal(p.stats.messages, 3);
  assert.equal(p.stats.positions, 1);
  assert.equal(p.stats.statics, 1);
  assert.equal(p.stats.other, 1);
  assert.equal(p.stats.vessels, 1);
  assert.equal(p.stats.tracks, 1);
  assert.deepEqual(p.stats.events, { identity_anomaly: 1 });
  assert.deepEqual(seenByExtra, ['123456789']);
  assert.equal(p.track('123456789')?.identity.name, 'X');
  assert.throws(() => p.push(msg({ mmsi: 1, lat: 1, lon: 1 }, T0)));
});

test('a detector configuration section changes that detector only', () => {
  const run = (config: DetectorConfig): string[] => {
    const events: LookoutEvent[] = [];
    const p = new Pipeline({ refdata: world, config, onEvent: (e) => events.push(e) });
    p.push(msg({ mmsi: 123456789, lat: 30, lon: 125 }, T0));
    p.finish();
    return events.map((e) => `${e.type}:${String(e.details['kind'])}`);
  };
  assert.deepEqual(run({}), ['identity_anomaly:placeholder_mmsi']);
  assert.deepEqual(run({ disable: ['identity_anomaly'] }), []);
  // Not listed as a placeholder any more: still not a ship station's number.
  assert.deepEqual(run({ identity_anomaly: { placeholderMmsis: [] } }), ['identity_anomaly:mmsi_not_ship']);
});

/** An OpenedInput over fixed chunks (what openInput gives for a file). */
function input(chunks: Buffer[]): OpenedInput {
  return {
    name: 'test',
    size: undefined,
    gzip: false,
    bytesRead: 0,
    chunks: (async function* () {
      for (const c of chunks) yield await Promise.resolve(c);
    })(),
  };
}

async function analyse(chunks: Buffer[], feed: FeedOptions = {}, counts = createInputCounts()): Promise<string> {
  const events: LookoutEvent[] = [];
  const p = new Pipeline({ refdata: world, onEvent: (e) => events.push(e) });
  await feedInput(input(chunks), p, counts, feed);
  p.finish();
  const tracks = [...p.tracks()].map((t) => `${t.track_id} ${t.fixes} ${JSON.stringify(t.identity)} ${JSON.stringify(t.last)}`);
  return formatEvents(events.sort(compareEvents), 'jsonl') + tracks.join('\n') + JSON.stringify(p.stats);
}

test('the same log analysed whole and in random chunks gives identical output, byte for byte', async () => {
  const text = Buffer.concat([
    readFileSync(join(FIXTURES, 'nmea', 'dma_aislib_stream_example_20100611.txt')),
    readFileSync(join(FIXTURES, 'nmea', 'kystverket_ais1000lines_20190807.nm4')),
  ]);
  const whole = await analyse([text]);
  assert.ok(whole.includes('identity_anomaly'), 'the log raises events');
  let seed = 7;
  const rand = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
  for (let round = 0; round < 3; round++) {
    const chunks: Buffer[] = [];
    for (let i = 0; i < text.length; ) {
      const n = 1 + Math.floor(rand() * (round === 0 ? 7 : 5000));
      chunks.push(text.subarray(i, i + n));
      i += n;
    }
    assert.equal(await analyse(chunks), whole, `round ${round}: ${chunks.length} chunks`);
  }
});

test('a decoded CSV is recognised from its header and fed through the same pipeline', async () => {
  const csv = readFileSync(join(FIXTURES, 'tracks', 'decoded', 'noaa_marinecadastre_20230111_1000rows.csv'));
  const counts = createInputCounts();
  const p = new Pipeline({ refdata: world });
  await feedInput(input([csv.subarray(0, 100), csv.subarray(100)]), p, counts);
  p.finish();
  assert.equal(counts.csv, 1);
  assert.equal(counts.nmea, 0);
  assert.equal(counts.csvRows, 1000);
  assert.equal(p.stats.vessels, 1000);
  assert.equal(counts.csvSorted, 1, 'rows grouped by vessel, not time: sorted before analysis');
});

/**
 * A CSV out of time order, analysed with its rows sorted in memory, sorted on disk in runs of
 * `runRows`, and pre-sorted by time (`sortedText`): the same events, tracks and stats.
 */
async function sortedThreeWays(text: Buffer, sortedText: Buffer, runRows: number): Promise<{ runs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-sort-test-'));
  try {
    const inMemory = createInputCounts();
    const whole = await analyse([text], { csvRunRows: 1e9 }, inMemory);
    const onDisk = createInputCounts();
    const runs = await analyse([text.subarray(0, 777), text.subarray(777)], { csvRunRows: runRows, sortDir: dir }, onDisk);
    assert.equal(runs, whole, 'sorted on disk = sorted in memory');
    assert.equal(await analyse([sortedText]), whole, 'sorted on disk = sorted beforehand');
    assert.deepEqual([inMemory.csvSorted, inMemory.csvSortRuns, onDisk.csvSorted], [1, 0, 1]);
    assert.equal(onDisk.csvRows, inMemory.csvRows);
    assert.deepEqual(readdirSync(dir), [], 'run files removed');
    return { runs: onDisk.csvSortRuns };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The rows of a CSV (header first) stably sorted by the value of one column, as numbers or text. */
function sortRows(text: Buffer, key: (cells: string[]) => number, delimiter: string): Buffer {
  const lines = text.toString('latin1').split('\n').filter((l) => l !== '');
  const rows = lines.slice(1).map((l, i) => ({ l, i, k: key(l.split(delimiter)) }));
  rows.sort((a, b) => a.k - b.k || a.i - b.i);
  return Buffer.from([lines[0], ...rows.map((r) => r.l)].join('\n') + '\n', 'latin1');
}

test('a CSV grouped by vessel is sorted by time on disk beyond csvRunRows rows, with the same result as in memory', async () => {
  const csv = readFileSync(join(FIXTURES, 'tracks', 'decoded', 'noaa_marinecadastre_20230111_1000rows.csv'));
  const byTime = sortRows(csv, (c) => Date.parse(`${c[1]}Z`), ',');
  const { runs } = await sortedThreeWays(csv, byTime, 90);
  assert.equal(runs, 11, '1,000 rows in runs of 90: 11 on disk, the rest merged from memory');
  // Already in time order: through the runs on disk all the same, and given back in file order.
  const counts = createInputCounts();
  assert.equal(await analyse([byTime], { csvRunRows: 90 }, counts), await analyse([byTime]));
  assert.deepEqual([counts.csvSorted, counts.csvSortRuns], [0, 11]);
});

const BALTIC = join(SHARED_DATA, 'tracks', 'decoded', 'baltic_decoded_reports_20180401_20k.csv');
test('the Baltic decoded-reports export (20,000 rows by vessel) sorts on disk as in memory (reads ../shared: no licence stated)', { skip: existsSync(BALTIC) ? false : `${BALTIC} absent (../shared/data, not redistributable)` }, async () => {
  const csv = readFileSync(BALTIC);
  const byTime = sortRows(csv, (c) => Number(c[1]), ';');
  const { runs } = await sortedThreeWays(csv, byTime, 700);
  assert.equal(runs, 28);
});

test('every detector sees every fix in registry order, class-based ones with their own `this`, however many there are', () => {
  for (const count of [1, 5, 12, 13, 20]) {
    const calls: string[] = [];
    class Counting implements Detector {
      readonly name: string;
      private seen = 0;
      constructor(readonly k: number) {
        this.name = `extra${k}`;
      }
      position(t: { track_id: string }): void {
        this.seen++;
        calls.push(`${this.k}:${t.track_id}:${this.seen}`);
      }
      finish(): void {}
    }
    const p = new Pipeline({ refdata: world, config: { disable: ['gap', 'encounter', 'loitering', 'port_visit', 'draught_change', 'zones', 'identity_change', 'identity_anomaly', 'shared_mmsi', 'spoofing'] }, extraDetectors: Array.from({ length: count }, (_, k) => () => new Counting(k)) });
    p.push(msg({ mmsi: 123456789, lat: 30, lon: 125, speed: 5, course: 0 }, T0));
    p.push(msg({ mmsi: 123456789, lat: 30.001, lon: 125, speed: 5, course: 0 }, T0 + 60_000));
    p.finish();
    const expected = [1, 2].flatMap((n) => Array.from({ length: count }, (_, k) => `${k}:123456789:${n}`));
    assert.deepEqual(calls, expected, `${count} detectors`);
  }
});
