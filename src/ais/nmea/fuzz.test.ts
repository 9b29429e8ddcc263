// Robustness: millions of random and mutated lines never throw, never hang, and every line is
// accounted for (accepted or counted by reason). Deterministic: a fixed-seed PRNG.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../../../test/support/paths.js';
import type { ReceivedMessage } from '../types.js';
import { AisDecoder } from './decoder.js';
import { errorCount, lineErrorCount } from './stats.js';

const LINES = Number(process.env.LOOKOUT_FUZZ_LINES ?? 2_000_000);
const POOL = 100_000;

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SPECIAL = '!\\*,$#:-0123456789ABCDEFGHIJKLMNOPQRSTUVWxyz`@ \t\r';

function seedLines(): string[] {
  const files = ['dma_aislib_stream_example_20100611.txt', 'kystverket_norwegian_20241209.raw', 'libais-test.aivdm', 'pyais-mixed.txt', 'libais-tagblock.nmea', 'ais-tools-bad-type5.nmea', 'probe-errors.nmea'];
  return files.flatMap((f) => readFileSync(join(FIXTURES, 'nmea', f), 'latin1').split('\n'));
}

/** One mutated or random line. */
function mutate(seeds: string[], rnd: () => number): string {
  const pick = (): string => seeds[Math.floor(rnd() * seeds.length)];
  const ch = (): string => SPECIAL[Math.floor(rnd() * SPECIAL.length)];
  const at = (s: string): number => Math.floor(rnd() * (s.length + 1));
  const kind = Math.floor(rnd() * 11);
  let s = pick();
  switch (kind) {
    case 0:
      return s; // unchanged: keeps reassembly and Gatehouse state busy
    case 1: {
      const i = at(s);
      return s.slice(0, i) + ch() + s.slice(i + 1); // replace a char
    }
    case 2: {
      const i = at(s);
      return s.slice(0, i) + s.slice(i + 1); // delete a char
    }
    case 3: {
      const i = at(s);
      return s.slice(0, i) + ch() + s.slice(i); // insert a char
    }
    case 4:
      return s.slice(0, at(s)); // truncate
    case 5:
      return s + pick(); // two lines glued together
    case 6: {
      const t = pick();
      return s.slice(0, at(s)) + t.slice(at(t)); // splice two lines
    }
    case 7: {
      let r = '';
      const n = Math.floor(rnd() * 120);
      for (let i = 0; i < n; i++) {
        const c = Math.floor(rnd() * 256);
        r += String.fromCharCode(c === 10 ? 11 : c); // any byte but the line terminator
      }
      return r; // random bytes
    }
    case 8: {
      let r = '';
      const n = Math.floor(rnd() * 100);
      for (let i = 0; i < n; i++) r += ch();
      return r; // random NMEA-ish characters
    }
    case 9:
      for (let k = 0; k < 3; k++) {
        const i = at(s);
        s = s.slice(0, i) + ch() + s.slice(i + 1);
      }
      return s;
    default: {
      // Fragment headers with random part numbers, counts and sequence ids.
      const n = 1 + Math.floor(rnd() * 3);
      return `!AIVDM,${n},${1 + Math.floor(rnd() * n)},${Math.floor(rnd() * 10)},${rnd() < 0.5 ? 'A' : 'B'},${pick().slice(15, 40)},0*00`;
    }
  }
}

test('millions of random and mutated lines never throw and every line is accounted for', { timeout: 120_000 }, () => {
  const rnd = prng(20261128);
  const seeds = seedLines();
  const pool: string[] = [];
  for (let i = 0; i < POOL; i++) pool.push(mutate(seeds, rnd));
  const decoder = new AisDecoder({ maxLineLength: 200 });
  const out: ReceivedMessage[] = [];
  let fed = 0;
  let maxPending = 0;
  while (fed < LINES) {
    // Each pass: the pool in a new rotation, cut into random chunk sizes (lines split anywhere).
    const offset = Math.floor(rnd() * POOL);
    const text = pool.slice(offset).join('\n') + '\n' + pool.slice(0, offset).join('\n') + '\n';
    let i = 0;
    while (i < text.length) {
      const n = 1 + Math.floor(rnd() * 70_000);
      decoder.write(text.slice(i, i + n), out);
      i += n;
      out.length = 0;
      maxPending = Math.max(maxPending, decoder.pendingFragments);
    }
    fed += POOL;
  }
  decoder.end(out);
  const s = decoder.stats;
  assert.equal(s.lines, fed, 'every line was seen');
  assert.equal(s.lines + s.joined, s.blank + s.comments + s.metadata + s.sentences + lineErrorCount(s), 'lines == accepted + counted rejections');
  assert.equal(s.payloads, s.messages + s.errors.empty_payload + s.errors.bad_armour + s.errors.bad_fill_bits + s.errors.truncated + s.errors.unknown_type);
  assert.ok(s.messages > 0 && errorCount(s) > 0, 'the mix holds both good and bad lines');
  assert.ok(maxPending <= 256, 'the fragment buffer stays bounded');
  assert.equal(decoder.pendingFragments, 0);
});

test('adversarial shapes (huge fields, endless tag blocks, many sentences per line) are cheap and counted', { timeout: 30_000 }, () => {
  const decoder = new AisDecoder();
  const out: ReceivedMessage[] = [];
  const single = '!AIVDM,1,1,,A,13HOI:0P0000VOHLCnHQKwvL05Ip,0*23';
  const lines = [
    '\\'.repeat(4000),
    '!'.repeat(4000),
    ','.repeat(4000),
    '*'.repeat(4000),
    `\\c:${'9'.repeat(3000)}*00\\${single}`,
    single.repeat(70), // 70 sentences glued on one line, all valid
    `!AIVDM,99,1,9,A,${'0'.repeat(3000)},0*00`,
    `$PGHP,${'1,'.repeat(1500)}*00`,
  ];
  const t0 = Date.now();
  for (let k = 0; k < 100; k++) for (const l of lines) decoder.write(l + '\n', out);
  decoder.end(out);
  assert.ok(Date.now() - t0 < 10_000);
  const s = decoder.stats;
  assert.equal(s.lines, 800);
  assert.equal(out.length, 100 * 70);
  assert.equal(s.joined, 100 * 69);
  assert.equal(s.lines + s.joined, s.blank + s.comments + s.metadata + s.sentences + lineErrorCount(s));
});
