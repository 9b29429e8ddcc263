/**
 * Round trip: seeded random valid messages of every layout (each type, each variant, each known
 * binary application) survive encodePayload → decodePayload field for field.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AisMessage } from '../types.js';
import { decodePayload, isPayloadError } from './decode.js';
import { encodePayload } from './encode.js';
import type { FieldSpec, LayoutSpec } from './layout.js';
import { LAYOUTS, TYPE_LAYOUTS } from './tables.js';
import { APPS } from './apps.js';
import { toSentences } from '../sentence-encode.js';
import { nmeaChecksum } from '../checksum.js';

/** mulberry32: a small seeded PRNG, so a failure is reproducible. */
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

const TEXT_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !"#$%&\'()*+,-./0123456789:;<=>?';

function naturalOf(f: FieldSpec, raw: number): number {
  const v = raw / (f.scale ?? 1) + (f.add ?? 0);
  if (f.scale === undefined || f.scale === 1) return v;
  const l = Math.log10(f.scale);
  const r = 10 ** (Math.abs(l - Math.round(l)) < 1e-9 ? Math.round(l) : 6);
  return Math.round(v * r) / r;
}

function isNa(f: FieldSpec, raw: number): boolean {
  return raw === f.na || (f.naFrom !== undefined && raw >= f.naFrom);
}

/** A random valid value of one field, or undefined ("not available") now and then. */
function randomField(f: FieldSpec, rand: () => number, out: Record<string, unknown>): void {
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const absent = rand() < 0.1;
  switch (f.kind) {
    case 'spare':
      return;
    case 'bool':
      out[f.name] = rand() < 0.5;
      return;
    case 'text': {
      const max = Math.floor(f.bits / 6);
      const len = absent ? 0 : int(1, max);
      let s = '';
      for (let k = 0; k < len; k++) s += TEXT_CHARS[int(0, TEXT_CHARS.length - 1)];
      s = s.trim();
      out[f.name] = s === '' ? undefined : s;
      return;
    }
    case 'hex': {
      if (f.rest !== true) {
        // A fixed-width field comes back as all its bits, padded with zero bits to whole bytes.
        const nibbles = Math.ceil(f.bits / 4);
        let s = '';
        for (let k = 0; k < nibbles; k++) s += int(0, 15).toString(16);
        const spareBits = nibbles * 4 - f.bits;
        s = s.slice(0, -1) + ((parseInt(s.slice(-1), 16) >> spareBits) << spareBits).toString(16);
        out[f.name] = s.length % 2 === 1 ? s + '0' : s;
        return;
      }
      const bytes = absent ? 0 : int(1, Math.floor(f.bits / 8));
      let s = '';
      for (let k = 0; k < bytes; k++) s += int(0, 255).toString(16).padStart(2, '0');
      out[f.name] = s === '' ? undefined : s;
      return;
    }
    case 'turn': {
      const raw = int(-128, 127);
      if (raw === -128) {
        out.turn = undefined;
        out.turn_raw = undefined;
      } else {
        const mag = Math.abs(raw);
        const rate = Math.round((mag / 4.733) ** 2 * 100) / 100;
        out.turn = mag === 127 ? undefined : raw < 0 ? -rate : rate;
        out.turn_raw = raw;
      }
      return;
    }
    case 'second': {
      const raw = int(0, 63);
      out.second = raw < 60 ? raw : undefined;
      out.timestamp_status = raw > 60 ? ['manual', 'estimated', 'inoperative'][raw - 61] : undefined;
      return;
    }
    case 'uint':
    case 'int': {
      let lo = f.kind === 'int' ? -(2 ** (f.bits - 1)) : 0;
      let hi = f.kind === 'int' ? 2 ** (f.bits - 1) - 1 : 2 ** f.bits - 1;
      // Positions within the globe: the encoder clamps nothing else.
      if (/lon$/.test(f.name) && f.scale !== undefined) [lo, hi] = [-180 * f.scale, 180 * f.scale];
      if (/lat$/.test(f.name) && f.scale !== undefined) [lo, hi] = [-90 * f.scale, 90 * f.scale];
      let raw = int(lo, hi);
      while (isNa(f, raw)) raw = int(lo, hi);
      const hasNa = f.na !== undefined || f.naFrom !== undefined;
      out[f.name] = absent && hasNa ? undefined : naturalOf(f, raw);
      return;
    }
  }
}

interface Case {
  name: string;
  layout: LayoutSpec;
  make: (rand: () => number) => Record<string, unknown>;
}

function fromLayout(layout: LayoutSpec, fixed: Record<string, unknown>, rand: () => number, extra: FieldSpec[] = []): Record<string, unknown> {
  const m: Record<string, unknown> = {};
  for (const f of [...layout.fields, ...extra]) randomField(f, rand, m);
  Object.assign(m, fixed);
  // All four dimensions zero is the "not available" code: keep them distinct from it.
  if (m.to_bow === 0 && m.to_stern === 0 && m.to_port === 0 && m.to_starboard === 0) m.to_bow = 1;
  if (layout.trimTail === true) {
    // Optional trailing groups: drop everything after a random field past minBits.
    let pos = 0;
    const optional: number[] = [];
    layout.fields.forEach((f, k) => {
      if (pos >= layout.minBits && f.kind !== 'spare') optional.push(k);
      pos += f.bits;
    });
    const cut = optional[Math.floor(rand() * (optional.length + 1))];
    if (cut !== undefined) for (const f of layout.fields.slice(cut)) if (f.kind !== 'spare') m[f.name] = undefined;
  }
  return m;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const [typeText, names] of Object.entries(TYPE_LAYOUTS)) {
    const type = Number(typeText);
    names.forEach((name, variant) => {
      const layout = LAYOUTS[name];
      out.push({
        name: `type ${type} ${name}`,
        layout,
        make: (rand) => {
          const fixed: Record<string, unknown> = { type };
          if (type === 22) fixed.addressed = variant === 1;
          if (type === 24) {
            fixed.partno = variant === 0 ? 0 : 1;
            if (variant === 1) fixed.mmsi = Math.floor(rand() * 980000000);
            if (variant === 2) fixed.mmsi = 980000000 + Math.floor(rand() * 9999999);
          }
          if (type === 25 || type === 26) {
            fixed.addressed = variant >= 2;
            fixed.structured = variant % 2 === 1;
          }
          if (type === 6 || type === 8) {
            // Raw data under an application nobody defines.
            fixed.dac = 1023;
            fixed.fid = Math.floor(rand() * 64);
          }
          return fromLayout(layout, fixed, rand);
        },
      });
    });
  }
  for (const app of APPS) {
    for (const type of app.types) {
      const base = type === 6 ? LAYOUTS.ADDRESSED_BINARY : LAYOUTS.BROADCAST_BINARY;
      const layout: LayoutSpec = { ...base, fields: base.fields.filter((f) => f.name !== 'data') };
      out.push({
        name: `type ${type} DAC ${app.dac} FI ${app.fid}`,
        layout,
        make: (rand) => {
          const m = fromLayout(layout, { type, dac: app.dac, fid: app.fid }, rand, app.fields);
          // The variant bit that selects this application's layout.
          if (app.when !== undefined) m[app.fields[0].name] = app.when.value;
          return m;
        },
      });
    }
  }
  return out;
}

const PER_LAYOUT = 300;

test('random valid messages of every type, variant and application survive encode → decode', () => {
  const rand = rng(20261128);
  let messages = 0;
  let fields = 0;
  const all = cases();
  for (const c of all) {
    for (let n = 0; n < PER_LAYOUT; n++) {
      const original = c.make(rand);
      const { payload, fillBits } = encodePayload(original as AisMessage);
      const decoded = decodePayload(payload, fillBits);
      if (isPayloadError(decoded)) assert.fail(`${c.name}: ${JSON.stringify(decoded)} from ${JSON.stringify(original)}`);
      const got = decoded as Record<string, unknown>;
      for (const [k, v] of Object.entries(original)) {
        if (got[k] !== v) assert.fail(`${c.name} field ${k}: sent ${JSON.stringify(v)}, got ${JSON.stringify(got[k])}\n${JSON.stringify(original)}`);
        fields++;
      }
      messages++;
    }
  }
  console.log(`round trip: ${all.length} layouts, ${messages} messages, ${fields} fields`);
  assert.ok(all.length >= 38);
});

test('decoded real messages re-encode to the same fields', () => {
  // A decoded message carries derived fields (full_name, timestamp): the encoder ignores them.
  const payloads: [string, number][] = [
    ['13HOI:0P0000VOHLCnHQKwvL05Ip', 0],
    ['55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp888888888880', 2],
    ['403Ovl@000Htt<tSF0l4Q@100`Pq', 0],
    ['E>k`sUoJK@@@@@@@@@@@@@@@@@@@MAuOIT5:`0@@@@@@@@@@@0', 4],
  ];
  for (const [p, f] of payloads) {
    const first = decodePayload(p, f);
    assert.ok(!isPayloadError(first));
    const again = decodePayload(encodePayload(first).payload, encodePayload(first).fillBits);
    assert.deepEqual(again, first);
  }
});

test('toSentences frames short and long messages as valid NMEA sentences with tag blocks', () => {
  const rand = rng(7);
  for (const c of cases()) {
    const msg = c.make(rand) as AisMessage;
    const { payload, fillBits } = encodePayload(msg);
    const lines = toSentences(msg, { talker: 'AB', channel: 'B', sequenceId: 3, tagBlock: { time: 1_700_000_000_500, station: 'r1', group: 42 } });
    let joined = '';
    lines.forEach((line, k) => {
      const m = /^\\([^*]*)\*([0-9A-F]{2})\\!(ABVDM,(\d),(\d),(\d?),B,([^,]*),(\d))\*([0-9A-F]{2})$/.exec(line);
      assert.ok(m, line);
      assert.equal(nmeaChecksum(m[1]), parseInt(m[2], 16), 'tag block checksum');
      assert.equal(nmeaChecksum(m[3]), parseInt(m[9], 16), 'sentence checksum');
      assert.ok(line.length - m[1].length - 5 <= 82, 'sentence within 82 characters');
      assert.equal(Number(m[4]), lines.length);
      assert.equal(Number(m[5]), k + 1);
      assert.equal(m[6], lines.length > 1 ? '3' : '');
      if (lines.length > 1) assert.ok(m[1].includes(`g:${k + 1}-${lines.length}-42`));
      if (k === 0) assert.ok(m[1].includes('c:1700000000') && m[1].includes('s:r1'));
      assert.equal(Number(m[8]), k === lines.length - 1 ? fillBits : 0);
      joined += m[7];
    });
    assert.equal(joined, payload);
  }
  const real = decodePayload('13HOI:0P0000VOHLCnHQKwvL05Ip', 0);
  assert.ok(!isPayloadError(real));
  assert.deepEqual(toSentences(real, { own: true }), ['!AIVDO,1,1,,A,13HOI:0P0000VOHLCnHQKwvL05Ip,0*21']);
});
