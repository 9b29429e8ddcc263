/**
 * Robustness: random and mutated payloads never make the decoder throw or hang, and every
 * result is either a well-formed message or a PayloadError with a known reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../../../test/support/paths.js';
import type { AisMessage } from '../types.js';
import type { PayloadError } from './decode.js';
import { decodePayload, isPayloadError } from './decode.js';
import { encodePayload } from './encode.js';
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

const REASONS = new Set(['empty_payload', 'bad_armour', 'bad_fill_bits', 'truncated', 'unknown_type']);

function check(result: AisMessage | PayloadError, counts: Map<string, number>, deep: boolean): void {
  if (isPayloadError(result)) {
    assert.ok(REASONS.has(result.error), result.error);
    counts.set(result.error, (counts.get(result.error) ?? 0) + 1);
    return;
  }
  assert.ok(Number.isInteger(result.type) && result.type >= 1 && result.type <= 27);
  assert.ok(Number.isInteger(result.mmsi) && result.mmsi >= 0 && result.mmsi < 2 ** 30);
  counts.set('message', (counts.get('message') ?? 0) + 1);
  if (deep) {
    for (const v of Object.values(result)) assert.ok(typeof v !== 'number' || Number.isFinite(v), 'no NaN or Infinity');
    JSON.stringify(result);
    // Whatever decodes also encodes and decodes again to a message.
    const again = decodePayload(encodePayload(result).payload, encodePayload(result).fillBits);
    assert.ok(!isPayloadError(again) || again.error === 'truncated', JSON.stringify(again));
  }
}

function realPayloads(): string[] {
  const out: string[] = [];
  for (const line of readFileSync(join(FIXTURES, 'ais-messages', 'pyais-expected.jsonl'), 'utf8').split('\n')) {
    if (line === '') continue;
    const r = JSON.parse(line) as { sentences: string[] };
    out.push(r.sentences.map((s) => s.slice(s.indexOf('!')).split(',')[5] ?? '').join(''));
  }
  return out.filter((p) => p.length > 0);
}

test('random payloads never throw and always give a message or a known PayloadError', () => {
  const rand = rng(1);
  const counts = new Map<string, number>();
  const N = 200_000;
  // Slices of one long random string: cheap to make, so the test measures the decoder.
  let pool = '';
  for (let k = 0; k < 100_000; k++) pool += SIX_TO_ARMOUR[Math.floor(rand() * 64)];
  const started = performance.now();
  for (let n = 0; n < N; n++) {
    const len = Math.floor(rand() * (rand() < 0.9 ? 60 : 400));
    const at = Math.floor(rand() * (pool.length - len));
    let p = pool.slice(at, at + len);
    if (rand() < 0.05) p += String.fromCharCode(Math.floor(rand() * 0x3000)) + p;
    const fill = rand() < 0.95 ? Math.floor(rand() * 6) : [-1, 6, 7, 2.5, NaN, Infinity][Math.floor(rand() * 6)];
    check(decodePayload(p, fill), counts, n % 20 === 0);
  }
  console.log(`robustness: ${N} random payloads in ${Math.round(performance.now() - started)} ms: ${JSON.stringify(Object.fromEntries(counts))}`);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  assert.equal(total, N);
  assert.ok((counts.get('message') ?? 0) > N / 10, 'many random payloads decode');
  for (const reason of REASONS) assert.ok((counts.get(reason) ?? 0) > 0, `some ${reason}`);
});

test('mutated real payloads never throw and always give a message or a known PayloadError', () => {
  const rand = rng(2);
  const real = realPayloads();
  const counts = new Map<string, number>();
  const N = 100_000;
  for (let n = 0; n < N; n++) {
    let p = real[Math.floor(rand() * real.length)];
    const op = Math.floor(rand() * 4);
    const at = Math.floor(rand() * (p.length + 1));
    if (op === 0) p = p.slice(0, at); // truncate
    else if (op === 1) p = p.slice(0, at) + SIX_TO_ARMOUR[Math.floor(rand() * 64)] + p.slice(at + 1); // change a character
    else if (op === 2) p = p + p.slice(0, at); // extend
    else p = p.slice(0, at) + String.fromCharCode(Math.floor(rand() * 128)) + p.slice(at); // insert any ASCII
    check(decodePayload(p, Math.floor(rand() * 6)), counts, n % 10 === 0);
  }
  assert.equal([...counts.values()].reduce((a, b) => a + b, 0), N);
});

test('non-string input is an empty payload, not an exception', () => {
  assert.deepEqual(decodePayload(undefined as unknown as string, 0), { error: 'empty_payload' });
  assert.deepEqual(decodePayload(null as unknown as string, 0), { error: 'empty_payload' });
  assert.equal((decodePayload('13HOI:0P0000VOHLCnHQKwvL05Ip', '0' as unknown as number) as PayloadError).error, 'bad_fill_bits');
});
