import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../../../test/support/paths.js';
import { decodeText } from './decoder.js';
import { decodeStream } from './stream.js';

const TEXT = readFileSync(join(FIXTURES, 'nmea', 'dma_aislib_stream_example_20100611.txt'), 'latin1');

async function* chunks(text: string, size: number, pulled: { count: number }): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) {
    pulled.count++;
    await Promise.resolve();
    yield bytes.subarray(i, i + size);
  }
}

test('the stream yields the same messages and stats as decoding the whole text', async () => {
  const whole = decodeText(TEXT);
  const stream = decodeStream(chunks(TEXT, 777, { count: 0 }));
  const got = [];
  for await (const m of stream) got.push(m);
  assert.equal(got.length, whole.messages.length);
  assert.deepEqual(got, whole.messages);
  assert.deepEqual(stream.stats, whole.stats);
});

test('the stream pulls input only as fast as messages are consumed (backpressure)', async () => {
  const pulled = { count: 0 };
  const stream = decodeStream(chunks(TEXT, 1000, pulled));
  const it = stream[Symbol.asyncIterator]();
  await it.next();
  assert.equal(pulled.count, 1, 'one chunk read for the first message');
  for (let i = 0; i < 5; i++) await it.next();
  assert.ok(pulled.count <= 2, `a few messages need at most the next chunk (read ${pulled.count})`);
  await it.return?.();
});

test('batches() hands over one array per chunk and accepts plain string iterables', async () => {
  const lines = TEXT.split('\n').map((l) => l + '\n');
  let n = 0;
  let batches = 0;
  const stream = decodeStream(lines);
  for await (const batch of stream.batches()) {
    batches++;
    n += batch.length;
  }
  assert.equal(n, decodeText(TEXT).messages.length);
  assert.ok(batches > 1000);
  await assert.rejects(async () => {
    for await (const _ of stream.batches()) break;
  }, /only once/);
});
