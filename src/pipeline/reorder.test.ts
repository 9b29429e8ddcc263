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

test('the FIFO ring grows through a burst, wraps around and gives the memory back, losing and reordering nothing', () => {
  const b = new ReorderBuffer<number>(100_000);
  const out: number[] = [];
  const release = (t: number, v: number): void => {
    assert.equal(t, Math.floor(v));
    out.push(v);
  };
  // A burst of 300,000 in-order items inside the window (the ring grows past 100,000 and wraps),
  // with an out-of-order item every 10,000 (through the heap, merged on release); then stream
  // time moves on and everything leaves.
  let pushed = 0;
  for (let i = 0; i < 300_000; i++) {
    assert.ok(b.push(i, i));
    pushed++;
    if (i % 10_000 === 5_000) {
      assert.ok(b.push(i - 50, i - 50 + 0.5)); // same time as item i − 50, arrived later
      pushed++;
    }
    b.drain(release);
  }
  assert.equal(b.size, 100_000 + 10);
  for (let t = 300_000; t < 1_000_000; t += 1000) {
    b.advance(t);
    b.drain(release);
  }
  b.drain(release, true);
  assert.equal(out.length, pushed);
  assert.equal(b.size, 0);
  for (let k = 1; k < out.length; k++) assert.ok(out[k - 1] < out[k], `order at ${k}: ${out[k - 1]} then ${out[k]}`);
});
