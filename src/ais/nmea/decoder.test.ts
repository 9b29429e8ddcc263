import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../../../test/support/paths.js';
import type { ReceivedMessage } from '../types.js';
import { AisDecoder, decodeText } from './decoder.js';
import { ERROR_REASONS, lineErrorCount, type DecodeStats, type ErrorReason } from './stats.js';

const NMEA = join(FIXTURES, 'nmea');
const SINGLE = '!AIVDM,1,1,,A,13HOI:0P0000VOHLCnHQKwvL05Ip,0*23';
const PART1 = '!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C';
const PART2 = '!AIVDM,2,2,1,A,88888888880,2*25';

/** Only the non-zero error counts, for readable assertions. */
function errors(stats: DecodeStats): Partial<Record<ErrorReason, number>> {
  const e: Partial<Record<ErrorReason, number>> = {};
  for (const r of ERROR_REASONS) if (stats.errors[r] > 0) e[r] = stats.errors[r];
  return e;
}

/** The line-accounting identity every decoder run must satisfy. */
function assertBalanced(stats: DecodeStats): void {
  assert.equal(
    stats.lines + stats.joined,
    stats.blank + stats.comments + stats.metadata + stats.sentences + lineErrorCount(stats),
    'every line is accepted or counted by reason',
  );
}

/** The probe file split into its `# case: NAME` blocks. */
function probeCases(): Map<string, string> {
  const cases = new Map<string, string>();
  let name = '';
  for (const line of readFileSync(join(NMEA, 'probe-errors.nmea'), 'latin1').split('\n')) {
    const m = /^# case: (\S+)/.exec(line);
    if (m) {
      name = m[1]!;
      cases.set(name, '');
    } else if (name !== '' && !line.startsWith('#')) cases.set(name, cases.get(name)! + line + '\n');
  }
  return cases;
}

test('each probe-errors case decodes or is counted by the right reason', () => {
  const expected: Record<string, { messages: number; errors: Partial<Record<ErrorReason, number>> }> = {
    'valid-single': { messages: 1, errors: {} },
    'valid-multipart': { messages: 1, errors: {} },
    'bad-checksum': { messages: 0, errors: { bad_checksum: 1 } },
    'garbage-line': { messages: 0, errors: { not_nmea: 1 } },
    'no-checksum': { messages: 0, errors: { missing_checksum: 1 } },
    'truncated-payload': { messages: 0, errors: { truncated: 1 } },
    'invalid-payload-char': { messages: 0, errors: { bad_armour: 1 } },
    // The lone first part never completes: evicted at the end, the single decodes meanwhile.
    'missing-part2-then-single': { messages: 1, errors: { incomplete_message: 1 } },
    'interleaved-multipart': { messages: 2, errors: {} },
    'vdo-own-ship': { messages: 1, errors: {} },
    'other-talker-BS': { messages: 1, errors: {} },
    'tagblock-single': { messages: 1, errors: {} },
    'tagblock-multipart-group': { messages: 1, errors: {} },
    'trailing-receiver-fields': { messages: 1, errors: {} },
    'crlf-line-ending': { messages: 1, errors: {} },
    'empty-payload': { messages: 0, errors: { empty_payload: 1 } },
  };
  const cases = probeCases();
  assert.deepEqual([...cases.keys()].sort(), Object.keys(expected).sort(), 'every probe case is covered');
  for (const [name, text] of cases) {
    const { messages, stats } = decodeText(text);
    assert.equal(messages.length, expected[name].messages, `${name}: messages`);
    assert.deepEqual(errors(stats), expected[name].errors, `${name}: errors`);
    assertBalanced(stats);
  }
  const own = decodeText(cases.get('vdo-own-ship')!).messages[0];
  assert.equal(own.meta.own, true);
  assert.equal(own.meta.talker, 'AI');
  assert.equal(decodeText(cases.get('other-talker-BS')!).messages[0].meta.talker, 'BS');
  const interleaved = decodeText(cases.get('interleaved-multipart')!).messages;
  assert.deepEqual(interleaved.map((m) => m.message.type), [5, 5]);
  assert.notEqual(interleaved[0].message.mmsi, interleaved[1].message.mmsi);
});

test('a tag block gives the reception time (c: in seconds) and the station (s:)', () => {
  const { messages } = decodeText(`\\s:r3669945,c:1428621738*7A\\${SINGLE}\n`);
  assert.equal(messages.length, 1);
  assert.deepEqual(messages[0].meta, { time: 1428621738000, station: 'r3669945', channel: 'A', talker: 'AI', own: false });
});

test('a station name outside ASCII is read as UTF-8, from strings and from bytes alike; checksums count its bytes', () => {
  const body = 's:Bodø,c:1428621738';
  let x = 0;
  for (const byte of Buffer.from(body, 'utf8')) x ^= byte;
  const line = `\\${body}*${x.toString(16).toUpperCase().padStart(2, '0')}\\${SINGLE}\n`;
  for (const input of [line, Buffer.from(line, 'utf8')]) {
    const { messages, stats } = decodeText(input);
    assert.deepEqual(errors(stats), {});
    assert.equal(messages[0]?.meta.station, 'Bodø');
  }
});

test('a tag block time in milliseconds is recognised by its size', () => {
  const { messages, stats } = decodeText(readFileSync(join(NMEA, 'ais-tools-sample.nmea'), 'latin1'));
  assert.equal(stats.messages, 3);
  assert.equal(messages[0].meta.time, 1599239526500);
  assert.equal(messages[0].meta.station, 'sdr-experiments');
  // The first line ends with a stray "'" after the checksum: ignored, the sentence decodes.
  assert.deepEqual(errors(stats), {});
});

test('a tag block with a wrong or missing checksum rejects the line', () => {
  const { stats } = decodeText(
    `\\s:r3669945,c:1428621738*7B\\${SINGLE}\n\\s:r3669945,c:1428621738\\${SINGLE}\n\\s:r3669945,c:1428621738*7A${SINGLE}\n`,
  );
  assert.deepEqual(errors(stats), { bad_tag_block_checksum: 2, malformed_sentence: 1 });
  assertBalanced(stats);
});

test('tag-block groups reassemble fragments whose later parts carry no station', () => {
  const text = `\\g:1-2-73,s:r3669945,c:1428621738*0C\\${PART1}\n\\g:2-2-73*59\\${PART2}\n`;
  const { messages, stats } = decodeText(text);
  assert.equal(messages.length, 1);
  assert.equal(messages[0].message.type, 5);
  assert.equal(messages[0].meta.station, 'r3669945');
  assert.equal(messages[0].meta.time, 1428621738000);
  assert.equal(stats.fragments, 2);
});

test('NMEA 4.0 "1G2:id" groups interleaved with other stations reassemble', () => {
  const { messages, stats } = decodeText(readFileSync(join(NMEA, 'kystverket_norwegian_20241209.raw'), 'latin1'));
  assert.deepEqual(errors(stats), {});
  assert.equal(stats.messages, 196);
  const type5 = messages.filter((m) => m.message.type === 5);
  assert.equal(type5.length, 27);
  // The file has 6 untagged first parts (no tag block): those messages have neither station nor time.
  assert.equal(type5.filter((m) => m.meta.station !== undefined && m.meta.time !== undefined).length, 21);
});

test('a Gatehouse $PGHP line times the sentence that follows it', () => {
  const { messages, stats } = decodeText(readFileSync(join(NMEA, 'pyais-timestamped.ais'), 'latin1'));
  assert.equal(stats.metadata, 3);
  assert.equal(messages[0].meta.time, Date.UTC(2008, 4, 9, 0, 0, 0, 10));
  // The second sentence has no $PGHP line right before it: no time.
  assert.equal(messages[1].meta.time, undefined);
  // The file's last $PGHP has a wrong checksum (year 2009 with the 2008 line's *17).
  assert.deepEqual(errors(stats), { bad_checksum: 1 });
});

test('a $PGHP time is used by one sentence only, and its base station becomes the station', () => {
  const text = `$PGHP,1,2010,6,11,11,46,12,470,219,,2190064,1,5D*57\n!BSVDM,1,1,,A,13:WB@0vC2PmgjpP\`WO=DbdF0<0U,0*5D\n${SINGLE}\n`;
  const { messages } = decodeText(text);
  assert.equal(messages.length, 2);
  assert.equal(messages[0].meta.time, Date.UTC(2010, 5, 11, 11, 46, 12, 470));
  assert.equal(messages[0].meta.station, '2190064');
  assert.equal(messages[1].meta.time, undefined);
});

test('USCG trailing columns give the station and the UNIX time', () => {
  const { messages } = decodeText(
    '!AIVDM,1,1,,A,15B4FT5000JRP>PE6E68Nbkl0PS5,0*70,b003669794,1272412827\n' +
      `${SINGLE},d-109,S2105,t050056.00,T56.13718694,r003669946,1325394060\n`,
  );
  assert.deepEqual(
    messages.map((m) => [m.meta.station, m.meta.time]),
    [
      ['b003669794', 1272412827000],
      ['r003669946', 1325394060000],
    ],
  );
});

test('a leading UNIX-time column is read as the reception time', () => {
  const { messages, stats } = decodeText(`1272412827 ${SINGLE}\n1272412827.5,${SINGLE}\n1599239526500\t${SINGLE}\n`);
  assert.deepEqual(
    messages.map((m) => m.meta.time),
    [1272412827000, 1272412827500, 1599239526500],
  );
  assert.deepEqual(errors(stats), {});
});

test('the tag block time wins over a Gatehouse line and log columns', () => {
  const text = `$PGHP,1,2010,6,11,11,46,12,470,219,,2190064,1,5D*57\n\\s:r3669945,c:1428621738*7A\\${SINGLE},1325394060\n`;
  assert.equal(decodeText(text).messages[0].meta.time, 1428621738000);
});

test('two tag-blocked sentences on one line are both decoded', () => {
  const { messages, stats } = decodeText(readFileSync(join(NMEA, 'ais-tools-bad-type5.nmea'), 'latin1'));
  // Line 1 holds part 1 of message 3 (whose part 2 is on line 2, which starts with it) and more.
  assert.ok(stats.joined >= 3);
  assertBalanced(stats);
  assert.ok(messages.some((m) => m.message.type === 5));
});

test('other NMEA sentences are not_ais, garbage is not_nmea, comments and blanks are ignored', () => {
  const { stats } = decodeText(readFileSync(join(NMEA, 'pyais-mixed.txt'), 'latin1'));
  assert.equal(stats.errors.not_ais, 4); // $GPGGA, $GPRTE, $GPR00, $IIMWV
  assert.equal(stats.errors.not_nmea, 2); // "foobar", "IamNotAnAisMessage1111"
  assert.equal(stats.comments, 5);
  assert.equal(stats.blank, 7);
  assertBalanced(stats);
});

test('channels 1 and 2 are reported as A and B; an empty channel is absent', () => {
  const { messages } = decodeText(
    '!AIVDM,1,1,,1,13HOI:0P0000VOHLCnHQKwvL05Ip,0*53\n!AIVDM,1,1,,,13HOI:0P0000VOHLCnHQKwvL05Ip,0*62\n',
  );
  assert.deepEqual(
    messages.map((m) => m.meta.channel),
    ['A', undefined],
  );
});

test('a later part without its first part is an orphan; a gap evicts the partial message', () => {
  const gap = '!AIVDM,3,1,7,B,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*18\n!AIVDM,3,3,7,B,88888888880,2*20\n';
  const { stats } = decodeText(`${PART2}\n${gap}`);
  assert.deepEqual(errors(stats), { orphan_fragment: 2, incomplete_message: 1 });
});

test('partial messages are bounded by count and by age, and never block later messages', () => {
  const decoder = new AisDecoder({ maxPendingMessages: 16, maxFragmentAgeLines: 50 });
  const out: ReceivedMessage[] = [];
  // 10,000 first parts, all with different stations: none can complete.
  for (let i = 0; i < 10_000; i++) {
    decoder.write(`${PART1},r${i}\n`, out);
    assert.ok(decoder.pendingFragments <= 16);
  }
  decoder.write(`${SINGLE}\n`, out);
  assert.equal(out.length, 1, 'a complete message is not held back by pending fragments');
  assert.equal(decoder.stats.errors.incomplete_message, 10_000 - 16);
  // Age: a first part, 60 other lines, then its second part: too late.
  decoder.write(`${PART1}\n`, out);
  for (let i = 0; i < 60; i++) decoder.write(`${SINGLE}\n`, out);
  decoder.write(`${PART2}\n`, out);
  assert.equal(decoder.stats.errors.orphan_fragment, 1);
  decoder.end(out);
  assert.equal(decoder.pendingFragments, 0);
  assert.equal(decoder.stats.errors.incomplete_message, 10_000 + 1);
});

test('an over-long line is counted once, however it is chunked, and does not swallow the next line', () => {
  const long = 'x'.repeat(10_000);
  for (const size of [1, 7, 100, 4096, 20_000]) {
    const decoder = new AisDecoder({ maxLineLength: 4096 });
    const out: ReceivedMessage[] = [];
    const text = `${long}\n${SINGLE}\n!AIVDM${long}`;
    for (let i = 0; i < text.length; i += size) decoder.write(text.slice(i, i + size), out);
    decoder.end(out);
    assert.equal(decoder.stats.errors.line_too_long, 2, `chunk ${size}`);
    assert.equal(out.length, 1, `chunk ${size}`);
    assert.equal(decoder.stats.lines, 3);
  }
});

test('output is identical whatever the chunking, for strings and for bytes', () => {
  const text = ['dma_aislib_stream_example_20100611.txt', 'kystverket_norwegian_20241209.raw', 'pyais-mixed.txt', 'libais-tagblock.nmea', 'ais-tools-bad-type5.nmea']
    .map((f) => readFileSync(join(NMEA, f), 'latin1'))
    .join('\n');
  const bytes = Buffer.from(text, 'latin1');
  const whole = decodeText(text);
  const reference = JSON.stringify(whole.messages);
  let seed = 12345;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  for (let run = 0; run < 6; run++) {
    const maxChunk = [3, 50, 700, 5000, 65536, 200][run];
    const decoder = new AisDecoder();
    const out: ReceivedMessage[] = [];
    let i = 0;
    while (i < text.length) {
      const n = 1 + Math.floor(random() * maxChunk);
      if (run % 2 === 0) decoder.write(text.slice(i, i + n), out);
      else decoder.write(bytes.subarray(i, i + n), out);
      i += n;
    }
    decoder.end(out);
    assert.equal(JSON.stringify(out), reference, `run ${run}`);
    assert.deepEqual(decoder.stats, whole.stats, `run ${run}`);
  }
});

test('messages go to the callback when no output array is given', () => {
  const seen: number[] = [];
  const decoder = new AisDecoder({ onMessage: (m) => seen.push(m.message.mmsi) });
  assert.equal(decoder.decodeLine(SINGLE), 1);
  assert.equal(decoder.write(`${PART1}\n${PART2}\n`), 1);
  assert.equal(seen.length, 2);
});

test('the decoder can be reused after end()', () => {
  const decoder = new AisDecoder();
  const out: ReceivedMessage[] = [];
  decoder.write(`$PGHP,1,2010,6,11,11,46,12,470,219,,2190064,1,5D*57\n${PART1}`, out);
  decoder.end(out);
  decoder.write(`${SINGLE}\n`, out);
  decoder.end(out);
  assert.equal(out.length, 1);
  assert.equal(out[0].meta.time, undefined, 'no Gatehouse time leaks across end()');
  assert.equal(decoder.stats.lines, 3);
});
