import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { TimeSortedLines } from './time-sort.js';

test('lines come back by time, equal times in the order added, however many runs went to disk', () => {
  let seed = 3;
  const rand = (n: number): number => (seed = (seed * 48271) % 2147483647) % n;
  // Few distinct times (many ties), some with none, lines with tabs, semicolons and latin1 letters.
  const input = Array.from({ length: 5000 }, (_, i) => ({ time: rand(50) === 0 ? -Infinity : 1_700_000_000_000 + rand(300) * 1000, line: `row ${i};\tå\t${rand(1000)}` }));
  const expected = input.map((x, i) => ({ ...x, i })).sort((a, b) => (a.time === b.time ? a.i - b.i : a.time - b.time)).map((x) => x.line);
  const parent = mkdtempSync(join(tmpdir(), 'lookout-time-sort-'));
  try {
    for (const runRows of [1, 7, 999, 5000, 100_000]) {
      const s = new TimeSortedLines(parent);
      for (const x of input) {
        s.add(x.time, x.line);
        if (s.held >= runRows) s.spill();
      }
      assert.equal(s.spilledRuns, Math.floor(5000 / runRows), `runs of ${runRows}`);
      assert.deepEqual([...s.sorted()], expected, `runs of ${runRows}`);
      s.dispose();
      assert.deepEqual(readdirSync(parent), [], 'run files removed');
    }
    // Disposed halfway through a merge (an error downstream): files closed and removed.
    const s = new TimeSortedLines(parent);
    for (const x of input.slice(0, 100)) {
      s.add(x.time, x.line);
      if (s.held >= 10) s.spill();
    }
    const it = s.sorted();
    it.next();
    s.dispose();
    assert.deepEqual(readdirSync(parent), []);
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test('held lines can be taken back in the order added', () => {
  const s = new TimeSortedLines();
  s.add(5, 'b');
  s.add(1, 'a');
  assert.deepEqual(s.takeHeld(), ['b', 'a']);
  assert.equal(s.held, 0);
  assert.deepEqual([...s.sorted()], []);
  s.dispose();
});
