/**
 * Payload bits → typed message. Reads straight from the armoured characters through a
 * 6-bit lookup table into a reused buffer, then walks the compiled layout tables.
 */
import type { AisMessage } from '../types.js';
import { ARMOUR_TO_SIX } from './armour.js';
import { POW2, TIMESTAMP_STATUS, readHex, readText, readUint } from './bits.js';
import type { CompiledLayout } from './layout.js';
import { K_BOOL, K_HEX, K_INT, K_SECOND, K_SPARE, K_TEXT, K_TURN, K_UINT } from './layout.js';
import { APP_DATA_START, COMPILED, COMPILED_APPS, appKey } from './registry.js';
import { isAuxiliaryCraft } from './tables.js';
import { decodeBaseStation, decodeLongRange, decodePositionA, decodePositionB, decodeStaticA, decodeStaticB, decodeStaticVoyage } from './fast.js';

/** Why a payload could not be decoded. */
export type PayloadErrorReason = 'empty_payload' | 'bad_armour' | 'bad_fill_bits' | 'truncated' | 'unknown_type';

/** A payload that could not be decoded, with the reason. */
export interface PayloadError {
  error: PayloadErrorReason;
  detail?: string;
}

/**
 * Characters kept for decoding: 256 × 6 = 1536 bits, more than the longest message (type 26,
 * 5 slots). Characters past this are validated but ignored, like any bits past a layout.
 */
const MAX_CHARS = 256;
const six = new Uint8Array(MAX_CHARS + 8);

/**
 * Decodes the fields of a compiled layout from bit `base` into `msg`. Every field of the
 * layout is assigned (undefined when absent), so all messages of a layout share one shape.
 */
export function decodeFields(c: CompiledLayout, buf: Uint8Array, base: number, bitLen: number, msg: Record<string, unknown>): void {
  const { names, kinds, bits, scale, add, round, na, naFrom, rest } = c;
  let p = base;
  for (let f = 0; f < c.count; f++) {
    const kind = kinds[f];
    let w = bits[f];
    if (rest[f] === 1) {
      // A variable-length field takes every remaining bit, even past the standard's maximum
      // (real messages overrun it; the buffer caps the total).
      const avail = bitLen - c.tailBits - p;
      w = avail < 0 ? 0 : avail;
      if (kind === K_TEXT) w -= w % 6;
    }
    if (kind === K_SPARE) {
      p += w;
      continue;
    }
    const name = names[f];
    const room = bitLen - p;
    if (room < w && kind !== K_TEXT) {
      msg[name] = undefined;
      if (kind === K_TURN) msg.turn_raw = undefined;
      else if (kind === K_SECOND) msg.timestamp_status = undefined;
      p += w;
      continue;
    }
    switch (kind) {
      case K_UINT:
      case K_INT: {
        let raw = readUint(buf, p, w);
        if (kind === K_INT && raw >= POW2[w - 1]) raw -= POW2[w];
        if (raw === na[f] || raw >= naFrom[f]) msg[name] = undefined;
        else if (round[f] === 0 && scale[f] === 1) msg[name] = raw + add[f];
        else {
          const r = round[f];
          const v = raw / scale[f] + add[f];
          msg[name] = r === 0 ? v : Math.round(v * r) / r;
        }
        break;
      }
      case K_BOOL:
        msg[name] = readUint(buf, p, 1) === 1;
        break;
      case K_TEXT: {
        const chars = (room < w ? (room < 0 ? 0 : room) : w) / 6 | 0;
        msg[name] = chars === 0 ? undefined : readText(buf, p, chars);
        break;
      }
      case K_HEX:
        msg[name] = w === 0 ? undefined : readHex(buf, p, w);
        break;
      case K_TURN: {
        let raw = readUint(buf, p, 8);
        if (raw >= 128) raw -= 256;
        if (raw === -128) {
          msg.turn = undefined;
          msg.turn_raw = undefined;
        } else {
          const mag = raw < 0 ? -raw : raw;
          const rate = mag === 127 ? undefined : Math.round((mag / 4.733) ** 2 * 100) / 100;
          msg.turn = rate === undefined ? undefined : raw < 0 ? -rate : rate;
          msg.turn_raw = raw;
        }
        break;
      }
      case K_SECOND: {
        const raw = readUint(buf, p, 6);
        msg.second = raw < 60 ? raw : undefined;
        msg.timestamp_status = raw > 60 ? TIMESTAMP_STATUS[raw - 61] : undefined;
        break;
      }
      default:
        break;
    }
    p += w;
  }
}

function fail(error: PayloadErrorReason, detail?: string): PayloadError {
  return detail === undefined ? { error } : { error, detail };
}

/** Chooses the variant of a type with several layouts, or returns an error. */
function selectLayout(type: number, bitLen: number): CompiledLayout | PayloadError {
  const variants = COMPILED[type];
  switch (type) {
    case 22: {
      if (bitLen < 140) return fail('truncated', `type 22 needs 140 bits to tell addressed from broadcast, got ${bitLen}`);
      return variants[readUint(six, 139, 1)];
    }
    case 24: {
      if (bitLen < 40) return fail('truncated', `type 24 needs 40 bits for the part number, got ${bitLen}`);
      const part = readUint(six, 38, 2);
      if (part > 1) return fail('unknown_type', `type 24 part number ${part} is reserved`);
      if (part === 0) return variants[0];
      return variants[isAuxiliaryCraft(readUint(six, 8, 30)) ? 2 : 1];
    }
    case 25:
    case 26:
      if (bitLen < 40) return fail('truncated', `type ${type} needs 40 bits for its flags, got ${bitLen}`);
      return variants[readUint(six, 38, 2)];
    default:
      return variants[0];
  }
}

let fastPaths = true;

/** Switches the hand-written fast paths off (tests compare them with the table interpreter). */
export function useFastPaths(on: boolean): void {
  fastPaths = on;
}

/** Decode a (reassembled) armoured payload. Never throws. */
export function decodePayload(payload: string, fillBits: number): AisMessage | PayloadError {
  if (typeof payload !== 'string' || payload.length === 0) return fail('empty_payload');
  if (typeof fillBits !== 'number' || !(fillBits >= 0 && fillBits <= 5) || (fillBits | 0) !== fillBits) {
    return fail('bad_fill_bits', `fill bits ${String(fillBits)} not in 0–5`);
  }
  const n = payload.length;
  for (let k = 0; k < n; k++) {
    const c = payload.charCodeAt(k);
    const v = c < 128 ? ARMOUR_TO_SIX[c] : -1;
    if (v < 0) return fail('bad_armour', `character ${JSON.stringify(payload[k])} at ${k}`);
    if (k < MAX_CHARS) six[k] = v;
  }
  return decodeSixBits(n, fillBits);
}

/**
 * The buffer {@link decodeArmoured} reads: 6-bit values, one per armoured character, for
 * callers that convert while scanning the sentence (the NMEA layer's single pass).
 */
export const SIX_BITS: Uint8Array = six;

/** Characters of SIX_BITS that are read; later ones only need validating. */
export const SIX_BITS_CHARS = MAX_CHARS;

/**
 * Decodes a payload already converted into {@link SIX_BITS} by the caller, with the same
 * checks and results as {@link decodePayload}: `n` characters (only the first SIX_BITS_CHARS
 * stored), `badArmour` when any was outside the armour alphabet.
 */
export function decodeArmoured(n: number, fillBits: number, badArmour: boolean): AisMessage | PayloadError {
  if (n === 0) return fail('empty_payload');
  if (!(fillBits >= 0 && fillBits <= 5) || (fillBits | 0) !== fillBits) return fail('bad_fill_bits', `fill bits ${String(fillBits)} not in 0–5`);
  if (badArmour) return fail('bad_armour');
  return decodeSixBits(n, fillBits);
}

/** The message in `six` (n armoured characters, validated). */
function decodeSixBits(n: number, fillBits: number): AisMessage | PayloadError {
  const bitLen = (n < MAX_CHARS ? n : MAX_CHARS) * 6 - (n <= MAX_CHARS ? fillBits : 0);
  if (n === 1 && fillBits > 0) return fail('bad_fill_bits', `${fillBits} fill bits leave no message type`);
  const type = six[0];
  if (fastPaths) {
    // Hand-written decoders for the common types at their full length (fast.test.ts).
    if (bitLen >= 168) {
      if (type <= 3 && type >= 1) return decodePositionA(six);
      if (type === 18) return decodePositionB(six);
      if (type === 4 || type === 11) return decodeBaseStation(six);
    }
    if (type === 5 && bitLen >= 424) return decodeStaticVoyage(six);
    if (type === 24 && bitLen >= 168 && ((six[6] >> 2) & 3) === 0) return decodeStaticA(six);
    if (type === 24 && bitLen >= 168 && ((six[6] >> 2) & 3) === 1 && !isAuxiliaryCraft(readUint(six, 8, 30))) return decodeStaticB(six);
    if (type === 27 && bitLen >= 96) return decodeLongRange(six);
  }
  if (type < 1 || type > 27) return fail('unknown_type', `type ${type}`);
  const chosen = selectLayout(type, bitLen);
  if (!('count' in chosen)) return chosen;
  if (bitLen < chosen.minBits) return fail('truncated', `type ${type} needs ${chosen.minBits} bits, got ${bitLen}`);
  if (type === 6 || type === 8) return decodeBinary(chosen, type, bitLen);
  const msg: Record<string, unknown> = { ...chosen.template };
  decodeFields(chosen, six, 0, bitLen, msg);
  if (chosen.spec.finish !== undefined) chosen.spec.finish(msg);
  return msg as AisMessage;
}

/** Types 6 and 8: the addressing fields and raw data, plus the application's fields when known. */
function decodeBinary(base: CompiledLayout, type: number, bitLen: number): AisMessage {
  const start = APP_DATA_START[type];
  const entry = COMPILED_APPS.get(appKey(type, readUint(six, start - 16, 10), readUint(six, start - 6, 6)));
  const known =
    entry !== undefined &&
    bitLen - start >= entry.layout.minBits &&
    (entry.app.when === undefined || readUint(six, start + entry.app.when.bit, 1) === entry.app.when.value);
  const msg: Record<string, unknown> = known ? { ...entry.template } : { ...base.template };
  decodeFields(base, six, 0, bitLen, msg);
  if (known) {
    decodeFields(entry.layout, six, start, bitLen, msg);
    if (entry.app.finish !== undefined) entry.app.finish(msg);
  }
  return msg as AisMessage;
}

/** True when decodePayload returned an error rather than a message. */
export function isPayloadError(x: AisMessage | PayloadError): x is PayloadError {
  return typeof (x as Partial<PayloadError>).error === 'string';
}
