import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReorderBuffer } from './reorder.js';

test('items leave in time order once the window has passed, ties in arrival order', () => {
  const b = new ReorderBuffer<string>(10);
  const out: string[] = [];
  const release = (_t: number, s: string): number => out.push(s);
  for (const [t, s] of [[5, 'a'], [3, 'b'], [5, 'c'], [1, 'd'], [12, 'e']] as const) {
    assert.ok(b.push(t, s));
    b.drain(release);
  }
  assert.deepEqual(out, ['d']);
  b.push(16, 'f');
  b.drain(release);
  assert.deepEqual(out, ['d', 'b', 'a', 'c']);
  b.drain(release, true);
  assert.deepEqual(out, ['d', 'b', 'a', 'c', 'e', 'f']);
});

test('an item older than what has already left is refused as late', () => {
  const b = new ReorderBuffer<number>(0);
  b.push(100, 1);
  b.drain(() => undefined);
  assert.equal(b.push(99, 2), false);
  assert.equal(b.push(100, 3), true);
});

test('a thousand shuffled items come out sorted', () => {
  const b = new ReorderBuffer<number>(1e9);
  let seed = 42;
  const times = Array.from({ length: 1000 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 5000);
  for (const t of times) b.push(t, t);
  const out: number[] = [];
  b.drain((t) => out.push(t), true);
  assert.deepEqual(out, [...times].sort((x, y) => x - y));
});

test('advance lets stream time move on without an item: what has waited the window leaves', () => {
  const b = new ReorderBuffer<string>(10);
  const out: string[] = [];
  const release = (_t: number, s: string): number => out.push(s);
  b.push(100, 'a');
  b.push(105, 'b');
  b.drain(release);
  assert.deepEqual(out, []);
  b.advance(112);
  b.drain(release);
  assert.deepEqual(out, ['a'], 'only what is older than the advanced time minus the window');
  b.advance(111); // never backwards
  assert.equal(b.maxTime, 112);
  b.push(104, 'c'); // older than maxTime but not yet released past: still in order
  b.advance(200);
  b.drain(release);
  assert.deepEqual(out, ['a', 'c', 'b']);
  assert.equal(b.push(103, 'd'), false, 'older than what has left: late');
  assert.equal(b.push(150, 'e'), true, 'newer than what has left: kept');
});
