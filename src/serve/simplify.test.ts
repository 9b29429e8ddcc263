import { test } from 'node:test';
import assert from 'node:assert/strict';
import { segmentRanges, segmentTrack, simplifyIndices, simplifyTrack } from './simplify.js';
import type { PositionRecord } from '../store/store.js';

const at = (i: number, lat: number, lon: number): PositionRecord => ({ mmsi: 1, time: i * 60_000, lat, lon });

test('a straight track simplifies to its two ends', () => {
  const ps = Array.from({ length: 100 }, (_, i) => at(i, 10 + i * 0.01, 20 + i * 0.01));
  assert.deepEqual(simplifyTrack(ps, 10).map((p) => p.time), [0, 99 * 60_000]);
});

test('simplification keeps the corners first and never exceeds the budget', () => {
  // An L: east for 50 fixes, then north for 50, with small noise.
  const ps = [...Array.from({ length: 50 }, (_, i) => at(i, 0 + (i % 2) * 1e-6, i * 0.01)), ...Array.from({ length: 50 }, (_, i) => at(50 + i, 0.01 + i * 0.01, 0.49))];
  const three = simplifyTrack(ps, 3);
  assert.equal(three.length, 3);
  assert.deepEqual([three[0].time, three[2].time], [0, 99 * 60_000]);
  assert.ok(Math.abs(three[1].lon - 0.49) < 0.02 && Math.abs(three[1].lat) < 0.02, 'the corner is kept');
  for (const n of [2, 5, 17, 60]) assert.ok(simplifyTrack(ps, n).length <= n);
});

test('a tolerance in metres drops only the points closer than it to the line', () => {
  const ps = [at(0, 0, 0), at(1, 0.05001, 0.5), at(2, 0.1, 1), at(3, 0, 1.5)];
  assert.deepEqual(simplifyTrack(ps, 100, 100).map((p) => p.time / 60_000), [0, 2, 3]);
});

test('a track splits at gaps longer than the limit and at antimeridian jumps', () => {
  const ps = [at(0, 0, 179.9), at(1, 0, -179.9), at(2, 0, -179.8), at(100, 0, -179.7)];
  assert.deepEqual(segmentTrack(ps, 30 * 60_000).map((s) => s.length), [1, 2, 1]);
});

test('simplifying columns by index keeps the same points as simplifying records, piece by piece', () => {
  const ps = Array.from({ length: 3000 }, (_, k) => ({ mmsi: 1, time: k * 60_000 + (k >= 1500 ? 3 * 3600_000 : 0), lat: 10 + 0.002 * k + 0.01 * Math.sin(k / 9), lon: 20 + 0.002 * Math.cos(k / 50) * k }));
  const time = Float64Array.from(ps, (p) => p.time);
  const lat = Float64Array.from(ps, (p) => p.lat);
  const lon = Float64Array.from(ps, (p) => p.lon);
  for (const [maxPoints, tol] of [[200, 0], [5000, 0], [300, 50]] as const) {
    const byRecord = segmentTrack(ps, 2 * 3600_000).map((s) => simplifyTrack(s, maxPoints, tol));
    const byIndex = segmentRanges(time, lon, ps.length, 2 * 3600_000).map(([a, b]) => simplifyIndices(lon, lat, a, b, maxPoints, tol).map((i) => ps[i]));
    assert.equal(byIndex.length, 2);
    assert.deepEqual(byIndex, byRecord);
  }
});
