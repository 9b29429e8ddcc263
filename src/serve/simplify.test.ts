import { test } from 'node:test';
import assert from 'node:assert/strict';
import { segmentTrack, simplifyTrack } from './simplify.js';
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
