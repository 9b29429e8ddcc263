/**
 * End to end: messages framed by toSentences (tag blocks, multi-part, VDO) come back from the
 * sentence decoder (src/ais/nmea) with every field and the tag block's reception metadata.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AisMessage } from '../types.js';
import { decodeText } from '../nmea/decoder.js';
import { toSentences } from '../sentence-encode.js';
import { decodePayload, isPayloadError } from './decode.js';

const REAL: [string, number][] = [
  ['13HOI:0P0000VOHLCnHQKwvL05Ip', 0],
  ['55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp888888888880', 2],
  ['B39H9GP0;@H136UI3ijEowU5oP06', 0],
  ['H3`u5VDT47I4dcD@8olnh01P0030', 0],
  ['402B4L1uubaN`1d:>REe@jA028Gh', 0],
];

test('sentences from toSentences decode back to the same messages with their tag block time and station', () => {
  const messages = REAL.map(([p, f]) => decodePayload(p, f)).filter((m): m is AisMessage => !isPayloadError(m));
  const lines: string[] = [];
  messages.forEach((m, k) => {
    lines.push(...toSentences(m, { sequenceId: k, own: k === 0, channel: k % 2 === 0 ? 'A' : 'B', tagBlock: { time: 1_700_000_000_000 + k * 1000, station: `r${k}`, group: 100 + k } }));
  });
  const { messages: got } = decodeText(lines.join('\n') + '\n');
  assert.equal(got.length, messages.length);
  got.forEach((r, k) => {
    assert.deepEqual(JSON.parse(JSON.stringify(r.message)), JSON.parse(JSON.stringify(messages[k])));
    assert.equal(r.meta.time, 1_700_000_000_000 + k * 1000);
    assert.equal(r.meta.station, `r${k}`);
    assert.equal(r.meta.own === true, k === 0, 'VDO is own ship');
    assert.equal(r.meta.channel, k % 2 === 0 ? 'A' : 'B');
  });
});
