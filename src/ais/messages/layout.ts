/**
 * Message layouts as data: every message type (and every variant of one) is a table of
 * fields in wire order. The same tables drive the decoder, the encoder and docs/ais-fields.md.
 */

/**
 * How a field's bits become a value.
 * - uint / int: unsigned / two's-complement integer, then `value = raw / scale + add`.
 * - bool: one bit.
 * - text: 6-bit text, cut at the first '@' and trimmed of trailing spaces.
 * - hex: raw bits as lower-case hex, zero-padded to whole bytes (pyais style).
 * - spare: skipped on decode, zeros on encode.
 * - turn: rate of turn indicator (ROT_AIS), converted to degrees per minute.
 * - second: UTC second of a position report; 60–63 are status codes, not seconds.
 */
export type FieldKind = 'uint' | 'int' | 'bool' | 'text' | 'hex' | 'spare' | 'turn' | 'second';

/** One field of a layout. */
export interface FieldSpec {
  /** Property name in the decoded message (pyais naming). */
  name: string;
  /** Width in bits; for `rest` fields the maximum width. */
  bits: number;
  kind: FieldKind;
  /** Wire units per natural unit: value = raw / scale + add. */
  scale?: number;
  add?: number;
  /** Raw wire value meaning "not available": decoded as an absent field. */
  na?: number;
  /** Raw values at and above this are also "not available" (e.g. reserved codes). */
  naFrom?: number;
  /** The field takes all remaining bits (up to `bits`), in whole characters for text. */
  rest?: boolean;
  /** Natural unit, for the documentation. */
  unit?: string;
  /** Notes for the documentation (meaning of special values). */
  note?: string;
}

/** A complete layout of one message type or variant. */
export interface LayoutSpec {
  /** Documentation title, e.g. "Type 1–3: position report class A". */
  title: string;
  fields: FieldSpec[];
  /** Fewer bits than this is a truncated message; fields past the end of shorter-than-nominal payloads are absent. */
  minBits: number;
  /** The encoder omits trailing absent fields past minBits (types 7, 13, 15, 16, 20). */
  trimTail?: boolean;
  /** Bits reserved after a `rest` field (type 26's communication state). */
  tailBits?: number;
  /** Properties computed from the decoded fields (not on the wire), with their documentation. */
  derived?: { name: string; unit?: string; note: string }[];
  /** Computes the derived properties and cross-field sentinels after decoding. */
  finish?: (msg: Record<string, unknown>) => void;
}

export const K_UINT = 0;
export const K_INT = 1;
export const K_BOOL = 2;
export const K_TEXT = 3;
export const K_HEX = 4;
export const K_SPARE = 5;
export const K_TURN = 6;
export const K_SECOND = 7;

const KIND_CODE: Record<FieldKind, number> = {
  uint: K_UINT, int: K_INT, bool: K_BOOL, text: K_TEXT, hex: K_HEX, spare: K_SPARE, turn: K_TURN, second: K_SECOND,
};

/**
 * A layout compiled to parallel arrays for the decoder's inner loop: no per-field objects or
 * closures are touched while decoding.
 */
export interface CompiledLayout {
  spec: LayoutSpec;
  count: number;
  names: string[];
  kinds: Uint8Array;
  bits: Uint16Array;
  /** Bit offset of each field when every field before it has its nominal width. */
  pos: Uint16Array;
  scale: Float64Array;
  add: Float64Array;
  /** Rounding factor (10^decimals) applied to scaled values, 0 for none. */
  round: Float64Array;
  /** Sentinel raw value, or NaN when none. */
  na: Float64Array;
  naFrom: Float64Array;
  rest: Uint8Array;
  /** Index of the first field whose offset depends on a `rest` field, or count when none. */
  firstAfterRest: number;
  minBits: number;
  tailBits: number;
  trimTail: boolean;
  /** Sum of nominal widths. */
  nominalBits: number;
  /**
   * Every property a decoded message of this layout has, all undefined: decoding starts from
   * a copy, so the object has its final shape before any field is stored.
   */
  template: Record<string, undefined>;
}

/** The properties a layout's decoder writes, in order: fields, companions, derived ones. */
export function propertyNames(spec: LayoutSpec): string[] {
  const names: string[] = [];
  for (const f of spec.fields) {
    if (f.kind === 'spare') continue;
    names.push(f.name);
    if (f.kind === 'turn') names.push('turn_raw');
    if (f.kind === 'second') names.push('timestamp_status');
  }
  for (const d of spec.derived ?? []) if (!d.name.startsWith('(') && !names.includes(d.name)) names.push(d.name);
  return names;
}

/** An object with the given properties, all undefined. */
export function templateOf(names: string[]): Record<string, undefined> {
  // JSON.parse builds a fast-mode object with every property in place; adding them one by one
  // would switch an object of more than a dozen properties to slow dictionary mode.
  const t = JSON.parse(JSON.stringify(Object.fromEntries(names.map((n) => [n, 0])))) as Record<string, unknown>;
  // Store values of several kinds first so V8 gives every field the general (tagged)
  // representation: copies then never change map when a number or string is stored.
  for (const n of names) t[n] = 0;
  for (const n of names) t[n] = 0.5;
  for (const n of names) t[n] = '';
  for (const n of names) t[n] = undefined;
  return t as Record<string, undefined>;
}

function decimalsFor(scale: number): number {
  // Powers of ten show exactly their resolution; other scales (1/600000 degree) round to
  // 6 decimals like pyais, which still resolves every wire value.
  const l = Math.log10(scale);
  return Math.abs(l - Math.round(l)) < 1e-9 ? Math.round(l) : 6;
}

/** Compiles a layout table into the decoder's array form. */
export function compileLayout(spec: LayoutSpec): CompiledLayout {
  const n = spec.fields.length;
  const c: CompiledLayout = {
    spec,
    count: n,
    names: spec.fields.map((f) => f.name),
    kinds: new Uint8Array(n),
    bits: new Uint16Array(n),
    pos: new Uint16Array(n),
    scale: new Float64Array(n),
    add: new Float64Array(n),
    round: new Float64Array(n),
    na: new Float64Array(n),
    naFrom: new Float64Array(n),
    rest: new Uint8Array(n),
    firstAfterRest: n,
    minBits: spec.minBits,
    tailBits: spec.tailBits ?? 0,
    trimTail: spec.trimTail ?? false,
    nominalBits: 0,
    template: templateOf(propertyNames(spec)),
  };
  let pos = 0;
  spec.fields.forEach((f, i) => {
    c.kinds[i] = KIND_CODE[f.kind];
    c.bits[i] = f.bits;
    c.pos[i] = pos;
    c.scale[i] = f.scale ?? 1;
    c.add[i] = f.add ?? 0;
    const d = decimalsFor(f.scale ?? 1);
    c.round[i] = f.scale !== undefined && f.scale !== 1 ? 10 ** d : 0;
    c.na[i] = f.na ?? NaN;
    c.naFrom[i] = f.naFrom ?? Infinity;
    c.rest[i] = f.rest ? 1 : 0;
    if (f.rest && c.firstAfterRest === n) c.firstAfterRest = i + 1;
    pos += f.bits;
  });
  c.nominalBits = pos;
  return c;
}
