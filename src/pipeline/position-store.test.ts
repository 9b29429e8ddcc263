import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AisMessage, ReceivedMessage } from '../ais/types.js';
import type { LookoutEvent } from '../detect/event.js';
import { Tracker } from '../track/tracker.js';
import type { Fix } from '../track/types.js';
import { Pipeline } from './pipeline.js';
import { PositionStore } from './position-store.js';
import { testWorld } from './test-world.js';

/** A tracker that records the fixes it accepts. */
function recordingTracker(): { tracker: Tracker; fixes: Fix[] } {
  const fixes: Fix[] = [];
  return { tracker: new Tracker({}, { fix: (_t, f) => fixes.push(f) }), fixes };
}

test('a stored report reaches the tracker exactly as the message would, absent fields absent', () => {
  const store = new PositionStore();
  const viaStore = recordingTracker();
  const direct = recordingTracker();
  const messages: AisMessage[] = [
    { type: 1, repeat: 0, mmsi: 219000001, lat: 55.123456, lon: -0.000001, speed: 12.3, course: 359.9, heading: 511, status: 0, second: 59 },
    { type: 18, repeat: 0, mmsi: 219000002, lat: -33.9, lon: 179.99999, speed: 0.1, course: 0, heading: 0, second: 1 },
    { type: 27, repeat: 0, mmsi: 219000003, lat: 10.5, lon: 20.25, speed: 7, status: 5 },
    { type: 3, repeat: 0, mmsi: 219000004, lat: 1e-7, lon: 1e-7 },
  ];
  const rows = messages.map((m, i) => store.put(m, i % 2 === 0 ? `st${i}` : undefined));
  assert.ok(rows.every((r) => r >= 0));
  assert.equal(store.size, 4);
  rows.forEach((row, i) => {
    assert.equal(store.process(row, 1_700_000_000_000 + i * 60_000, viaStore.tracker), 'fix');
    direct.tracker.process(messages[i], 1_700_000_000_000 + i * 60_000, i % 2 === 0 ? `st${i}` : undefined);
  });
  assert.equal(store.size, 0);
  assert.deepEqual(viaStore.fixes, direct.fixes);
  // Absent values stay absent (undefined), not NaN: a NaN would reach the detectors and JSON.
  assert.equal(viaStore.fixes[3].speed, undefined);
  assert.equal(viaStore.fixes[2].heading, undefined);
});

test('a report with a field that is not a finite number is refused (the pipeline keeps the object)', () => {
  const store = new PositionStore();
  assert.equal(store.put({ type: 1, repeat: 0, mmsi: 1, lat: 1, lon: 1, speed: NaN }, undefined), -1);
  assert.equal(store.put({ type: 1, repeat: 0, mmsi: 1, lat: 1, lon: Infinity }, undefined), -1);
  assert.equal(store.put({ type: 1, repeat: 0, mmsi: 1, lon: 1 }, undefined), -1);
  assert.equal(store.put({ type: 1, repeat: 0, mmsi: 1, lat: 1, lon: 1, status: '3' } as unknown as AisMessage, undefined), -1);
  assert.equal(store.size, 0);
});

test('rows are reused once freed and the store grows past its first capacity', () => {
  const store = new PositionStore();
  const { tracker, fixes } = recordingTracker();
  const rows: number[] = [];
  for (let i = 0; i < 1000; i++) rows.push(store.put({ type: 1, repeat: 0, mmsi: 100 + i, lat: i / 100, lon: 1 + i / 100 }, undefined));
  assert.equal(new Set(rows).size, 1000);
  store.drop(rows[0]);
  for (let i = 1; i < 1000; i++) store.process(rows[i], 1_700_000_000_000 + i, tracker);
  assert.equal(store.size, 0);
  assert.equal(fixes.length, 999);
  assert.deepEqual(fixes.map((f) => f.lat), rows.slice(1).map((_, k) => (k + 1) / 100));
});

test('the pipeline gives the same events whether a report waits as a row or as an object', () => {
  // The same two vessels' reports, once plain, once with a NaN heading on every report (kept as
  // objects: the tracker drops a NaN heading as it drops 511, so the events must not change).
  const feed = (odd: boolean): ReceivedMessage[] => {
    const out: ReceivedMessage[] = [];
    const t0 = Date.UTC(2025, 0, 1);
    for (let k = 0; k < 400; k++) {
      const time = t0 + k * 60_000;
      for (const [mmsi, lon] of [[219000001, 10], [219000002, 10.002]] as const) {
        const message: AisMessage = { type: 1, repeat: 0, mmsi, lat: 55, lon, speed: 0.2, course: 90, status: 0, second: 0 };
        if (odd) message.heading = NaN;
        out.push({ message, meta: { time } });
      }
    }
    return out;
  };
  const run = (odd: boolean): LookoutEvent[] => {
    const events: LookoutEvent[] = [];
    const p = new Pipeline({ refdata: testWorld(), onEvent: (e) => events.push(e) });
    for (const m of feed(odd)) p.push(m);
    p.finish();
    return events;
  };
  const rows = run(false);
  assert.ok(rows.some((e) => e.type === 'encounter'), 'two vessels alongside for hours meet');
  assert.deepEqual(run(true), rows);
});

test('station names come back as given, past the number of names kept once', () => {
  const store = new PositionStore();
  const { tracker, fixes } = recordingTracker();
  // 5,000 distinct receivers (more than are interned), each twice, and reports without one.
  const names = Array.from({ length: 5000 }, (_, i) => `station-${i}`);
  const rows: [number, string | undefined][] = [];
  for (let k = 0; k < 2; k++) {
    for (let i = 0; i < names.length; i++) {
      const station = i % 7 === 0 ? undefined : names[i];
      rows.push([store.put({ type: 1, repeat: 0, mmsi: 1000 + i, lat: 10 + i / 1000, lon: 20 + k / 100 }, station), station]);
    }
  }
  rows.forEach(([row], j) => store.process(row, 1_700_000_000_000 + j * 1000, tracker));
  assert.equal(fixes.length, rows.length);
  assert.deepEqual(fixes.map((f) => f.station), rows.map(([, s]) => s));
});
