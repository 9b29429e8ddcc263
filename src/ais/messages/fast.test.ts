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

test('the hand-written decoders of types 1–5, 11, 18, 24 and 27 agree with the layout tables on random payloads', () => {
  const rand = rng(99);
  let compared = 0;
  const lengths: Record<number, number> = { 5: 71, 27: 16 };
  const types = [1, 2, 3, 4, 5, 11, 18, 24, 27];
  for (const type of types) {
    for (let n = 0; n < 2500; n++) {
      // The full length plus, now and then, extra characters that both must ignore.
      const chars = (lengths[type] ?? 28) + (n % 7 === 0 ? Math.floor(rand() * 4) : 0);
      let payload = SIX_TO_ARMOUR[type];
      for (let k = 1; k < chars; k++) payload += SIX_TO_ARMOUR[Math.floor(rand() * 64)];
      // Type 24: parts A and B (part numbers 2 and 3 are errors), some auxiliary craft.
      if (type === 24) payload = payload.slice(0, 6) + SIX_TO_ARMOUR[(Math.floor(rand() * 64) & 0b110011) | ((n % 3) << 2)] + payload.slice(7);
      if (type === 24 && n % 10 === 0) payload = payload.slice(0, 1) + SIX_TO_ARMOUR[Math.floor(rand() * 4)] + 'Ot' + payload.slice(4);
      // Dimensions all zero in type 5 now and then.
      if (type === 5 && n % 4 === 0) payload = payload.slice(0, 40) + '00000' + payload.slice(45);
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
  assert.equal(compared, types.length * 2500);
});
