// Every real log we have decodes with zero unexplained errors: each file's exact counts are
// asserted, and every non-zero error count says why it is right.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, NEEDS_SHARED, SHARED_DATA } from '../../../test/support/paths.js';
import { decodeText } from './decoder.js';
import { ERROR_REASONS, lineErrorCount, type ErrorReason } from './stats.js';

interface Expectation {
  messages: number;
  errors: Partial<Record<ErrorReason, number>>;
  /** Why each error count is right (required when there are errors). */
  why?: string;
}

const EXPECTED: Record<string, Expectation> = {
  // ── ../shared/data/tracks/nmea: real receiver logs ──
  'tracks/nmea/dma_aislib_stream_example_20100611.txt': { messages: 4051, errors: {} },
  'tracks/nmea/amsa_exactearth_augmented_20120131.txt': {
    messages: 3956,
    errors: { truncated: 12, unknown_type: 4 },
    why: 'satellite reception damage: 10 type 20 payloads of 40 bits (D06rQm0) and 2 type 5 of 168/192 bits, below their minimum lengths; 4 payloads "00" (type 0)',
  },
  'tracks/nmea/kystverket_ais1000lines_20190807.nm4': {
    messages: 754,
    errors: { bad_tag_block_checksum: 246 },
    why: 'every g: tag block in this file (123 two-part messages) carries the checksum of the plain c: block (*53), copied by hand upstream; the sentences themselves are intact',
  },
  'tracks/nmea/kystverket_norwegian_20241209.raw': { messages: 196, errors: {} },
  'tracks/nmea/aisdb_test_data_20211101.nm4': { messages: 979, errors: {} },
  'tracks/nmea/gdansk_ais_bin_hex_20190314.txt': {
    messages: 0,
    errors: { not_nmea: 1077 },
    why: 'not NMEA at all: whitespace-separated dates, MMSIs and raw payload bits/hex (see its README entry)',
  },
  // ── ../shared/data/ais: conformance files from three decoders' test suites ──
  'ais/probe-errors.nmea': {
    messages: 11,
    errors: { not_nmea: 1, missing_checksum: 1, bad_checksum: 1, incomplete_message: 1, empty_payload: 1, bad_armour: 1, truncated: 1 },
    why: 'one deliberate error per case; decoder.test.ts checks each case separately',
  },
  'ais/pyais/nmea_data_sample.txt': {
    messages: 778,
    errors: { incomplete_message: 20, empty_payload: 100 },
    why: 'the README says it: 100 empty-payload sentences and 20 multi-part messages whose later parts were never captured',
  },
  'ais/pyais/ais_test_messages': { messages: 7, errors: {} },
  'ais/pyais/messages.ais': { messages: 6, errors: {} },
  'ais/pyais/mixed.txt': {
    messages: 10,
    errors: { not_nmea: 2, not_ais: 4, bad_checksum: 1, bad_tag_block_checksum: 3 },
    why: '"foobar" and "IamNotAnAisMessage1111"; $GPGGA/$GPRTE/$GPR00/$IIMWV; a $PGHP whose checksum belongs to a different year; three tag blocks with a one-digit checksum "*A"',
  },
  'ais/pyais/timestamped.ais': {
    messages: 4,
    errors: { bad_checksum: 1 },
    why: '$PGHP,1,2009,… carries *17, the checksum of the 2008 line',
  },
  'ais/pyais/examples-gatehouse.nmea': { messages: 4, errors: { bad_checksum: 1 }, why: 'the same 2009 $PGHP line with the 2008 checksum' },
  'ais/pyais/examples-sample.ais': {
    messages: 9,
    errors: { not_nmea: 1, bad_checksum: 1, bad_tag_block_checksum: 4 },
    why: 'a garbage line; the 2009 $PGHP line; three "*A" tag blocks and one (s:blah) whose checksum does not match',
  },
  'ais/pyais/test_decode-sentences.nmea': {
    messages: 84,
    errors: { malformed_sentence: 1, bad_checksum: 12, orphan_fragment: 1, incomplete_message: 1, empty_payload: 1, unknown_type: 2 },
    why: 'pyais negatives: fragment count 0 (!AAVDM,0,1); 12 sentences whose checksum does not match (*FF, "!" in the payload, shortened payloads); a part 2 whose part 1 failed its checksum; an !ARVDM part 1 alone; an empty payload; types 0 and 28',
  },
  'ais/pyais/test_nmea-sentences.nmea': {
    messages: 8,
    errors: { malformed_sentence: 1, bad_checksum: 4 },
    why: 'a sentence with missing fields (!AIVDM,,A,…); four sentences with altered checksums or payloads',
  },
  'ais/pyais/test_tag_block-sentences.nmea': {
    messages: 8,
    errors: { bad_checksum: 3, bad_tag_block_checksum: 13, orphan_fragment: 2, incomplete_message: 1 },
    why: 'pyais tag-block negatives: tag blocks edited without fixing the checksum or with none at all (13); the test sentence 13nN34…*1C has a wrong checksum (3 lines reach it); part 2 of seq 8 twice without part 1; part 1 of seq 0 alone',
  },
  'ais/libais/test.aivdm': {
    messages: 228,
    errors: { truncated: 16, unknown_type: 17 },
    why: 'libais edge cases: short type 23 (4), 26 (5) and 27 (7) payloads below their minimum length; 17 type 28 sentences (not an ITU-R M.1371 type)',
  },
  'ais/libais/typeexamples.nmea': { messages: 26, errors: {} },
  'ais/libais/tagblock.nmea': { messages: 4, errors: {} },
  'ais/ais-tools/mixed_types.nmea': { messages: 99, errors: {} },
  'ais/ais-tools/multi-part.nmea': { messages: 43, errors: {} },
  'ais/ais-tools/ee-multiline.nmea': { messages: 8, errors: {} },
  'ais/ais-tools/sample.nmea': { messages: 3, errors: {} },
  'ais/ais-tools/errors.nmea': { messages: 3, errors: { bad_checksum: 2 }, why: 'the README: 2 of 5 payloads do not match their checksums' },
  'ais/ais-tools/type1-bad-bitcount.nmea': { messages: 12, errors: {}, why: 'over-long type 1/3 payloads decode (extra bits ignored)' },
  'ais/ais-tools/bad-type5.nmea': {
    messages: 2,
    errors: { not_nmea: 3, truncated: 1 },
    why: 'the three bare payload lines at the end are not NMEA; one type 5 reassembles to 400 bits (< 420)',
  },
  'ais/ais-tools/bad-tagblock-group.nmea': { messages: 1, errors: {}, why: 'the malformed g: id "-001" is ignored; the parts pair up by channel and sequence id' },
  'ais/ais-tools/spire-test.nmea': {
    messages: 0,
    errors: { bad_tag_block_checksum: 2 },
    why: 'both Spire lines have tag blocks ending *00, which is not their checksum',
  },
  'ais/ais-tools/single-message-type-5.nmea': { messages: 0, errors: { bad_checksum: 1 }, why: 'the README: its checksum *60 does not match' },
  'ais/ais-tools/type8.nmea': { messages: 1, errors: {} },
};

/** Files copied into fixtures/nmea (licence permitting) are read from there, the rest from ../shared. */
const IN_FIXTURES: Record<string, string> = {
  'tracks/nmea/dma_aislib_stream_example_20100611.txt': 'dma_aislib_stream_example_20100611.txt',
  'tracks/nmea/amsa_exactearth_augmented_20120131.txt': 'amsa_exactearth_augmented_20120131.txt',
  'tracks/nmea/kystverket_ais1000lines_20190807.nm4': 'kystverket_ais1000lines_20190807.nm4',
  'tracks/nmea/kystverket_norwegian_20241209.raw': 'kystverket_norwegian_20241209.raw',
  'ais/probe-errors.nmea': 'probe-errors.nmea',
  'ais/pyais/mixed.txt': 'pyais-mixed.txt',
  'ais/pyais/timestamped.ais': 'pyais-timestamped.ais',
  'ais/libais/test.aivdm': 'libais-test.aivdm',
  'ais/libais/tagblock.nmea': 'libais-tagblock.nmea',
  'ais/ais-tools/bad-type5.nmea': 'ais-tools-bad-type5.nmea',
  'ais/ais-tools/sample.nmea': 'ais-tools-sample.nmea',
};

function check(name: string, path: string): void {
  const expected = EXPECTED[name];
  const { messages, stats } = decodeText(readFileSync(path));
  const errors: Partial<Record<ErrorReason, number>> = {};
  for (const r of ERROR_REASONS) if (stats.errors[r] > 0) errors[r] = stats.errors[r];
  assert.equal(messages.length, expected.messages, `${name}: messages`);
  assert.equal(stats.messages, expected.messages);
  assert.deepEqual(errors, expected.errors, `${name}: errors`);
  if (Object.keys(expected.errors).length > 0) assert.ok(expected.why, `${name}: every error count is explained`);
  assert.equal(stats.lines + stats.joined, stats.blank + stats.comments + stats.metadata + stats.sentences + lineErrorCount(stats));
}

for (const name of Object.keys(EXPECTED)) {
  const fixture = IN_FIXTURES[name];
  if (fixture !== undefined) {
    test(`the real log ${name} decodes with only its explained errors (fixture copy)`, () => {
      check(name, join(FIXTURES, 'nmea', fixture));
    });
  }
  test(`the real log ${name} decodes with only its explained errors`, { skip: NEEDS_SHARED }, () => {
    check(name, join(SHARED_DATA, name));
  });
}

test('every NMEA log in ../shared/data is listed above', { skip: NEEDS_SHARED }, () => {
  const listed = new Set(Object.keys(EXPECTED));
  const candidates = [
    ...['pyais', 'libais', 'ais-tools'].flatMap((d) =>
      readdirNames(join(SHARED_DATA, 'ais', d)).map((f) => `ais/${d}/${f}`),
    ),
    ...readdirNames(join(SHARED_DATA, 'tracks', 'nmea')).map((f) => `tracks/nmea/${f}`),
    'ais/probe-errors.nmea',
  ].filter((f) => !/LICENSE|\.json$/.test(f));
  for (const f of candidates) assert.ok(listed.has(f), `${f} has an expectation`);
});

function readdirNames(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}
