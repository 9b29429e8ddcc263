import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodePayload, useFastPaths } from './decode.js';
import { SIX_TO_ARMOUR } from './armour.js';

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

test('the hand-written decoders of types 1, 2, 3 and 18 agree with the layout tables on random payloads', () => {
  const rand = rng(99);
  let compared = 0;
  for (const type of [1, 2, 3, 18]) {
    for (let n = 0; n < 5000; n++) {
      // 168 bits plus, now and then, extra characters that both must ignore.
      const chars = 28 + (n % 7 === 0 ? Math.floor(rand() * 4) : 0);
      let payload = SIX_TO_ARMOUR[type];
      for (let k = 1; k < chars; k++) payload += SIX_TO_ARMOUR[Math.floor(rand() * 64)];
      // Make the sentinels and edge values common.
      if (n % 5 === 0) payload = payload.slice(0, 10) + 'w'.repeat(8) + payload.slice(18);
      const fill = chars > 28 ? Math.floor(rand() * 6) : 0;
      useFastPaths(true);
      const fast = decodePayload(payload, fill);
      useFastPaths(false);
      const tables = decodePayload(payload, fill);
      useFastPaths(true);
      assert.deepStrictEqual(fast, tables, payload);
      assert.deepStrictEqual(Object.keys(fast), Object.keys(tables), 'same properties in the same order: one shape');
      compared++;
    }
  }
  assert.equal(compared, 20000);
});
