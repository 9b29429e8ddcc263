import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PositionBuffer, packPositions, unpackPositions } from './position-columns.js';
import { openSqliteStore } from './sqlite.js';
import type { PositionRecord } from './store.js';

const recs: PositionRecord[] = [
  { mmsi: 257000001, time: 2000, lat: 59.5, lon: 10.25, speed: 12.3, course: 45.5, heading: 45, status: 0 },
  { mmsi: 257000001, time: 1000, lat: 59.4, lon: 10.2 },
  { mmsi: 211000002, time: 1500, lat: -33.9, lon: 18.4, speed: 0 },
];

test('packed positions unpack to the same records, absent values left out', () => {
  assert.deepEqual(unpackPositions(packPositions(recs)), recs);
});

test('the buffer grows past its capacity and starts empty after take', () => {
  const b = new PositionBuffer(1);
  for (const p of recs) b.push(p.mmsi, p.time, p.lat, p.lon, p.speed, p.course, p.heading, p.status);
  assert.equal(b.length, 3);
  assert.deepEqual(unpackPositions(b.take()), recs);
  assert.equal(b.length, 0);
});

test('a batch of columnar and record positions is stored once per key, first row winning, through multi-row inserts', async () => {
  const store = await openSqliteStore({ path: ':memory:' });
  const many: PositionRecord[] = Array.from({ length: 250 }, (_, i) => ({ mmsi: 300000000 + (i % 7), time: 10_000 + i, lat: i / 10, lon: -i / 10, course: i % 360 }));
  const dup = { ...recs[0], lat: 1, lon: 1 };
  const r = store.writeSync({ positionColumns: packPositions([...recs, ...many]), positions: [dup] });
  assert.equal(r.positions, recs.length + many.length);
  assert.deepEqual(await store.track({ mmsi: 257000001, from: 0, to: 1e12, limit: 10 }), [recs[1], recs[0]]);
  assert.equal((await store.track({ mmsi: 300000003, from: 0, to: 1e12, limit: 1000 })).length, many.filter((p) => p.mmsi === 300000003).length);
  assert.equal(store.writeSync({ positionColumns: packPositions(many) }).positions, 0);
  await store.close();
});

test('a track line holds the same times and coordinates as the track, newest rows past the cap', async () => {
  const store = await openSqliteStore({ path: ':memory:' });
  const ps: PositionRecord[] = Array.from({ length: 50 }, (_, i) => ({ mmsi: 257000009, time: 1000 + i * 10, lat: 60 + i / 7, lon: 5 - i / 3, speed: 3 }));
  store.writeSync({ positions: ps });
  for (const q of [{ from: 0, to: 1e12, limit: 1000 }, { from: 1100, to: 1300, limit: 1000 }, { from: 0, to: 1e12, limit: 20 }]) {
    const track = await store.track({ mmsi: 257000009, ...q });
    const line = await store.trackLine({ mmsi: 257000009, ...q });
    assert.equal(line.length, track.length);
    assert.deepEqual([...line.time], track.map((p) => p.time));
    assert.deepEqual([...line.lat], track.map((p) => p.lat));
    assert.deepEqual([...line.lon], track.map((p) => p.lon));
  }
  await store.close();
});
