import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeText } from '../../ais/nmea/decoder.js';
import type { ReceivedMessage } from '../../ais/types.js';
import { FIXTURES } from '../../../test/support/paths.js';
import { formatJsonLine, JsonLineWriter, TimeFormatter } from './decode.js';

function viaWriter(messages: ReceivedMessage[]): string {
  const w = new JsonLineWriter();
  for (const m of messages) w.add(m);
  return Buffer.from(w.take()).toString('utf8');
}

function viaStringify(messages: ReceivedMessage[]): string {
  const times = new TimeFormatter();
  return messages.map((m) => formatJsonLine(m, times)).join('');
}

test('the byte writer gives exactly the JSON.stringify lines for every fixture log', () => {
  for (const f of ['kystverket_ais1000lines_20190807.nm4', 'dma_aislib_stream_example_20100611.txt', 'libais-tagblock.nmea', 'pyais-mixed.txt', 'libais-test.aivdm']) {
    const { messages } = decodeText(readFileSync(join(FIXTURES, 'nmea', f), 'latin1'));
    assert.ok(messages.length > 0, f);
    assert.equal(viaWriter(messages), viaStringify(messages), f);
  }
});

test('the byte writer matches JSON.stringify on awkward numbers, strings and values', () => {
  const values: unknown[] = [0, -0, 1, -1, 9, 10, 99, 2147483647, -2147483648, 2147483648, 2 ** 53, 1e21, 1e-7, 0.000001, -0.000001,
    0.1, 0.5, 12.345678, -179.999999, 99999.999999, 100000.5, 1 / 3, NaN, Infinity, -Infinity, 'plain', 'say "hi"', 'back\\slash',
    'tab\there', 'ÆØÅ', '\u0001', '\ud800', '', true, false, null, [1, 'a'], { x: 1 }, undefined, () => 1];
  for (let i = 0; i < 2000; i++) {
    const k = Math.floor(Math.random() * 360e6) - 180e6;
    values.push(k / 1e6, Math.round(k / 1000) / 10, Math.round(k / 1e6 + Math.random() * 1e6) / 1e6);
  }
  const messages: ReceivedMessage[] = values.map((v, i) => ({
    message: { type: i % 28, mmsi: i, value: v, after: 'x' } as unknown as ReceivedMessage['message'],
    meta: { time: i % 3 === 0 ? undefined : 1_700_000_000_000 + i, station: i % 2 === 0 ? 'Ståtion "1"' : undefined, channel: 'A', talker: 'AI', own: i % 5 === 0 },
  }));
  assert.equal(viaWriter(messages), viaStringify(messages));
});

test('a message with no fields and an empty head is still written like JSON.stringify', () => {
  const m = { message: {} as ReceivedMessage['message'], meta: { time: undefined, station: undefined, channel: undefined, talker: 'AI', own: false } };
  assert.equal(viaWriter([m]), viaStringify([m]));
});
