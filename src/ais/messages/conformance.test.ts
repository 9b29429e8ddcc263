/**
 * Conformance against pyais 3.0.0 (fixtures/ais-messages/pyais-expected.jsonl, an independent
 * decoder's output for every real sentence of ../shared/data/ais) and a spot check against
 * libais (typeexamples.json). Every pyais field must match ours; the only departures allowed
 * are the ones below, each a place where ITU-R M.1371-5 says otherwise.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../../../test/support/paths.js';
import { decodePayload, isPayloadError } from './decode.js';
import type { FieldSpec } from './layout.js';
import { LAYOUTS, TYPE_LAYOUTS } from './tables.js';
import { APPS } from './apps.js';

const DIR = join(FIXTURES, 'ais-messages');

/** pyais name → our name, where they differ. */
const NAME_MAP: Record<string, string> = {
  msg_type: 'type', // types.ts: the contract's base field is `type`
};

/** Why a pyais value may differ from ours: each one is ITU-R M.1371-5 over pyais. */
const DEPARTURES = {
  sentinel: 'a "not available" value (ITU-R M.1371 sentinel) is an absent field; pyais passes the number through',
  empty_text: 'an empty 6-bit text (all "@") is "not available": absent; pyais gives ""',
  dimensions: 'dimensions A=B=C=D=0 mean "reference point not available": absent; pyais gives 0s',
  turn: 'rate of turn in degrees/minute to 0.01 ((ROT_AIS/4.733)², turn_raw keeps ROT_AIS, ±127 has no rate); pyais rounds to whole degrees and passes -128',
  minutes: 'types 17/22/23 positions are 1/10 minute on the wire: degrees; pyais gives minutes',
  timestamp_status: 'second 61–63 are status codes (manual / estimated / inoperative): timestamp_status; pyais passes them as seconds',
  type26_radio: 'type 26: the last 20 bits are the communication state (radio); pyais counts them as data and leaves radio null',
  not_itu_type: 'message types 0 and 28–63 do not exist in ITU-R M.1371-5: unknown_type; pyais decodes 0 as a type 1 layout and 28 per a draft',
  truncated: 'shorter than the mandatory fields of its type: truncated; pyais decodes what bits exist',
  partial_field: 'a field cut off by the end of the payload is absent; pyais decodes the bits that exist as if zero-padded',
  fill_bits: 'fill bits are not message bits (IEC 61162-1); pyais keeps them at the end of data/text',
  bad_armour: '"!" is not a 6-bit armour character (IEC 61162-1): bad_armour; pyais maps it to a value anyway',
  enum_unknown: 'reserved code values (epfd 9–14, ship_type ≥ 100, station_type 7–9/11–15, interval 12–15) are kept as sent; pyais maps codes outside its enums to others',
  signed_position: 'type 17 lon/lat are two\'s complement like every AIS position; pyais reads them unsigned',
  unstructured_app_id: 'type 26 with the binary data flag 0 (unstructured) has no application id; pyais reads one',
} as const;
type Departure = keyof typeof DEPARTURES;

interface ExpectedRecord {
  file: string;
  lines: number[];
  sentences: string[];
  ok: boolean;
  msg_type?: number;
  fields?: Record<string, unknown>;
}

/** Payload and fill bits of one (multi-)sentence message: tag block stripped, fragments joined. */
export function reassemble(sentences: string[]): { payload: string; fillBits: number } {
  let payload = '';
  let fillBits = 0;
  for (const line of sentences) {
    const start = line.indexOf('!');
    const star = line.indexOf('*', start);
    const parts = line.slice(start, star < 0 ? undefined : star).split(',');
    payload += parts[5] ?? '';
    // A line without '*hh' runs its checksum into the fill field ("013"): the digit is the fill.
    fillBits = Number((parts[6] ?? '0').slice(0, 1));
  }
  return { payload, fillBits };
}

function fieldSpecsOf(type: number): Map<string, FieldSpec> {
  const m = new Map<string, FieldSpec>();
  for (const name of TYPE_LAYOUTS[type] ?? []) for (const f of LAYOUTS[name].fields) m.set(f.name, f);
  if (type === 6 || type === 8) for (const app of APPS) for (const f of app.fields) if (!m.has(f.name)) m.set(f.name, f);
  return m;
}

function naturalOf(f: FieldSpec, raw: number): number {
  return raw / (f.scale ?? 1) + (f.add ?? 0);
}

function isSentinel(f: FieldSpec | undefined, value: unknown): boolean {
  if (f === undefined || typeof value !== 'number') return false;
  const near = (x: number): boolean => Math.abs(x - value) < 1e-6;
  if (f.na !== undefined && near(naturalOf(f, f.na))) return true;
  if (f.naFrom !== undefined && value >= naturalOf(f, f.naFrom) - 1e-9) return true;
  // pyais applies no scale to some fields; compare raw too.
  return (f.na !== undefined && value === f.na) || (f.naFrom !== undefined && value >= f.naFrom);
}

const close = (a: unknown, b: unknown): boolean =>
  a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a)));

/** Classifies one field difference: a departure, or undefined when it is a real mismatch. */
/** Bit offset just past a field, or Infinity when it sits after a variable-length field. */
function fieldEnd(type: number, key: string): number {
  let end = Infinity;
  const scan = (fields: FieldSpec[], start: number): void => {
    let pos = start;
    for (const f of fields) {
      if (f.rest) pos = Infinity;
      pos += f.bits;
      if (f.name === key) end = Math.min(end, pos);
    }
  };
  for (const name of TYPE_LAYOUTS[type] ?? []) scan(LAYOUTS[name].fields, 0);
  for (const app of APPS) if (app.types.includes(type)) scan(app.fields, type === 6 ? 88 : 56);
  return end;
}

/** Code values the standard reserves, per field. */
const RESERVED_CODES: Record<string, (v: number) => boolean> = {
  epfd: (v) => v >= 9 && v <= 14,
  // 1–19 and 100+ are reserved; pyais folds 57 (spare, local vessels) into 56.
  ship_type: (v) => v < 20 || v >= 100 || v === 57,
  station_type: (v) => (v >= 7 && v <= 9) || v >= 11,
  interval: (v) => v >= 12,
};

const trailingZeros = (s: string): boolean => /^0*$/.test(s);

function explain(type: number, key: string, theirs: unknown, ours: unknown, msg: Record<string, unknown>, specs: Map<string, FieldSpec>, bitLen: number): Departure | undefined {
  if (ours === undefined && theirs !== null && bitLen < fieldEnd(type, key)) return 'partial_field';
  if (typeof theirs === 'string' && (key === 'data' || key === 'text')) {
    const o = typeof ours === 'string' ? ours : '';
    // pyais reads the fill bits as data: at most one extra byte of zeros, or a character or two
    // made of the last partial character and fill bits (after '@' padding that we trim).
    if (theirs.startsWith(o) && (key === 'text' ? /^@*.{0,2}$/.test(theirs.slice(o.length)) : theirs.length - o.length <= 2 && trailingZeros(theirs.slice(o.length)))) {
      return 'fill_bits';
    }
  }
  if (typeof ours === 'number' && typeof theirs === 'number' && RESERVED_CODES[key]?.(ours) === true) return 'enum_unknown';
  if (type === 17 && (key === 'lon' || key === 'lat') && typeof theirs === 'number' && typeof ours === 'number') {
    const bits = key === 'lon' ? 18 : 17;
    if (Math.round(ours * 600) + 2 ** bits === Math.round(theirs * 10)) return 'signed_position';
  }
  if (type === 26 && key === 'app_id' && msg.structured === false && ours === undefined) return 'unstructured_app_id';
  if (ours === undefined && isSentinel(specs.get(key), theirs)) return 'sentinel';
  if (ours === undefined && theirs === '') return 'empty_text';
  if (ours === undefined && theirs === 0 && ['to_bow', 'to_stern', 'to_port', 'to_starboard'].includes(key)) return 'dimensions';
  if (key === 'turn' && typeof theirs === 'number') {
    const raw = msg.turn_raw;
    if (theirs === -128 && raw === undefined) return 'turn';
    if ((raw === 127 || raw === -127) && ours === undefined) return 'turn';
    if (typeof ours === 'number' && Math.round(Math.abs(ours)) * Math.sign(ours) === theirs) return 'turn';
  }
  if ((type === 17 || type === 22 || type === 23) && /^(ne_|sw_)?(lon|lat)$/.test(key) && typeof theirs === 'number' && close(theirs / 60, ours)) {
    return 'minutes';
  }
  if (key === 'second' && typeof theirs === 'number' && theirs > 60 && ours === undefined && msg.timestamp_status !== undefined) return 'timestamp_status';
  if (type === 26 && (key === 'radio' || key === 'data')) return 'type26_radio';
  return undefined;
}

function loadExpected(): ExpectedRecord[] {
  return readFileSync(join(DIR, 'pyais-expected.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as ExpectedRecord);
}

test('every message pyais decodes matches field for field, except documented ITU-R M.1371 departures', () => {
  const records = loadExpected().filter((r) => r.ok);
  const departures = new Map<Departure, number>();
  const mismatches: string[] = [];
  let fields = 0;
  let matched = 0;
  let messages = 0;
  let messagesExact = 0;
  for (const r of records) {
    const { payload, fillBits } = reassemble(r.sentences);
    const got = decodePayload(payload, fillBits);
    const type = r.msg_type ?? -1;
    if (isPayloadError(got)) {
      const why: Departure | undefined =
        got.error === 'unknown_type' && (type === 0 || type >= 28) ? 'not_itu_type' : got.error === 'truncated' ? 'truncated' : got.error === 'bad_armour' ? 'bad_armour' : undefined;
      if (why === undefined) mismatches.push(`${r.file}:${r.lines.join('+')} ${got.error} ${got.detail ?? ''}`);
      else departures.set(why, (departures.get(why) ?? 0) + 1);
      continue;
    }
    messages++;
    const msg = got as Record<string, unknown>;
    const specs = fieldSpecsOf(type);
    let exact = true;
    for (const [key, theirs] of Object.entries(r.fields ?? {})) {
      const ours = msg[NAME_MAP[key] ?? key];
      fields++;
      if (close(theirs, ours) || (theirs === null && ours === undefined)) {
        matched++;
        continue;
      }
      exact = false;
      const why = explain(type, key, theirs, ours, msg, specs, payload.length * 6 - fillBits);
      if (why === undefined) mismatches.push(`${r.file}:${r.lines.join('+')} type ${type} ${key}: pyais ${JSON.stringify(theirs)} ours ${JSON.stringify(ours)}`);
      else departures.set(why, (departures.get(why) ?? 0) + 1);
    }
    if (exact) messagesExact++;
  }
  const summary = [...departures].map(([k, n]) => `\n  ${k} ×${n}: ${DEPARTURES[k]}`).join('');
  console.log(
    `pyais conformance: ${records.length} records, ${messages} decoded (${messagesExact} identical in every field), ` +
      `${fields} fields, ${matched} identical; departures:${summary}`,
  );
  assert.deepEqual(mismatches.slice(0, 30), [], `${mismatches.length} unexplained differences`);
  assert.ok(records.length > 1400 && matched > 15000, 'the fixture is the full pyais expectation file');
});

test('libais typeexamples decode to the same core values', () => {
  const lines = readFileSync(join(DIR, 'typeexamples.nmea'), 'utf8').split('\n').filter((l) => l.startsWith('!'));
  const expected = readFileSync(join(DIR, 'typeexamples.json'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const decoded = lines.map((l) => decodePayload(reassemble([l]).payload, reassemble([l]).fillBits));
  let compared = 0;
  for (const exp of expected) {
    const ours = decoded.find((m) => !isPayloadError(m) && m.mmsi === exp.mmsi && m.type === exp.type) as Record<string, unknown> | undefined;
    assert.ok(ours, `libais example type ${String(exp.type)} mmsi ${String(exp.mmsi)} decodes`);
    for (const key of ['repeat', 'lon', 'lat', 'speed', 'course', 'shipname', 'callsign', 'destination', 'dac', 'fid']) {
      // libais scales type 9 speed by 1/10; ITU-R M.1371-5 sends it in whole knots (gpsd and pyais agree).
      if (exp.type === 9 && key === 'speed') continue;
      const theirs = exp[key];
      if (theirs === undefined || ours[key] === undefined) continue;
      if (typeof theirs === 'number') assert.ok(Math.abs(theirs - (ours[key] as number)) < 1e-4, `type ${String(exp.type)} ${key}: libais ${theirs} ours ${JSON.stringify(ours[key])}`);
      else assert.equal(ours[key], theirs);
      compared++;
    }
  }
  assert.ok(compared >= 40, `compared ${compared} values`);
});
