/**
 * Message → armoured payload: the inverse of decodePayload, driven by the same layout tables.
 */
import type { AisMessage } from '../types.js';
import { SIX_TO_ARMOUR, TEXT_TO_SIX } from './armour.js';
import { POW2 } from './bits.js';
import type { CompiledLayout } from './layout.js';
import { K_BOOL, K_HEX, K_INT, K_SECOND, K_SPARE, K_TEXT, K_TURN, K_UINT } from './layout.js';
import { APP_DATA_START, COMPILED, COMPILED_APPS, appKey } from './registry.js';
import { isAuxiliaryCraft } from './tables.js';

/** A bit sink that emits 6-bit armour characters as soon as it has six bits. */
class BitWriter {
  /** Pending bits, fewer than 6 between writes. */
  private acc = 0;
  private accBits = 0;
  private payload = '';
  /** Bits written so far. */
  length = 0;

  /** Appends the low `width` bits of a non-negative integer (width ≤ 53). */
  write(value: number, width: number): void {
    if (width > 24) {
      // High part first; each part fits 32-bit integer arithmetic.
      const low = 16777216;
      this.write(Math.floor(value / low) % POW2[width - 24], width - 24);
      this.write(value % low, 24);
      return;
    }
    if (width <= 0) return;
    this.acc = (this.acc << width) | (value & ((1 << width) - 1));
    this.accBits += width;
    this.length += width;
    while (this.accBits >= 6) {
      this.accBits -= 6;
      this.payload += SIX_TO_ARMOUR[(this.acc >>> this.accBits) & 63];
    }
    this.acc &= (1 << this.accBits) - 1;
  }

  armour(): { payload: string; fillBits: number } {
    const fillBits = (6 - (this.length % 6)) % 6;
    this.write(0, fillBits);
    return { payload: this.payload, fillBits };
  }
}

const STATUS_CODE: Record<string, number> = { manual: 61, estimated: 62, inoperative: 63 };

function clampInt(raw: number, width: number, signed: boolean): number {
  const lo = signed ? -POW2[width - 1] : 0;
  const hi = (signed ? POW2[width - 1] : POW2[width]) - 1;
  const v = raw === raw && raw !== Infinity && raw !== -Infinity ? Math.round(raw) : lo;
  const clamped = v < lo ? lo : v > hi ? hi : v;
  return clamped < 0 ? clamped + POW2[width] : clamped;
}

function textBits(w: BitWriter, text: unknown, chars: number): void {
  const s = typeof text === 'string' ? text : '';
  for (let k = 0; k < chars; k++) {
    const c = k < s.length ? s.charCodeAt(k) : 64; // pad with '@'
    const v = c < 128 ? TEXT_TO_SIX[c] : -1;
    w.write(v < 0 ? 63 : v, 6); // unencodable characters become '?'
  }
}

function hexBits(w: BitWriter, hex: unknown, maxBits: number): void {
  const s = typeof hex === 'string' ? hex : '';
  const nibbles = Math.min(s.length, Math.floor(maxBits / 4));
  for (let k = 0; k < nibbles; k++) {
    const v = parseInt(s[k], 16);
    w.write(Number.isNaN(v) ? 0 : v, 4);
  }
  const left = maxBits - nibbles * 4;
  if (nibbles < s.length && left > 0) {
    const v = parseInt(s[nibbles], 16);
    w.write((Number.isNaN(v) ? 0 : v) >> (4 - left), left);
  }
}

/** Raw wire value of a numeric field, the sentinel when the value is absent. */
function numericRaw(c: CompiledLayout, f: number, value: unknown, signed: boolean): number {
  const width = c.bits[f];
  if (typeof value !== 'number' || Number.isNaN(value)) {
    const na = c.na[f];
    const naFrom = c.naFrom[f];
    return clampInt(!Number.isNaN(na) ? na : Number.isFinite(naFrom) ? naFrom : 0, width, signed);
  }
  return clampInt((value - c.add[f]) * c.scale[f], width, signed);
}

function turnRaw(msg: Record<string, unknown>): number {
  const turn = msg.turn;
  if (typeof turn === 'number' && Number.isFinite(turn)) {
    const mag = Math.min(126, Math.round(4.733 * Math.sqrt(Math.abs(turn))));
    return turn < 0 ? -mag : mag;
  }
  const raw = msg.turn_raw;
  return typeof raw === 'number' && raw >= -127 && raw <= 127 ? Math.round(raw) : -128;
}

function secondRaw(msg: Record<string, unknown>): number {
  const s = msg.second;
  if (typeof s === 'number' && s >= 0 && s < 60) return Math.floor(s);
  const status = msg.timestamp_status;
  return typeof status === 'string' ? (STATUS_CODE[status] ?? 60) : 60;
}

/** Index one past the last field to write: trimmed layouts stop after their last present field. */
function fieldsToWrite(c: CompiledLayout, msg: Record<string, unknown>): number {
  if (!c.trimTail) return c.count;
  let last = 0;
  for (let f = 0; f < c.count; f++) {
    if (c.pos[f] + c.bits[f] <= c.minBits) last = f + 1;
    else if (c.kinds[f] !== K_SPARE && msg[c.names[f]] !== undefined) last = f + 1;
  }
  // Keep the spare bits that close a group.
  while (last < c.count && c.kinds[last] === K_SPARE) last++;
  return last;
}

/** Writes the fields of a compiled layout from `msg`. */
export function encodeFields(c: CompiledLayout, msg: Record<string, unknown>, w: BitWriter, skipData = false): void {
  const end = fieldsToWrite(c, msg);
  for (let f = 0; f < end; f++) {
    const width = c.bits[f];
    const name = c.names[f];
    switch (c.kinds[f]) {
      case K_UINT:
        w.write(numericRaw(c, f, msg[name], false), width);
        break;
      case K_INT:
        w.write(numericRaw(c, f, msg[name], true), width);
        break;
      case K_BOOL:
        w.write(msg[name] === true ? 1 : 0, 1);
        break;
      case K_TEXT: {
        if (c.rest[f] === 1) {
          const s = typeof msg[name] === 'string' ? (msg[name]) : '';
          textBits(w, s, Math.min(s.length, Math.floor(width / 6)));
        } else textBits(w, msg[name], width / 6);
        break;
      }
      case K_HEX:
        if (c.rest[f] === 1) {
          if (!skipData) hexBits(w, msg[name], width);
        } else {
          // A fixed-width bit field (FI 24's SOLAS statuses): exactly `width` bits.
          const start = w.length;
          hexBits(w, msg[name], width);
          w.write(0, width - (w.length - start));
        }
        break;
      case K_TURN:
        w.write(clampInt(turnRaw(msg), 8, true), 8);
        break;
      case K_SECOND:
        w.write(secondRaw(msg), 6);
        break;
      default:
        w.write(0, width);
        break;
    }
  }
}

function selectVariant(msg: Record<string, unknown>): CompiledLayout | undefined {
  const type = msg.type;
  if (typeof type !== 'number' || type < 1 || type > 27 || !Number.isInteger(type)) return undefined;
  const variants = COMPILED[type];
  switch (type) {
    case 22:
      return variants[msg.addressed === true ? 1 : 0];
    case 24:
      if (msg.partno !== 1) return variants[0];
      return variants[isAuxiliaryCraft(Number(msg.mmsi)) ? 2 : 1];
    case 25:
    case 26:
      return variants[(msg.addressed === true ? 2 : 0) + (msg.structured === true ? 1 : 0)];
    default:
      return variants[0];
  }
}

/** Encode a message into an armoured payload (the inverse of decodePayload). Throws a RangeError for a type outside 1–27. */
export function encodePayload(msg: AisMessage): { payload: string; fillBits: number } {
  const m = msg as Record<string, unknown>;
  const layout = selectVariant(m);
  if (layout === undefined) throw new RangeError(`cannot encode message type ${String(m.type)}`);
  const w = new BitWriter();
  const type = m.type as number;
  // Binary messages without raw data but with a known application: encode its fields.
  const app = (type === 6 || type === 8) && typeof m.data !== 'string'
    ? COMPILED_APPS.get(appKey(type, Number(m.dac), Number(m.fid)))
    : undefined;
  encodeFields(layout, m, w, app !== undefined);
  if (app !== undefined) {
    if (w.length !== APP_DATA_START[type]) throw new Error('binary message header length mismatch');
    encodeFields(app.layout, m, w);
  }
  return w.armour();
}
