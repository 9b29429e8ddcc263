import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Track } from '../track/types.js';
import { TrackStates, ensureLength } from './track-states.js';

const track = (id: string, index?: number): Track => ({ track_id: id, mmsi: 1, ...(index !== undefined ? { index } : {}), identity: { mmsi: 1 }, last: undefined, first_seen: 0, last_seen: 0, fixes: 0 });

test('states are found by track index, or by track id for tracks built by hand, and listed in creation order', () => {
  const s = new TrackStates<string>();
  s.add(track('a', 5), 'A');
  s.add(track('b'), 'B');
  s.add(track('c', 0), 'C');
  assert.equal(s.get(track('a', 5)), 'A');
  assert.equal(s.get(track('b')), 'B');
  assert.equal(s.get(track('c', 0)), 'C');
  assert.equal(s.get(track('d', 3)), undefined);
  assert.deepEqual(s.all, ['A', 'B', 'C']);
  assert.equal(s.size, 3);
});

test('ensureLength keeps a long enough array and grows a short one by doubling, filling only the new part', () => {
  const a = new Float64Array([1, 2, 3, 4]);
  assert.equal(ensureLength(a, 4), a);
  const b = ensureLength(a, 9, NaN);
  assert.equal(b.length, 16);
  assert.deepEqual([...b.subarray(0, 4)], [1, 2, 3, 4]);
  assert.ok(b.subarray(4).every(Number.isNaN));
  const c = ensureLength(new Int32Array([7]), 3, -1);
  assert.ok(c instanceof Int32Array);
  assert.deepEqual([...c], [7, -1, -1, -1]);
  assert.deepEqual([...ensureLength(new Float64Array(0), 2)], [0, 0]);
});
